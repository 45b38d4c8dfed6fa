/**
 * A real OpenID provider for the single sign-on tests: oidc-provider on a loopback port, with one
 * confidential client (Writ), a signing key the test knows, test accounts whose claims (e-mail,
 * e-mail verified, roles) the test changes between sign-ins, and a plain login page (a username
 * field and a button) in place of the provider's own. `tamper` makes the token endpoint answer
 * with an ID token re-signed with the provider's key but another issuer or audience: what Writ
 * would get from a provider it must not trust, or a token minted for another application.
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { SsoConfig } from '../../src/config/sso-config.ts';
import { parseRoleMap } from '../../src/domain/staff-role-claims.ts';

export interface TestAccount {
  email: string;
  emailVerified: boolean;
  name: string;
  /** The provider's groups, as its `roles` claim carries them. */
  roles: string[];
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  accounts: Map<string, TestAccount>;
  /** Re-sign the next ID tokens with these claims changed (null: leave them as the provider made them). */
  tamper: { iss?: string; aud?: string } | null;
  /** Writ's configuration for this provider. */
  ssoConfig(writUrl: string): SsoConfig;
  close(): Promise<void>;
}

/** The mapping the tests configure: the provider's group names to Writ's roles. */
export const ROLE_MAP =
  'writ-reviewers=reviewer,writ-approvers=approver,writ-admins=administrator,writ-auditors=auditor';

const html = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** `redirectUri`: Writ's callback, as registered for the client. */
export async function startTestProvider(redirectUri: string): Promise<TestProvider> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'ES256', use: 'sig' };
  const clientId = 'writ';
  const clientSecret = randomBytes(24).toString('base64url');
  const accounts = new Map<string, TestAccount>();

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    scopes: ['openid', 'email', 'profile', 'roles'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], roles: ['roles'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    async findAccount(_ctx, sub) {
      const a = accounts.get(sub);
      if (!a) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, email: a.email, email_verified: a.emailVerified, name: a.name, roles: a.roles }),
      };
    },
  });
  const handle = provider.callback();

  const t: TestProvider = {
    issuer,
    clientId,
    accounts,
    tamper: null,
    ssoConfig: (writUrl) => ({
      issuer: new URL(issuer),
      clientId,
      clientSecret,
      redirectUrl: new URL('/api/v1/session/sso/callback', writUrl),
      scope: 'openid email profile roles',
      rolesClaim: 'roles',
      roleMap: parseRoleMap(ROLE_MAP).map,
    }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  /** The token endpoint's answer with its ID token re-signed as `tamper` says. */
  const tampering = (res: ServerResponse, change: { iss?: string; aud?: string }) => {
    const chunks: Buffer[] = [];
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    res.write = ((c: Buffer | string) => {
      chunks.push(Buffer.from(c));
      return true;
    }) as typeof res.write;
    res.end = ((c?: Buffer | string) => {
      if (c) chunks.push(Buffer.from(c));
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id_token?: string };
      if (body.id_token) {
        const [h, p] = body.id_token.split('.') as [string, string];
        const claims = { ...JSON.parse(Buffer.from(p, 'base64url').toString('utf8')), ...change };
        const input = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
        const sig = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
        body.id_token = `${input}.${sig.toString('base64url')}`;
      }
      const out = Buffer.from(JSON.stringify(body));
      res.removeHeader('content-length');
      res.setHeader('content-length', out.length);
      write(out);
      return end();
    }) as typeof res.end;
  };

  server.on('request', async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const m = /^\/interaction\/([^/?]+)(\/login)?/.exec(req.url ?? '');
      if (!m) {
        if (t.tamper && req.method === 'POST' && req.url?.startsWith('/token')) tampering(res, t.tamper);
        return handle(req, res);
      }
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'POST' && m[2]) {
        const login = (await formBody(req)).get('login') ?? '';
        if (accounts.has(login)) {
          const grant = new provider.Grant({ accountId: login, clientId: details.params.client_id as string });
          grant.addOIDCScope(String(details.params.scope));
          const grantId = await grant.save();
          return await provider.interactionFinished(
            req,
            res,
            { login: { accountId: login }, consent: { grantId } },
            { mergeWithLastSubmission: false },
          );
        }
      }
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html lang="en"><head><title>Test identity provider</title></head><body><main>
<h1>Test identity provider</h1>
<form method="post" action="/interaction/${html(m[1]!)}/login">
<label for="login">Username</label> <input id="login" name="login" autocomplete="username">
<button type="submit">Continue</button>
</form></main></body></html>`);
    } catch (e) {
      res.statusCode = 500;
      res.end(String(e));
    }
  });
  return t;
}

/** A loopback port free right now (Writ's callback URL must be known before Writ listens). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** Cookies as a browser keeps them for one site (names are enough here: one path each). */
class Jar {
  readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export interface HttpSignOn {
  /** Where Writ's callback sent the browser. */
  landing: string;
  /** The session cookie Writ set, if it did. */
  session: string | undefined;
  /** The callback URL the provider sent the browser to (to replay it). */
  callback: string;
  /** Writ's cookies as the browser held them when it reached the callback. */
  writCookies: string;
}

/**
 * Single sign-on driven as a browser would, over HTTP: Writ's start, the provider's redirects and
 * login form (as `login`), back to Writ's callback. `beforeCallback` may change the callback URL.
 */
export async function signOnOverHttp(
  writUrl: string,
  login: string,
  beforeCallback: (url: URL) => URL = (u) => u,
): Promise<HttpSignOn> {
  const writ = new Jar();
  const idp = new Jar();
  const start = await fetch(`${writUrl}/api/v1/session/sso`, { redirect: 'manual' });
  if (start.status !== 303) throw new Error(`start answered ${start.status}: ${await start.text()}`);
  writ.take(start);
  let next = new URL(start.headers.get('location')!);
  for (let hops = 0; hops < 10 && !next.href.startsWith(writUrl); hops++) {
    let res = await fetch(next, { redirect: 'manual', headers: { cookie: idp.header() } });
    idp.take(res);
    if (res.status === 200 && next.pathname.startsWith('/interaction/')) {
      res = await fetch(new URL(`${next.pathname}/login`, next), {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: idp.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ login }).toString(),
      });
      idp.take(res);
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`the provider answered ${res.status} at ${next.pathname}: ${await res.text()}`);
    next = new URL(location, next);
  }
  const callback = beforeCallback(next);
  const back = await fetch(callback, { redirect: 'manual', headers: { cookie: writ.header() } });
  const cookies = writ.header();
  writ.take(back);
  return {
    landing: back.headers.get('location') ?? `(${back.status})`,
    session: writ.cookies.get('writ_session'),
    callback: callback.href,
    writCookies: cookies,
  };
}
