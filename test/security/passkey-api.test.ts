/**
 * The passkey routes from outside a browser: the first step of a passkey sign-in answers alike for
 * an unknown e-mail, a wrong password and a right one (nothing tells which factor failed, nor
 * whether the account has passkeys); a made-up attempt, a malformed assertion and a replayed step
 * are refused with problem+json, never a 500; registration needs a browser session; nobody
 * removes another person's passkey.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { insertPasskey } from '../../src/store/passkey-repository.ts';
import { issueToken } from '../../src/store/principal-repository.ts';
import type { WorkflowContext } from '../../src/workflow/context.ts';
import { enrollPrincipal } from '../../src/workflow/enroll-principal.ts';
import { testClock, testContext } from '../support/context.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

const PASSWORD = 'correct horse battery staple';
let t: TestDb;
let ctx: WorkflowContext;
let app: FastifyInstance;
let ada: { principalId: string };

before(async () => {
  t = await createTestDb();
  ctx = testContext(t.db, testClock('2026-11-02T09:00:00Z'));
  app = await buildApp({ ctx, logLevel: 'silent', passkeys: { origin: 'https://writ.provider.example' } });
  ada = await enrollPrincipal(ctx, {
    principal: { kind: 'staff', name: 'Ada', email: 'ada@provider.example', roles: ['reviewer'] },
    password: PASSWORD,
  });
  await insertPasskey(
    t.db,
    {
      id: 'YWRhLXBhc3NrZXk',
      principalId: ada.principalId,
      publicKey: new Uint8Array(77),
      counter: 3,
      transports: ['internal'],
      deviceType: 'multiDevice',
      backedUp: true,
      name: 'Ada’s phone',
    },
    ctx.now(),
  );
});

after(async () => {
  await app?.close();
  await t?.drop();
});

const options = (email: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/v1/session/passkey/options', payload: { email, password } });

/** An answer with its random parts blanked: what is left is what an observer could compare. */
const shape = (body: { attempt: string; options: Record<string, unknown> }) => ({
  attempt: body.attempt.length,
  options: { ...body.options, challenge: (body.options.challenge as string).length },
});

test('the first step answers alike for an unknown e-mail, a wrong password and a right one', async () => {
  const right = await options('ada@provider.example', PASSWORD);
  const wrong = await options('ada@provider.example', 'not the password at all');
  const unknown = await options('nobody@provider.example', PASSWORD);
  for (const r of [right, wrong, unknown]) assert.equal(r.statusCode, 200);
  assert.deepEqual(shape(wrong.json()), shape(right.json()));
  assert.deepEqual(shape(unknown.json()), shape(right.json()));
  assert.equal(right.json().options.rpId, 'writ.provider.example');
  assert.deepEqual(right.json().options.allowCredentials ?? [], [], 'no credential is named');
  assert.notEqual(right.json().attempt, wrong.json().attempt);
});

test('a made-up attempt, a malformed or foreign assertion: refused, never a 500', async () => {
  const good = (await options('ada@provider.example', PASSWORD)).json() as { attempt: string };
  const assertion = (id: string) => ({
    id,
    rawId: id,
    type: 'public-key',
    response: { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'AAAA' },
    clientExtensionResults: {},
  });
  const send = (payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/api/v1/session/passkey', payload });

  const madeUp = await send({ attempt: 'x'.repeat(43), response: assertion('YWRhLXBhc3NrZXk') });
  assert.equal(madeUp.statusCode, 401);
  assert.equal(madeUp.headers['content-type'], 'application/problem+json; charset=utf-8');

  // Ada's attempt, her credential id, an assertion that is no signature at all.
  const forged = await send({ attempt: good.attempt, response: assertion('YWRhLXBhc3NrZXk') });
  assert.equal(forged.statusCode, 401);
  // The attempt was used up by that try.
  const again = await send({ attempt: good.attempt, response: assertion('YWRhLXBhc3NrZXk') });
  assert.equal(again.statusCode, 401);

  for (const bad of [
    { attempt: good.attempt },
    { attempt: good.attempt, response: { ...assertion('a'), type: 'x' } },
  ]) {
    const r = await send(bad);
    assert.equal(r.statusCode, 422, JSON.stringify(bad));
  }
  const refusals = await t.db.selectFrom('events').select('payload').where('type', '=', 'session.refused').execute();
  assert.ok(refusals.some((e) => (e.payload as { reason: string }).reason === 'passkey'));
  assert.equal((await t.db.selectFrom('sessions').select('id_hash').execute()).length, 0, 'no session was opened');
});

test('registration needs a browser session; an API token is not one', async () => {
  const token = await issueToken(t.db, ada.principalId, 'test');
  const r = await app.inject({
    method: 'POST',
    url: '/api/v1/passkeys/registration-options',
    headers: { authorization: `Bearer ${token}` },
    payload: {},
  });
  assert.equal(r.statusCode, 409);
  const list = await app.inject({
    method: 'GET',
    url: '/api/v1/passkeys',
    headers: { authorization: `Bearer ${token}` },
  });
  assert.deepEqual(
    list.json().map((p: { name: string }) => p.name),
    ['Ada’s phone'],
  );
});

test('nobody removes another person’s passkey', async () => {
  const bo = await enrollPrincipal(ctx, {
    principal: { kind: 'staff', name: 'Bo', email: 'bo@provider.example', roles: ['administrator'] },
    password: PASSWORD,
  });
  const token = await issueToken(t.db, bo.principalId, 'test');
  const r = await app.inject({
    method: 'DELETE',
    url: '/api/v1/passkeys/YWRhLXBhc3NrZXk',
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(r.statusCode, 404);
  assert.equal((await t.db.selectFrom('passkeys').select('id').execute()).length, 1);
});
