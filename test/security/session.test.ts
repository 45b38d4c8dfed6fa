/**
 * Signing in as a person: argon2id password plus TOTP, an HttpOnly SameSite=Strict session cookie,
 * CSRF protection on state-changing requests, lock-out after repeated failures, no code replay,
 * and officers enrolled only from a verified agency domain.
 */
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../src/domain/errors.ts';
import { totpAt } from '../../src/domain/totp.ts';
import { buildApp } from '../../src/http/app.ts';
import { enrollPrincipal } from '../../src/workflow/enroll-principal.ts';
import { verify } from '@node-rs/argon2';
import { sql } from 'kysely';
import {
  MAX_FAILED_SIGN_INS,
  SESSION_HOURS,
  signIn as signInWorkflow,
  type PasswordVerifier,
} from '../../src/workflow/sign-in.ts';
import type { WorkflowContext } from '../../src/workflow/context.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testClock, testContext } from '../support/context.ts';
import { seedDirectory, warrantInput, type Directory } from '../support/factories.ts';

let t: TestDb;
let app: FastifyInstance;
let ctx: WorkflowContext;
let dir: Directory;
const clock = testClock('2026-11-02T09:00:00Z');
const PASSWORD = 'correct horse battery staple';

before(async () => {
  t = await createTestDb();
  ctx = testContext(t.db, clock);
  dir = await seedDirectory(ctx);
  app = await buildApp({ ctx, logLevel: 'silent' });
});
after(async () => {
  await app.close();
  await t.drop();
});

async function enrolStaff(email: string, roles: ('reviewer' | 'intake')[] = ['reviewer']) {
  return enrollPrincipal(ctx, { principal: { kind: 'staff', name: email, email, roles }, password: PASSWORD });
}

function signIn(email: string, password: string, totp: string) {
  return app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password, totp } });
}

const refusals = async () =>
  Number(
    (
      await t.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('type', '=', 'session.refused')
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('sign-in', () => {
  test('password and code open a session cookie that authenticates, with CSRF on writes', async () => {
    const e = await enrolStaff('rev@provider.example');
    clock.advance(60_000);
    const res = await signIn('rev@provider.example', PASSWORD, totpAt(e.totpSecret, clock.now()));
    assert.equal(res.statusCode, 201, res.body);
    const cookie = res.cookies.find((c) => c.name === 'writ_session')!;
    assert.ok(cookie.httpOnly);
    assert.equal(String(cookie.sameSite).toLowerCase(), 'strict');
    // A lifetime, not a date: a browser whose clock is off still keeps the cookie for the session.
    assert.equal(cookie.maxAge, SESSION_HOURS * 3600);
    assert.equal(cookie.expires, undefined);
    const { csrfToken } = res.json() as { csrfToken: string };

    const me = await app.inject({ method: 'GET', url: '/api/v1/me', cookies: { writ_session: cookie.value } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().id, e.principalId);

    const evalBody = warrantInput(dir);
    const noCsrf = await app.inject({
      method: 'POST',
      url: '/api/v1/evaluate',
      cookies: { writ_session: cookie.value },
      payload: evalBody,
    });
    assert.equal(noCsrf.statusCode, 403);
    const wrongCsrf = await app.inject({
      method: 'POST',
      url: '/api/v1/evaluate',
      cookies: { writ_session: cookie.value },
      headers: { 'x-csrf-token': 'nope' },
      payload: evalBody,
    });
    assert.equal(wrongCsrf.statusCode, 403);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/evaluate',
      cookies: { writ_session: cookie.value },
      headers: { 'x-csrf-token': csrfToken },
      payload: evalBody,
    });
    assert.equal(ok.statusCode, 200, ok.body);

    const out = await app.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      cookies: { writ_session: cookie.value },
      headers: { 'x-csrf-token': csrfToken },
    });
    assert.equal(out.statusCode, 204);
    const after = await app.inject({ method: 'GET', url: '/api/v1/me', cookies: { writ_session: cookie.value } });
    assert.equal(after.statusCode, 401);
  });

  test("GET /api/v1/session tells the cookie's holder its CSRF token, same origin only", async () => {
    const e = await enrolStaff('tabs@provider.example');
    clock.advance(60_000);
    const res = await signIn('tabs@provider.example', PASSWORD, totpAt(e.totpSecret, clock.now()));
    assert.equal(res.statusCode, 201, res.body);
    const cookie = res.cookies.find((c) => c.name === 'writ_session')!.value;
    const started = res.json() as { csrfToken: string; expiresAt: string };

    // Another tab of the same browser: the cookie alone yields the same token, not cacheable.
    const got = await app.inject({
      method: 'GET',
      url: '/api/v1/session',
      cookies: { writ_session: cookie },
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    assert.equal(got.statusCode, 200, got.body);
    assert.equal(got.headers['cache-control'], 'no-store');
    assert.deepEqual(got.json(), { principalId: e.principalId, ...started });
    const change = await app.inject({
      method: 'POST',
      url: '/api/v1/evaluate',
      cookies: { writ_session: cookie },
      headers: { 'x-csrf-token': got.json().csrfToken },
      payload: warrantInput(dir),
    });
    assert.equal(change.statusCode, 200, change.body);

    // A page of another site never learns it: refused when the browser says so, and without the
    // cookie (SameSite=Strict keeps it off cross-site requests) there is no session to tell.
    for (const site of ['cross-site', 'same-site', 'none']) {
      const r = await app.inject({
        method: 'GET',
        url: '/api/v1/session',
        cookies: { writ_session: cookie },
        headers: { 'sec-fetch-site': site },
      });
      assert.equal(r.statusCode, 403, site);
      assert.ok(!r.body.includes(started.csrfToken));
    }
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/session' })).statusCode, 401);
    assert.equal(
      (await app.inject({ method: 'GET', url: '/api/v1/session', cookies: { writ_session: 'forged' } })).statusCode,
      401,
    );
    // No CORS is granted: a cross-origin script could not read the answer anyway.
    assert.equal(got.headers['access-control-allow-origin'], undefined);

    // A session whose token was not derived from it (opened before this scheme) must sign in again.
    await t.db
      .updateTable('sessions')
      .set({ csrf_hash: 'x'.repeat(64) })
      .where('principal_id', '=', e.principalId)
      .execute();
    const old = await app.inject({ method: 'GET', url: '/api/v1/session', cookies: { writ_session: cookie } });
    assert.equal(old.statusCode, 401);
  });

  test('a wrong password, a wrong code and an unknown e-mail are refused alike, and recorded', async () => {
    const e = await enrolStaff('rev2@provider.example');
    clock.advance(60_000);
    const before = await refusals();
    const code = totpAt(e.totpSecret, clock.now());
    const answers = [
      await signIn('rev2@provider.example', 'wrong password!!', code),
      await signIn('rev2@provider.example', PASSWORD, '000000'),
      await signIn('nobody@provider.example', PASSWORD, code),
    ];
    for (const a of answers) {
      assert.equal(a.statusCode, 401);
      assert.equal(a.json().detail, answers[0]!.json().detail, 'the answer does not say which factor failed');
    }
    assert.equal((await refusals()) - before, 3);
  });

  test('a code is accepted once only', async () => {
    const e = await enrolStaff('rev3@provider.example');
    clock.advance(60_000);
    const code = totpAt(e.totpSecret, clock.now());
    assert.equal((await signIn('rev3@provider.example', PASSWORD, code)).statusCode, 201);
    assert.equal((await signIn('rev3@provider.example', PASSWORD, code)).statusCode, 401);
  });

  test('five failures lock the account, even against the right password', async () => {
    const e = await enrolStaff('rev4@provider.example');
    for (let i = 0; i < 5; i++) await signIn('rev4@provider.example', 'not the password', '123456');
    clock.advance(60_000);
    assert.equal((await signIn('rev4@provider.example', PASSWORD, totpAt(e.totpSecret, clock.now()))).statusCode, 401);
    clock.advance(16 * 60_000);
    assert.equal((await signIn('rev4@provider.example', PASSWORD, totpAt(e.totpSecret, clock.now()))).statusCode, 201);
  });
});

describe('enrolment', () => {
  test('an officer is enrolled only from a verified domain of its agency', async () => {
    await assert.rejects(
      enrollPrincipal(ctx, {
        principal: { kind: 'officer', name: 'Fake', email: 'chief@gmail.com', agencyId: dir.usPolice },
        password: PASSWORD,
      }),
      (e: unknown) => e instanceof DomainError && e.code === 'forbidden',
    );
    await assert.rejects(
      enrollPrincipal(ctx, {
        principal: { kind: 'officer', name: 'Near', email: 'chief@springfie1d-pd.example', agencyId: dir.usPolice },
        password: PASSWORD,
      }),
      (e: unknown) => e instanceof DomainError && e.code === 'forbidden',
    );
    const ok = await enrollPrincipal(ctx, {
      principal: { kind: 'officer', name: 'Real', email: 'det@springfield-pd.example', agencyId: dir.usPolice },
      password: PASSWORD,
    });
    assert.match(ok.otpauthUri, /^otpauth:\/\/totp\//);
    const row = await t.db
      .selectFrom('principals')
      .select(['password_hash'])
      .where('id', '=', ok.principalId)
      .executeTakeFirstOrThrow();
    assert.match(row.password_hash!, /^\$argon2id\$/);
  });

  test('a short password is refused', async () => {
    await assert.rejects(
      enrolStaff('short@provider.example').then(() =>
        enrollPrincipal(ctx, {
          principal: { kind: 'staff', name: 's', email: 's2@provider.example', roles: ['intake'] },
          password: 'short',
        }),
      ),
      (e: unknown) => e instanceof DomainError && e.code === 'invalid_input',
    );
  });
});

test('sign-in attempts are rate-limited per address and account, with a problem+json answer', async () => {
  const answers = [];
  for (let i = 0; i < 12; i++) answers.push(await signIn('flood@provider.example', 'whatever password', '123456'));
  const limited = answers.filter((a) => a.statusCode === 429);
  assert.ok(limited.length >= 1);
  assert.equal(limited[0]!.headers['content-type'], 'application/problem+json; charset=utf-8');
  // Another account from the same address is not affected.
  assert.equal((await signIn('other@provider.example', 'whatever password', '123456')).statusCode, 401);
});

test('security headers are set on every answer', async () => {
  const res = await app.inject({ method: 'GET', url: '/healthz' });
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.ok(String(res.headers['content-security-policy']).includes("default-src 'self'"));
  assert.ok(res.headers['strict-transport-security']);
});

describe('races and timing (issue 14)', () => {
  test('one TOTP code sent concurrently opens one session', async () => {
    const e = await enrolStaff('race-totp@provider.example');
    clock.advance(60_000);
    const code = totpAt(e.totpSecret, clock.now());
    const answers = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        signInWorkflow(ctx, { email: 'race-totp@provider.example', password: PASSWORD, totp: code }),
      ),
    );
    assert.equal(answers.filter((a) => a.status === 'fulfilled').length, 1);
    const sessions = await t.db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('principal_id', '=', e.principalId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(sessions.n), 1);
  });

  test('concurrent wrong guesses cannot pass the five-failure lock-out', async () => {
    const e = await enrolStaff('race-lock@provider.example');
    const own = (
      await t.db
        .selectFrom('principals')
        .select('password_hash')
        .where('id', '=', e.principalId)
        .executeTakeFirstOrThrow()
    ).password_hash;
    let checked = 0;
    const counting: PasswordVerifier = async (hash, password) => {
      if (hash === own) checked++;
      return verify(hash, password).catch(() => false);
    };
    await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        signInWorkflow(
          ctx,
          { email: 'race-lock@provider.example', password: `guess number ${i}`, totp: '123456' },
          counting,
        ),
      ),
    );
    assert.equal(checked, MAX_FAILED_SIGN_INS, 'only five guesses reach the password hash');
    const reasons = await t.db
      .selectFrom('events')
      .select((eb) => sql<string>`${eb.ref('payload')}->>'reason'`.as('reason'))
      .where('type', '=', 'session.refused')
      .where(sql<string>`payload->>'principalId'`, '=', e.principalId)
      .execute();
    assert.equal(reasons.filter((r) => r.reason === 'password').length, MAX_FAILED_SIGN_INS);
    assert.equal(reasons.filter((r) => r.reason === 'locked').length, 20 - MAX_FAILED_SIGN_INS);
    clock.advance(60_000);
    await assert.rejects(
      signInWorkflow(ctx, {
        email: 'race-lock@provider.example',
        password: PASSWORD,
        totp: totpAt(e.totpSecret, clock.now()),
      }),
    );
  });

  test('locked, disabled, unknown and known accounts each cost one password hash of the same work', async () => {
    const known = await enrolStaff('timing-known@provider.example');
    const locked = await enrolStaff('timing-locked@provider.example');
    const disabled = await enrolStaff('timing-disabled@provider.example');
    await t.db.updateTable('principals').set({ disabled: true }).where('id', '=', disabled.principalId).execute();
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++)
      await assert.rejects(
        signInWorkflow(ctx, { email: 'timing-locked@provider.example', password: 'wrong one', totp: '1' }),
      );
    const costs = async (email: string) => {
      const hashes: string[] = [];
      const counting: PasswordVerifier = async (hash, password) => {
        hashes.push(hash.split('$').slice(0, 4).join('$'));
        return verify(hash, password).catch(() => false);
      };
      await assert.rejects(signInWorkflow(ctx, { email, password: 'not the password', totp: '000000' }, counting));
      return hashes;
    };
    const knownCost = await costs('timing-known@provider.example');
    assert.equal(knownCost.length, 1);
    assert.deepEqual(await costs('timing-locked@provider.example'), knownCost);
    assert.deepEqual(await costs('timing-disabled@provider.example'), knownCost);
    assert.deepEqual(await costs('nobody-here@provider.example'), knownCost);
    assert.ok(known.principalId && locked.principalId);
  });
});
