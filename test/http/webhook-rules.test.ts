/**
 * The rules around webhook endpoints: a URL that breaks one is refused as problem+json naming
 * /url; private, loopback and link-local addresses only where the operator allows them (and plain
 * http only to loopback, and only then); a tenant cannot see or touch another tenant's endpoints
 * (404, as for any other tenant's record), in the routes and in SQL; at most ten endpoints each.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/http/app.ts';
import {
  MAX_ENDPOINTS_PER_CUSTOMER,
  type WebhookEndpointView,
  type WebhookEndpointWithSecret,
} from '../../src/domain/webhook.ts';
import { asTenant } from '../../src/store/tenant-scope.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testClock, testContext } from '../support/context.ts';
import { seedDirectory, type Directory } from '../support/factories.ts';
import { assertProblem, tokenFor } from '../support/http-kit.ts';
import { WebhookReceiver } from '../notify/support/webhook-receiver.ts';

type Auth = { authorization: string };

let t: TestDb;
let strict: FastifyInstance;
let permissive: FastifyInstance;
let dir: Directory;
let adminA: Auth;
let adminB: Auth;
const hooks = new WebhookReceiver();

before(async () => {
  t = await createTestDb();
  const ctx = testContext(t.db, testClock('2026-11-02T09:00:00Z'));
  dir = await seedDirectory(ctx);
  // The default: public addresses only. And an operator who allows private ones (tests, local set-ups).
  strict = await buildApp({ ctx, logLevel: 'silent' });
  permissive = await buildApp({ ctx, logLevel: 'silent', webhooks: { allowPrivate: true, timeoutMs: 2000 } });
  await hooks.start();
  adminA = (await tokenFor(t.db, { adminOf: dir.enterprise })).auth;
  adminB = (await tokenFor(t.db, { adminOf: dir.consumer })).auth;
});

after(async () => {
  await strict?.close();
  await permissive?.close();
  await hooks.stop();
  await t?.drop();
});

const urlOf = (customer: string) => `/api/v1/customers/${customer}/webhooks`;
const register = (app: FastifyInstance, url: unknown, auth = adminA, extra: object = {}) =>
  app.inject({ method: 'POST', url: urlOf(dir.enterprise), headers: auth, payload: { url, ...extra } });

describe('the URL is checked at registration', () => {
  test('malformed or unsafe URLs are refused naming /url', async () => {
    const bad = [
      'not a url',
      'hooks.example.com/writ',
      'ftp://hooks.example.com/writ',
      'http://hooks.example.com/writ',
      'https://user:secret@hooks.example.com/writ',
      'https://hooks.example.com/writ#part',
      'https://no-such-host.invalid/writ',
    ];
    for (const url of bad) {
      const p = assertProblem(await register(strict, url), 422, ['/url']);
      assert.ok(
        p.errors!.every((e) => e.pointer === '/url'),
        `${url}: ${JSON.stringify(p.errors)}`,
      );
    }
    assertProblem(await register(strict, ''), 422, ['/url']);
    assertProblem(
      await strict.inject({ method: 'POST', url: urlOf(dir.enterprise), headers: adminA, payload: {} }),
      422,
      ['/url'],
    );
    assertProblem(await register(strict, 'https://hooks.example.com/', adminA, { secret: 'whsec_mine' }), 422, [
      '/secret',
    ]);
    assertProblem(await register(strict, `https://hooks.example.com/${'a'.repeat(2100)}`), 422, ['/url']);
    const count = await t.db
      .selectFrom('webhook_endpoints')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0, 'nothing was stored');
  });

  test('private, loopback, link-local and mapped addresses are refused unless the operator allows them', async () => {
    const privateUrls = [
      `https://127.0.0.1:${hooks.port}/x`,
      'https://10.1.2.3/x',
      'https://192.168.1.10/x',
      'https://169.254.169.254/latest/meta-data',
      'https://100.64.0.1/x',
      'https://[::1]/x',
      'https://[fd00::1]/x',
      'https://[::ffff:10.0.0.1]/x',
      'https://localhost/x',
      'https://api.localhost/x',
    ];
    for (const url of privateUrls) {
      const p = assertProblem(await register(strict, url), 422, ['/url']);
      assert.match(p.detail, /private, loopback or link-local/, url);
    }
    // Allowed by the operator: https anywhere private, and http to loopback only.
    for (const url of [
      'https://10.1.2.3/x',
      `http://127.0.0.1:${hooks.port}/x`,
      `http://localhost:${hooks.port}/x`,
      `http://[::1]:${hooks.port}/x`,
    ]) {
      const res = await register(permissive, url);
      assert.equal(res.statusCode, 201, `${url}: ${res.body}`);
      await permissive.inject({
        method: 'DELETE',
        url: `${urlOf(dir.enterprise)}/${(res.json() as WebhookEndpointView).id}`,
        headers: adminA,
      });
    }
    for (const url of ['http://10.1.2.3/x', 'http://192.168.1.10/x'])
      assertProblem(await register(permissive, url), 422, ['/url']);
  });
});

describe('tenants', () => {
  let mine: WebhookEndpointWithSecret;

  before(async () => {
    const res = await register(permissive, `http://127.0.0.1:${hooks.port}/tenant-a`);
    assert.equal(res.statusCode, 201, res.body);
    mine = res.json() as WebhookEndpointWithSecret;
  });

  test("another tenant's endpoints do not exist for a customer admin: 404 on every route", async () => {
    const theirs = `${urlOf(dir.enterprise)}/${mine.id}`;
    const viaOwn = `${urlOf(dir.consumer)}/${mine.id}`;
    for (const url of [urlOf(dir.enterprise), theirs, `${theirs}/deliveries`, viaOwn, `${viaOwn}/deliveries`]) {
      assertProblem(await permissive.inject({ method: 'GET', url, headers: adminB }), 404);
    }
    for (const path of [theirs, viaOwn]) {
      for (const action of ['rotate-secret', 'disable', 'enable', 'test'])
        assertProblem(await permissive.inject({ method: 'POST', url: `${path}/${action}`, headers: adminB }), 404);
      assertProblem(await permissive.inject({ method: 'DELETE', url: path, headers: adminB }), 404);
    }
    assertProblem(
      await permissive.inject({
        method: 'POST',
        url: urlOf(dir.enterprise),
        headers: adminB,
        payload: { url: `http://127.0.0.1:${hooks.port}/intruder` },
      }),
      404,
    );
    // Its own list is empty, and the endpoint is untouched.
    const own = await permissive.inject({ method: 'GET', url: urlOf(dir.consumer), headers: adminB });
    assert.deepEqual((own.json() as { items: unknown[] }).items, []);
    const after = (
      await permissive.inject({ method: 'GET', url: theirs, headers: adminA })
    ).json() as WebhookEndpointView;
    assert.deepEqual([after.status, after.secretRotatedAt, after.lastDelivery], ['active', null, null]);
    assert.equal(hooks.received.length, 0, 'no test was sent for the intruder');
  });

  test('in SQL too: the tenant role sees only its own endpoints and deliveries, and no secret at all', async () => {
    await t.db
      .insertInto('webhook_deliveries')
      .values({
        endpoint_id: mine.id,
        job_id: null,
        webhook_id: 'ping:sql',
        attempted_at: new Date(),
        status_code: 204,
        ok: true,
        error: null,
        duration_ms: 1,
      })
      .execute();
    const seenByB = await asTenant(t.db, dir.consumer, async (tx) => ({
      endpoints: (await sql`select id from webhook_endpoints`.execute(tx)).rows.length,
      deliveries: (await sql`select id from webhook_deliveries`.execute(tx)).rows.length,
    }));
    assert.deepEqual(seenByB, { endpoints: 0, deliveries: 0 });
    const seenByA = await asTenant(
      t.db,
      dir.enterprise,
      async (tx) => (await sql`select id from webhook_deliveries`.execute(tx)).rows.length,
    );
    assert.equal(seenByA, 1);
    await assert.rejects(
      asTenant(t.db, dir.enterprise, (tx) => sql`select secret from webhook_endpoints`.execute(tx)),
      /permission denied/,
    );
    await assert.rejects(
      asTenant(t.db, dir.enterprise, (tx) => sql`update webhook_endpoints set enabled = false`.execute(tx)),
      /permission denied/,
    );
  });

  test(`at most ${MAX_ENDPOINTS_PER_CUSTOMER} endpoints a customer (removed ones do not count)`, async () => {
    const live = (
      (await permissive.inject({ method: 'GET', url: urlOf(dir.enterprise), headers: adminA })).json() as {
        items: unknown[];
      }
    ).items.length;
    for (let i = live; i < MAX_ENDPOINTS_PER_CUSTOMER; i++)
      assert.equal((await register(permissive, `http://127.0.0.1:${hooks.port}/n${i}`)).statusCode, 201);
    const p = assertProblem(await register(permissive, `http://127.0.0.1:${hooks.port}/one-too-many`), 409);
    assert.match(p.detail, /at most 10/);
    assert.equal(
      (await permissive.inject({ method: 'DELETE', url: `${urlOf(dir.enterprise)}/${mine.id}`, headers: adminA }))
        .statusCode,
      200,
    );
    assert.equal((await register(permissive, `http://127.0.0.1:${hooks.port}/room-again`)).statusCode, 201);
  });
});
