/**
 * End to end, on a running server (the HTTP app listening on loopback, the worker polling): an
 * agency demands an enterprise customer's data with a 30-day secrecy order. The agency gets a
 * redirect letter, the notice is held; on day 30 (the clock moved) it is released, the customer's
 * contacts get the e-mail and its endpoint a verified webhook, and the timeline shows every step.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { newWebhookSecret } from '../../src/notify/webhook-signature.ts';
import { startNotifier, type Notifier } from '../../src/notify/start-notifier.ts';
import { createWebhookEndpoint } from '../../src/store/webhook-repository.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testContext } from '../support/context.ts';
import { seedDirectory, warrantInput, type Directory } from '../support/factories.ts';
import { tokenFor } from '../support/http-kit.ts';
import { DAY, futureClock, notifyConfig } from './support/notify-kit.ts';
import { SmtpSink } from './support/smtp-sink.ts';
import { eventually } from './support/spawn-worker.ts';
import { WebhookReceiver } from './support/webhook-receiver.ts';

let t: TestDb;
let dir: Directory;
let app: FastifyInstance;
let notifier: Notifier;
let base: string;
const clock = futureClock();
const sink = new SmtpSink();
const hooks = new WebhookReceiver();

before(async () => {
  t = await createTestDb();
  const ctx = testContext(t.db, clock);
  dir = await seedDirectory(ctx);
  await sink.start();
  await hooks.start();
  app = await buildApp({ ctx, logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  notifier = startNotifier({ ctx, config: notifyConfig(sink.url, { webhookAllowPrivate: true, pollMs: 20 }) });
});
after(async () => {
  await notifier.stop();
  await app.close();
  await sink.stop();
  await hooks.stop();
  await t.drop();
});

async function call(method: string, path: string, auth: { authorization: string }, body?: object) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...auth, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as any };
}

test('a 30-day secrecy order on enterprise data: redirect letter, held notice, release on day 30, e-mail and webhook, all on the timeline', async () => {
  const officer = (await tokenFor(t.db, { officerOf: dir.usPolice })).auth;
  const reviewer = (await tokenFor(t.db, { roles: ['reviewer'] })).auth;
  const secret = newWebhookSecret();
  await createWebhookEndpoint(t.db, { customerId: dir.enterprise, url: hooks.endpoint('/acme-hook', secret), secret });

  const issued = clock.now();
  const expires = new Date(issued.getTime() + 30 * DAY);
  const created = await call('POST', '/api/v1/demands', officer, {
    ...warrantInput(dir, { targets: [{ kind: 'email', value: 'bob@acme.example' }], caseNumber: 'E2E-30' }),
    secrecyOrder: {
      legalBasis: '18 U.S.C. 2705(b)',
      issuedAt: issued.toISOString(),
      expiresAt: expires.toISOString(),
      individualizedFindings: true,
    },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const ref = created.body.reference as string;
  const id = created.body.id as string;

  const redirected = await call('POST', `/api/v1/demands/${ref}/redirect`, reviewer, {
    note: 'the data belongs to Acme',
  });
  assert.equal(redirected.status, 200, JSON.stringify(redirected.body));
  assert.equal(redirected.body.state, 'redirected');

  // The worker, polling, sends the letter; the notice stays held.
  const letter = (await sink.waitFor(1, 30_000)).find((m) => m.to.includes('sam.stone@springfield-pd.example'))!;
  assert.ok(letter.subject.includes(ref));
  assert.ok(letter.text.includes('Larry Legal <legal@acme.example>'));
  assert.ok(letter.attachments.some((a) => a.contentType === 'application/pdf'));
  let staffView = await call('GET', `/api/v1/demands/${ref}`, reviewer);
  assert.equal(staffView.body.noticeState, 'held');
  assert.equal(staffView.body.noticeHeldUntil, expires.toISOString());
  await eventually(
    async () =>
      (await call('GET', `/api/v1/demands/${ref}`, reviewer)).body.timeline.some(
        (e: { type: string }) => e.type === 'redirect.letter_sent',
      ),
    30_000,
    'the letter on the timeline',
  );
  assert.equal(
    sink.messages.filter((m) => m.idempotencyKey === `notice:${id}`).length,
    0,
    'no notice while the order runs',
  );
  assert.equal(hooks.at('/acme-hook').length, 0);

  // Day 29: still nothing. Day 30: released and delivered.
  clock.advance(29 * DAY);
  notifier.worker.wake();
  await new Promise((r) => setTimeout(r, 200));
  assert.equal((await call('GET', `/api/v1/demands/${ref}`, reviewer)).body.noticeState, 'held');
  clock.set(new Date(expires.getTime() + 1000));
  notifier.worker.wake();
  await eventually(
    async () => (await call('GET', `/api/v1/demands/${ref}`, reviewer)).body.noticeState === 'sent',
    30_000,
    'the notice to be sent',
  );

  const notices = sink.messages.filter((m) => m.idempotencyKey === `notice:${id}`);
  assert.deepEqual(notices.map((m) => m.to[0]).sort(), ['admin@acme.example', 'legal@acme.example']);
  assert.ok(
    notices.every((m) => m.text.includes(ref) && m.text.includes('E2E-30') && m.text.includes('bob@acme.example')),
  );
  const hits = hooks.at('/acme-hook');
  assert.equal(hits.length, 1);
  assert.equal(hits[0]!.verified, true);
  assert.equal(JSON.parse(hits[0]!.body).data.reference, ref);

  staffView = await call('GET', `/api/v1/demands/${ref}`, reviewer);
  const types = (staffView.body.timeline as { type: string }[]).map((e) => e.type);
  const order = [
    'demand.received',
    'notice.held',
    'demand.redirected',
    'redirect.letter_sent',
    'notice.released',
    'notice.queued',
    'notice.sent',
  ];
  let at = -1;
  for (const step of order) {
    const i = types.indexOf(step, at + 1);
    assert.ok(i > at, `${step} on the timeline after the step before it: ${types.join(', ')}`);
    at = i;
  }

  // Now told, the customer's admin sees the demand and answers the redirect.
  const admin = (await tokenFor(t.db, { adminOf: dir.enterprise })).auth;
  const answer = await call('POST', `/api/v1/demands/${ref}/redirect/customer-answer`, admin, {
    answer: 'will_answer_agency',
  });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  const last = ((await call('GET', `/api/v1/demands/${ref}`, reviewer)).body.timeline as { type: string }[]).at(-1)!;
  assert.equal(last.type, 'redirect.customer_answered');
});
