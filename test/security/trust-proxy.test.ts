/**
 * Behind the recommended TLS proxy (WRIT_TRUST_PROXY): the session cookie is Secure when the client
 * spoke HTTPS to the proxy, and sign-in's rate limit counts each client, not the proxy. A client
 * that is not a configured proxy cannot claim another address or HTTPS.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { loadConfig, ConfigError } from '../../src/config/env.ts';
import { totpAt } from '../../src/domain/totp.ts';
import { buildApp } from '../../src/http/app.ts';
import { enrollPrincipal } from '../../src/workflow/enroll-principal.ts';
import type { WorkflowContext } from '../../src/workflow/context.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testClock, testContext } from '../support/context.ts';

let t: TestDb;
let ctx: WorkflowContext;
let behindProxy: FastifyInstance;
let direct: FastifyInstance;
const clock = testClock('2026-11-02T09:00:00Z');
const PASSWORD = 'correct horse battery staple';
const PROXY = '10.0.0.5';

before(async () => {
  t = await createTestDb();
  ctx = testContext(t.db, clock);
  behindProxy = await buildApp({
    ctx,
    logLevel: 'silent',
    trustProxy: loadConfig({ WRIT_TRUST_PROXY: '10.0.0.0/8' }).trustProxy,
  });
  direct = await buildApp({ ctx, logLevel: 'silent' });
});
after(async () => {
  await behindProxy.close();
  await direct.close();
  await t.drop();
});

const signIn = (
  app: FastifyInstance,
  email: string,
  totp: string,
  from: string,
  headers: Record<string, string> = {},
) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/session',
    remoteAddress: from,
    headers,
    payload: { email, password: PASSWORD, totp },
  });

test('WRIT_TRUST_PROXY takes addresses and CIDR ranges; anything else is a configuration error', () => {
  assert.equal(loadConfig({}).trustProxy, false);
  assert.deepEqual(loadConfig({ WRIT_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).trustProxy, [
    '127.0.0.1',
    '10.0.0.0/8',
    '::1',
  ]);
  for (const bad of ['true', '10.0.0.0/33', 'proxy.example', '1'])
    assert.throws(() => loadConfig({ WRIT_TRUST_PROXY: bad }), ConfigError, bad);
});

test('behind a trusted proxy over HTTPS the session cookie is Secure; a client cannot claim HTTPS itself', async () => {
  const e = await enrollPrincipal(ctx, {
    principal: { kind: 'staff', name: 'P', email: 'proxy@provider.example', roles: ['reviewer'] },
    password: PASSWORD,
  });
  clock.advance(60_000);
  const viaProxy = await signIn(behindProxy, 'proxy@provider.example', totpAt(e.totpSecret, clock.now()), PROXY, {
    'x-forwarded-proto': 'https',
    'x-forwarded-for': '203.0.113.7',
  });
  assert.equal(viaProxy.statusCode, 201, viaProxy.body);
  assert.equal(viaProxy.cookies.find((c) => c.name === 'writ_session')?.secure, true);
  clock.advance(60_000);
  const spoofed = await signIn(direct, 'proxy@provider.example', totpAt(e.totpSecret, clock.now()), '198.51.100.9', {
    'x-forwarded-proto': 'https',
  });
  assert.equal(spoofed.statusCode, 201, spoofed.body);
  assert.notEqual(spoofed.cookies.find((c) => c.name === 'writ_session')?.secure, true, 'plain HTTP: not Secure');
});

test('rate limits see each client behind the proxy, not the proxy', async () => {
  const attempts = async (client: string, n: number) => {
    const codes: number[] = [];
    for (let i = 0; i < n; i++)
      codes.push(
        (await signIn(behindProxy, 'limited@provider.example', '000000', PROXY, { 'x-forwarded-for': client }))
          .statusCode,
      );
    return codes;
  };
  assert.ok((await attempts('203.0.113.20', 12)).includes(429), 'one client is limited');
  assert.ok(!(await attempts('203.0.113.21', 3)).includes(429), 'another client behind the same proxy is not');
});
