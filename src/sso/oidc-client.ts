/**
 * Writ as an OpenID Connect relying party (openid-client): the authorization code flow with PKCE
 * (S256), state and nonce, and a confidential client. The provider's discovery document is read
 * on first use and kept; a failed read is tried again on the next sign-in. Every check on the
 * answer (state, the `iss` of the authorization response, the ID token's signature, issuer,
 * audience, expiry and nonce, PKCE at the token endpoint, the userinfo subject) is openid-client's;
 * a failure becomes an SsoRefused with the library's reason code, never a 500.
 */
import * as oidc from 'openid-client';
import { type SsoConfig, isLoopback } from '../config/sso-config.ts';
import type { SsoSecrets } from '../store/sso-repository.ts';

/** Who the provider vouched for, once every check passed. */
export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  /** The ID token's claims, with the userinfo answer's over them (roles often come from there). */
  claims: Record<string, unknown>;
}

/** The provider could not be reached, or answered with no usable configuration. */
export class SsoUnavailable extends Error {}
/** The provider's answer failed a check; `code` names which (for the log, never for the user). */
export class SsoRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface OidcClient {
  readonly config: SsoConfig;
  newSecrets(): SsoSecrets;
  authorizationUrl(secrets: SsoSecrets): Promise<URL>;
  /** `query`: the callback's query string as the browser brought it. */
  verify(query: URLSearchParams, secrets: SsoSecrets): Promise<VerifiedIdentity>;
}

export function oidcClient(config: SsoConfig): OidcClient {
  let discovered: Promise<oidc.Configuration> | null = null;
  const configuration = () => {
    discovered ??= oidc
      .discovery(config.issuer, config.clientId, undefined, oidc.ClientSecretBasic(config.clientSecret), {
        // Only a provider on this machine's loopback may speak plain http (config checks the URL).
        execute: config.issuer.protocol === 'http:' && isLoopback(config.issuer) ? [oidc.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((e: unknown) => {
        discovered = null;
        throw new SsoUnavailable(`the identity provider's configuration could not be read: ${(e as Error).message}`);
      });
    return discovered;
  };

  return {
    config,
    newSecrets: () => ({
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
    }),

    async authorizationUrl(s) {
      const c = await configuration();
      return oidc.buildAuthorizationUrl(c, {
        redirect_uri: config.redirectUrl.href,
        scope: config.scope,
        state: s.state,
        nonce: s.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(s.codeVerifier),
        code_challenge_method: 'S256',
      });
    },

    async verify(query, s) {
      const c = await configuration();
      // The redirect URL as registered, with the parameters the browser brought: behind a proxy
      // the request's own URL may differ, and the token request must name the registered one.
      const current = new URL(config.redirectUrl);
      current.search = query.toString();
      try {
        const tokens = await oidc.authorizationCodeGrant(c, current, {
          pkceCodeVerifier: s.codeVerifier,
          expectedState: s.state,
          expectedNonce: s.nonce,
          idTokenExpected: true,
        });
        const id = tokens.claims();
        if (!id) throw new SsoRefused('no_id_token', 'the provider sent no ID token');
        let claims: Record<string, unknown> = { ...id };
        if (c.serverMetadata().userinfo_endpoint) {
          const info = await oidc.fetchUserInfo(c, tokens.access_token, id.sub);
          // The ID token's registered claims stay as verified; the rest may come from userinfo.
          claims = { ...id, ...info, iss: id.iss, sub: id.sub, aud: id.aud };
        }
        const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null;
        return {
          issuer: id.iss,
          subject: id.sub,
          email: email || null,
          // Only a real `true` counts (some providers send the string "true": not accepted).
          emailVerified: claims.email_verified === true,
          name: typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : null,
          claims,
        };
      } catch (e) {
        if (e instanceof SsoRefused) throw e;
        const err = e as Error & { code?: string; error?: string };
        // A network failure (fetch's TypeError) is the provider being away, not a bad answer.
        if (err instanceof TypeError && !err.code)
          throw new SsoUnavailable(`the identity provider could not be reached: ${err.message}`);
        throw new SsoRefused(err.error ?? err.code ?? err.name, err.message);
      }
    },
  };
}
