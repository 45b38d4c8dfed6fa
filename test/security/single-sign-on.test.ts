/**
 * Single sign-on for staff against a real OpenID provider (oidc-provider on a loopback port),
 * driven over HTTP as a browser would: the first sign-in creates the staff member with the roles
 * its claims map to; later sign-ins follow the provider (a role added or taken away there is added
 * or taken away in Writ, and with no role left the person is refused and their sessions end). An
 * unverified e-mail, an ID token from another issuer or for another client, a replayed state, a
 * callback in a browser that did not begin the sign-in, and an e-mail that belongs to an officer
 * are refused, each with its event, and open no session.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { createPrincipal } from '../../src/store/principal-repository.ts';
import type { WorkflowContext } from '../../src/workflow/context.ts';
import { enrollPrincipal } from '../../src/workflow/enroll-principal.ts';
import { testClock, testContext } from '../support/context.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { seedDirectory } from '../support/factories.ts';
import { freePort, signOnOverHttp, startTestProvider, type TestProvider } from '../support/openid-provider.ts';

let t: TestDb;
let ctx: WorkflowContext;
let app: FastifyInstance;
let idp: TestProvider;
let writ: string;

before(async () => {
  t = await createTestDb();
  ctx = testContext(t.db, testClock(new Date()));
  const port = await freePort();
  writ = `http://127.0.0.1:${port}`;
  idp = await startTestProvider(`${writ}/api/v1/session/sso/callback`);
  app = await buildApp({ ctx, logLevel: 'silent', sso: idp.ssoConfig(writ) });
  await app.listen({ port, host: '127.0.0.1' });
  idp.accounts.set('ana', {
    email: 'Ana.Lopez@Provider.Example',
    emailVerified: true,
    name: 'Ana López',
    roles: ['writ-reviewers', 'everyone'],
  });
});

after(async () => {
  await app?.close();
  await idp?.close();
  await t?.drop();
});

const principalByEmail = (email: string) =>
  t.db
    .selectFrom('principals')
    .select(['id', 'kind', 'name', 'roles', 'oidc_issuer', 'oidc_subject'])
    .where('email', '=', email)
    .executeTakeFirst();

const eventsOf = async (type: string) =>
  (await t.db.selectFrom('events').select(['payload']).where('type', '=', type).orderBy('id').execute()).map(
    (e) => e.payload as Record<string, unknown>,
  );

const me = (session: string) => fetch(`${writ}/api/v1/me`, { headers: { cookie: `writ_session=${session}` } });

test('the sign-in page is told single sign-on is offered', async () => {
  const res = await fetch(`${writ}/api/v1/session/options`);
  assert.deepEqual(await res.json(), { singleSignOn: true, passkeys: true });
});

test('the start sends the browser to the provider with PKCE (S256), state and nonce, and a binding cookie', async () => {
  const res = await fetch(`${writ}/api/v1/session/sso`, { redirect: 'manual' });
  assert.equal(res.status, 303);
  const to = new URL(res.headers.get('location')!);
  assert.equal(to.origin, idp.issuer);
  for (const p of ['state', 'nonce', 'code_challenge'])
    assert.ok((to.searchParams.get(p) ?? '').length >= 43, `${p} carries at least 256 bits`);
  assert.equal(to.searchParams.get('code_challenge_method'), 'S256');
  assert.equal(to.searchParams.get('response_type'), 'code');
  assert.equal(to.searchParams.get('redirect_uri'), `${writ}/api/v1/session/sso/callback`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('writ_sso='));
  assert.match(cookie ?? '', /HttpOnly/i);
  assert.match(cookie ?? '', /SameSite=Lax/i);
  assert.match(cookie ?? '', /Path=\/api\/v1\/session\/sso/);
  const row = await t.db.selectFrom('sso_attempts').selectAll().orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  assert.notEqual(row.state_hash, to.searchParams.get('state'), 'the state is kept as a hash');
});

test('the first sign-in creates the staff member with the mapped roles and opens a session with a CSRF token', async () => {
  const s = await signOnOverHttp(writ, 'ana');
  assert.equal(s.landing, '/console', 'nothing secret in the address');
  assert.ok(s.session, 'a session cookie');
  const p = await principalByEmail('ana.lopez@provider.example');
  assert.ok(p);
  assert.deepEqual(
    { kind: p.kind, name: p.name, roles: p.roles, iss: p.oidc_issuer, sub: p.oidc_subject },
    { kind: 'staff', name: 'Ana López', roles: ['reviewer'], iss: idp.issuer, sub: 'ana' },
  );
  const who = (await (await me(s.session)).json()) as { id: string; roles: string[] };
  assert.equal(who.id, p.id);
  assert.deepEqual(who.roles, ['reviewer']);

  // The session's CSRF token, as the console's page asks for it: a change made with cookie and token
  // passes the CSRF check (and is refused only for the role), without the token it is refused as forged.
  const { csrfToken: csrf } = (await (
    await fetch(`${writ}/api/v1/session`, { headers: { cookie: `writ_session=${s.session}` } })
  ).json()) as { csrfToken: string };
  const post = (headers: Record<string, string>) =>
    fetch(`${writ}/api/v1/ledger/checkpoints`, {
      method: 'POST',
      headers: { cookie: `writ_session=${s.session}`, 'content-type': 'application/json', ...headers },
      body: '{}',
    });
  const withToken = (await (await post({ 'x-csrf-token': csrf })).json()) as { detail: string };
  assert.equal(withToken.detail, 'Your role may not do this');
  const without = (await (await post({})).json()) as { detail: string };
  assert.match(without.detail, /x-csrf-token/);

  assert.deepEqual(
    (await eventsOf('principal.enrolled')).filter((e) => e.principalId === p.id),
    [{ principalId: p.id, kind: 'staff' }],
  );
  assert.ok((await eventsOf('session.started')).some((e) => e.principalId === p.id && e.method === 'single_sign_on'));
});

test('roles follow the provider at each sign-in: added, and taken away', async () => {
  const ana = idp.accounts.get('ana')!;
  ana.roles = ['writ-reviewers', 'writ-approvers'];
  const first = await signOnOverHttp(writ, 'ana');
  const p = await principalByEmail('ana.lopez@provider.example');
  assert.deepEqual(p?.roles, ['reviewer', 'approver']);

  ana.roles = ['writ-approvers'];
  const second = await signOnOverHttp(writ, 'ana');
  assert.ok(second.session);
  assert.deepEqual((await principalByEmail('ana.lopez@provider.example'))?.roles, ['approver']);
  // Roles are read at each request: the earlier session lost the reviewer role as well.
  assert.deepEqual(((await (await me(first.session!)).json()) as { roles: string[] }).roles, ['approver']);
  const changes = (await eventsOf('principal.roles_changed')).filter((e) => e.principalId === p!.id);
  assert.deepEqual(
    changes.map((e) => [e.previous, e.roles]),
    [
      [['reviewer'], ['reviewer', 'approver']],
      [['reviewer', 'approver'], ['approver']],
    ],
  );

  // Every Writ role taken away: refused, and the sessions still open end.
  ana.roles = ['everyone'];
  const third = await signOnOverHttp(writ, 'ana');
  assert.equal(third.landing, '/#sso-refused=sso_no_role');
  assert.equal(third.session, undefined);
  assert.deepEqual((await principalByEmail('ana.lopez@provider.example'))?.roles, []);
  assert.equal((await me(second.session!)).status, 401, 'the open session ended');
  ana.roles = ['writ-reviewers'];
});

test('an unverified e-mail address is refused and creates nobody', async () => {
  idp.accounts.set('eve', { email: 'eve@provider.example', emailVerified: false, name: 'Eve', roles: ['writ-admins'] });
  const s = await signOnOverHttp(writ, 'eve');
  assert.equal(s.landing, '/#sso-refused=sso_email');
  assert.equal(s.session, undefined);
  assert.equal(await principalByEmail('eve@provider.example'), undefined);
  assert.ok((await eventsOf('session.refused')).some((e) => e.reason === 'sso_email'));
});

test('a person with no Writ role at the provider is refused and not created', async () => {
  idp.accounts.set('olga', { email: 'olga@provider.example', emailVerified: true, name: 'Olga', roles: ['sales'] });
  const s = await signOnOverHttp(writ, 'olga');
  assert.equal(s.landing, '/#sso-refused=sso_no_role');
  assert.equal(await principalByEmail('olga@provider.example'), undefined);
});

test('an ID token from another issuer, or for another client, is refused', async () => {
  for (const tamper of [{ iss: 'http://127.0.0.1:1/elsewhere' }, { aud: 'another-application' }]) {
    idp.tamper = tamper;
    try {
      const s = await signOnOverHttp(writ, 'ana');
      assert.equal(s.landing, '/#sso-refused=sso_token', JSON.stringify(tamper));
      assert.equal(s.session, undefined);
    } finally {
      idp.tamper = null;
    }
  }
  // Re-signed with nothing changed, the token passes: the refusals were the issuer's and audience's doing.
  idp.tamper = {};
  try {
    assert.ok((await signOnOverHttp(writ, 'ana')).session);
  } finally {
    idp.tamper = null;
  }
});

test('a replayed state is refused, as is a callback in a browser that did not begin the sign-in', async () => {
  const s = await signOnOverHttp(writ, 'ana');
  assert.ok(s.session);
  const replay = await fetch(s.callback, { redirect: 'manual', headers: { cookie: s.writCookies } });
  assert.equal(replay.headers.get('location'), '/#sso-refused=sso_state');
  assert.equal(
    replay.headers.getSetCookie().some((c) => c.startsWith('writ_session=') && !/writ_session=;/.test(c)),
    false,
  );

  // An attacker's own sign-in (its code and state) pushed into a victim's browser, which holds no
  // binding cookie of that attempt.
  const begun = await fetch(`${writ}/api/v1/session/sso`, { redirect: 'manual' });
  const state = new URL(begun.headers.get('location')!).searchParams.get('state')!;
  const pushed = await fetch(`${writ}/api/v1/session/sso/callback?code=made-up&state=${state}`, {
    redirect: 'manual',
  });
  assert.equal(pushed.headers.get('location'), '/#sso-refused=sso_state');
  const refusals = (await eventsOf('session.refused')).filter((e) => e.reason === 'sso_state');
  assert.equal(refusals.length, 2);
});

test('an e-mail address that belongs to an agency officer cannot sign in as staff', async () => {
  const dir = await seedDirectory(ctx);
  await createPrincipal(t.db, {
    kind: 'officer',
    name: 'Officer',
    email: 'officer@police.example',
    agencyId: dir.usPolice,
  });
  idp.accounts.set('cop', {
    email: 'officer@police.example',
    emailVerified: true,
    name: 'Cop',
    roles: ['writ-admins'],
  });
  const s = await signOnOverHttp(writ, 'cop');
  assert.equal(s.landing, '/#sso-refused=sso_not_staff');
  assert.equal((await principalByEmail('officer@police.example'))?.kind, 'officer');
});

test('a staff member enrolled with a password is tied to the subject on the first single sign-on', async () => {
  const e = await enrollPrincipal(ctx, {
    principal: { kind: 'staff', name: 'Pia Password', email: 'pia@provider.example', roles: ['auditor', 'reviewer'] },
    password: 'correct horse battery staple',
  });
  idp.accounts.set('pia-at-idp', {
    email: 'pia@provider.example',
    emailVerified: true,
    name: 'Pia',
    roles: ['writ-auditors'],
  });
  const s = await signOnOverHttp(writ, 'pia-at-idp');
  assert.ok(s.session);
  const p = await principalByEmail('pia@provider.example');
  assert.deepEqual([p?.id, p?.oidc_subject, p?.roles], [e.principalId, 'pia-at-idp', ['auditor']]);

  // Another subject of the provider with the same e-mail later (an address handed on): refused.
  idp.accounts.set('someone-else', {
    email: 'pia@provider.example',
    emailVerified: true,
    name: 'X',
    roles: ['writ-admins'],
  });
  assert.equal((await signOnOverHttp(writ, 'someone-else')).landing, '/#sso-refused=sso_not_staff');
});

test('a provider that cannot be reached sends the browser back to the sign-in page, saying so', async () => {
  const away = await buildApp({
    ctx,
    logLevel: 'silent',
    sso: { ...idp.ssoConfig(writ), issuer: new URL('http://127.0.0.1:1/') },
  });
  try {
    const start = await away.inject({ method: 'GET', url: '/api/v1/session/sso' });
    assert.equal(start.statusCode, 303);
    assert.equal(start.headers.location, '/#sso-refused=unavailable');
    assert.equal(start.headers['set-cookie'], undefined, 'no attempt was begun');
  } finally {
    await away.close();
  }
});

test('without WRIT_OIDC_* single sign-on is off: not offered, and its routes answer 503', async () => {
  const off = await buildApp({ ctx, logLevel: 'silent' });
  try {
    const options = await off.inject({ method: 'GET', url: '/api/v1/session/options' });
    assert.equal(options.json().singleSignOn, false);
    const start = await off.inject({ method: 'GET', url: '/api/v1/session/sso' });
    assert.equal(start.statusCode, 503);
    assert.equal(start.headers['content-type'], 'application/problem+json; charset=utf-8');
  } finally {
    await off.close();
  }
});
