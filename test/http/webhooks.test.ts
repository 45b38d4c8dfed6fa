/**
 * A customer admin manages its webhook endpoints over HTTP, against a real receiver on loopback
 * that checks each message with the Standard Webhooks scheme and the secret the API returned:
 * register (the secret shown once), send a test, read the delivery log page by page, rotate the
 * secret, switch off and on, remove. Every change is an event; no secret is ever shown again.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/http/app.ts';
import type { WebhookDeliveryView, WebhookEndpointView, WebhookEndpointWithSecret } from '../../src/domain/webhook.ts';
import { enabledEndpoints } from '../../src/store/webhook-repository.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testClock, testContext } from '../support/context.ts';
import { seedDirectory, type Directory } from '../support/factories.ts';
import { assertProblem, tokenFor } from '../support/http-kit.ts';
import { WebhookReceiver, verifyStandardWebhook } from '../notify/support/webhook-receiver.ts';

type Auth = { authorization: string };

let t: TestDb;
let app: FastifyInstance;
let dir: Directory;
let admin: Auth;
let auditor: Auth;
const hooks = new WebhookReceiver();

before(async () => {
  t = await createTestDb();
  const ctx = testContext(t.db, testClock('2026-11-02T09:00:00Z'));
  dir = await seedDirectory(ctx);
  // Loopback receivers need the operator's permission, as in a test or local set-up.
  app = await buildApp({ ctx, logLevel: 'silent', webhooks: { allowPrivate: true, timeoutMs: 2000 } });
  await hooks.start();
  admin = (await tokenFor(t.db, { adminOf: dir.enterprise })).auth;
  auditor = (await tokenFor(t.db, { roles: ['auditor'] })).auth;
});

after(async () => {
  await app?.close();
  await hooks.stop();
  await t?.drop();
});

const base = () => `/api/v1/customers/${dir.enterprise}/webhooks`;
const call = (method: 'GET' | 'POST' | 'DELETE', url: string, auth: Auth = admin, payload?: object) =>
  app.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) });

async function register(path: string, description?: string): Promise<WebhookEndpointWithSecret> {
  const res = await call('POST', base(), admin, {
    url: `http://127.0.0.1:${hooks.port}${path}`,
    ...(description ? { description } : {}),
  });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.headers['cache-control'], 'no-store');
  const ep = res.json() as WebhookEndpointWithSecret;
  hooks.endpoint(path, ep.secret);
  return ep;
}

async function ping(id: string): Promise<WebhookDeliveryView> {
  const res = await call('POST', `${base()}/${id}/test`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as WebhookDeliveryView;
}

async function eventsOf(endpointId: string) {
  return t.db
    .selectFrom('events')
    .select(['type', 'payload', 'actor', 'demand_id'])
    .where(sql<string>`payload ->> 'endpointId'`, '=', endpointId)
    .orderBy('id')
    .execute();
}

describe('registering and testing an endpoint', () => {
  let ep: WebhookEndpointWithSecret;

  test('registration answers with a fresh whsec_ secret, once', async () => {
    ep = await register('/siem', 'SIEM, production');
    assert.match(ep.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.equal(Buffer.from(ep.secret.slice(6), 'base64').length, 32);
    assert.equal(ep.status, 'active');
    assert.equal(ep.description, 'SIEM, production');
    assert.equal(ep.secretHint, `whsec_…${ep.secret.slice(-4)}`);
    const list = await call('GET', base());
    assert.equal(list.statusCode, 200);
    assert.ok(!list.body.includes(ep.secret), 'the list never carries the secret');
    const items = (list.json() as { items: WebhookEndpointView[] }).items;
    assert.deepEqual(
      items.map((i) => i.id),
      [ep.id],
    );
    assert.ok(!('secret' in items[0]!));
    const one = await call('GET', `${base()}/${ep.id}`);
    assert.ok(!one.body.includes(ep.secret) && !('secret' in one.json()));
  });

  test('a test event reaches the receiver, signed with that secret, and is in the log', async () => {
    const outcome = await ping(ep.id);
    assert.equal(outcome.ok, true);
    assert.equal(outcome.statusCode, 204);
    assert.equal(outcome.kind, 'ping');
    const got = hooks.at('/siem');
    assert.equal(got.length, 1);
    assert.equal(got[0]!.verified, true, 'the Standard Webhooks signature checks out with the returned secret');
    assert.equal(got[0]!.id, outcome.messageId);
    const body = JSON.parse(got[0]!.body) as { type: string; data: { endpointId: string } };
    assert.equal(body.type, 'ping');
    assert.equal(body.data.endpointId, ep.id);
    const log = await call('GET', `${base()}/${ep.id}/deliveries`);
    assert.equal(log.statusCode, 200);
    const page = log.json() as { items: WebhookDeliveryView[]; nextCursor: string | null };
    assert.deepEqual(
      page.items.map((d) => [d.messageId, d.ok, d.statusCode, d.error]),
      [[outcome.messageId, true, 204, null]],
    );
    assert.equal(page.nextCursor, null);
    const view = (await call('GET', `${base()}/${ep.id}`)).json() as WebhookEndpointView;
    assert.deepEqual(view.lastDelivery, { at: outcome.at, ok: true, statusCode: 204 });
  });

  test('a failing test is reported and logged, and does not count towards switching the endpoint off', async () => {
    hooks.statusFor.set('/siem', 500);
    try {
      const outcome = await ping(ep.id);
      assert.deepEqual([outcome.ok, outcome.statusCode, outcome.error], [false, 500, 'answered 500']);
    } finally {
      hooks.statusFor.delete('/siem');
    }
    const view = (await call('GET', `${base()}/${ep.id}`)).json() as WebhookEndpointView;
    assert.equal(view.status, 'active');
    assert.equal(view.consecutiveFailures, 0);
  });

  test('the delivery log pages newest first, without gaps or repeats', async () => {
    for (let i = 0; i < 3; i++) await ping(ep.id);
    const all = (
      (await call('GET', `${base()}/${ep.id}/deliveries?limit=100`)).json() as { items: WebhookDeliveryView[] }
    ).items;
    assert.equal(all.length, 5);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call('GET', `${base()}/${ep.id}/deliveries?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.statusCode, 200, res.body);
      const p = res.json() as { items: WebhookDeliveryView[]; nextCursor: string | null };
      assert.ok(p.items.length <= 2);
      seen.push(...p.items.map((d) => d.id));
      cursor = p.nextCursor;
    } while (cursor);
    assert.deepEqual(
      seen,
      all.map((d) => d.id),
    );
    assert.deepEqual(
      [...seen].sort((a, b) => Number(b) - Number(a)),
      seen,
      'newest first',
    );
    assertProblem(await call('GET', `${base()}/${ep.id}/deliveries?cursor=bm9wZQ`), 422, ['/querystring/cursor']);
  });

  test('rotating gives a new secret at once: the next test verifies with it, not with the old one', async () => {
    const res = await call('POST', `${base()}/${ep.id}/rotate-secret`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['cache-control'], 'no-store');
    const rotated = res.json() as WebhookEndpointWithSecret;
    assert.notEqual(rotated.secret, ep.secret);
    assert.match(rotated.secret, /^whsec_/);
    assert.equal(rotated.secretHint, `whsec_…${rotated.secret.slice(-4)}`);
    assert.ok(rotated.secretRotatedAt);
    hooks.endpoint('/siem', rotated.secret);
    await ping(ep.id);
    const last = hooks.at('/siem').at(-1)!;
    assert.equal(last.verified, true);
    const headers = { 'webhook-id': last.id, 'webhook-timestamp': last.timestamp, 'webhook-signature': last.signature };
    assert.equal(verifyStandardWebhook(ep.secret, headers, last.body), false, 'the old secret no longer signs');
    ep = rotated;
  });

  test('switched off by a person: no notices go to it until it is switched on, with a clean count', async () => {
    const off = (await call('POST', `${base()}/${ep.id}/disable`)).json() as WebhookEndpointView;
    assert.deepEqual([off.status, off.disabledBy], ['disabled', 'person']);
    assert.ok(
      !(await enabledEndpoints(t.db, [dir.enterprise])).some((e) => e.id === ep.id),
      'the notice worker skips it',
    );
    const again = await call('POST', `${base()}/${ep.id}/disable`);
    assert.equal(again.statusCode, 200, 'switching off twice is harmless');
    // A test may still go to it, to check a receiver before switching it back on.
    assert.equal((await ping(ep.id)).ok, true);
    await t.db.updateTable('webhook_endpoints').set({ failure_count: 4 }).where('id', '=', ep.id).execute();
    const on = (await call('POST', `${base()}/${ep.id}/enable`)).json() as WebhookEndpointView;
    assert.deepEqual([on.status, on.disabledBy, on.consecutiveFailures], ['active', null, 0]);
    assert.ok((await enabledEndpoints(t.db, [dir.enterprise])).some((e) => e.id === ep.id));
  });

  test('an endpoint Writ switched off after failures says so, and can be switched on again', async () => {
    await t.db
      .updateTable('webhook_endpoints')
      .set({ enabled: false, disabled_at: new Date(), failure_count: 10 })
      .where('id', '=', ep.id)
      .execute();
    const view = (await call('GET', `${base()}/${ep.id}`)).json() as WebhookEndpointView;
    assert.deepEqual([view.status, view.disabledBy, view.consecutiveFailures], ['disabled', 'writ', 10]);
    assert.equal(((await call('POST', `${base()}/${ep.id}/enable`)).json() as WebhookEndpointView).status, 'active');
  });

  test('removal: out of the list and of every delivery, its secret wiped, its log kept', async () => {
    const res = await call('DELETE', `${base()}/${ep.id}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((res.json() as WebhookEndpointView).status, 'removed');
    assert.deepEqual(((await call('GET', base())).json() as { items: unknown[] }).items, []);
    const row = await t.db
      .selectFrom('webhook_endpoints')
      .select(['secret', 'enabled'])
      .where('id', '=', ep.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { secret: '', enabled: false });
    for (const action of ['rotate-secret', 'enable', 'disable', 'test'])
      assertProblem(await call('POST', `${base()}/${ep.id}/${action}`), 404);
    assertProblem(await call('DELETE', `${base()}/${ep.id}`), 404);
    const one = (await call('GET', `${base()}/${ep.id}`)).json() as WebhookEndpointView;
    assert.deepEqual([one.status, one.secretHint], ['removed', null]);
    const log = (await call('GET', `${base()}/${ep.id}/deliveries?limit=100`)).json() as { items: unknown[] };
    assert.equal(log.items.length, 7, 'the delivery log outlives the endpoint');
  });

  test('every change is an event with its actor, about no demand, and no event carries a secret', async () => {
    const events = await eventsOf(ep.id);
    assert.deepEqual(
      events.map((e) => e.type),
      [
        'webhook.endpoint_registered',
        'webhook.endpoint_tested',
        'webhook.endpoint_tested',
        'webhook.endpoint_tested',
        'webhook.endpoint_tested',
        'webhook.endpoint_tested',
        'webhook.endpoint_secret_rotated',
        'webhook.endpoint_tested',
        'webhook.endpoint_paused',
        'webhook.endpoint_tested',
        'webhook.endpoint_enabled',
        'webhook.endpoint_enabled',
        'webhook.endpoint_removed',
      ],
    );
    assert.ok(
      events.every(
        (e) =>
          e.demand_id === null &&
          e.actor.startsWith('customer:') &&
          (e.payload as { customerId: string }).customerId === dir.enterprise,
      ),
    );
    assert.ok(!JSON.stringify(events).includes('whsec_'));
  });
});

describe('staff', () => {
  test("read any tenant's endpoints, never a secret, and change none", async () => {
    const ep = await register('/for-staff');
    const list = await call('GET', base(), auditor);
    assert.equal(list.statusCode, 200);
    assert.ok((list.json() as { items: WebhookEndpointView[] }).items.some((i) => i.id === ep.id));
    assert.ok(!list.body.includes(ep.secret));
    assert.equal((await call('GET', `${base()}/${ep.id}/deliveries`, auditor)).statusCode, 200);
    assertProblem(await call('POST', `${base()}/${ep.id}/rotate-secret`, auditor), 403);
    assertProblem(await call('GET', `/api/v1/customers/00000000-0000-4000-8000-000000000000/webhooks`, auditor), 404);
  });
});
