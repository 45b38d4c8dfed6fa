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
import { Value } from '@sinclair/typebox/value';
import { buildApp } from '../../src/http/app.ts';
import { WEBHOOK_SCHEMAS } from '../../src/notify/webhook-event-schemas.ts';
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
  app = await buildApp({ ctx, logLevel: 'silent', webhooks: { allowPrivate: true, timeoutMs: 5000 } });
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

/** Whether a webhook body matches the schema the OpenAPI document gives for its type. */
const matches = (type: string, body: unknown): boolean =>
  Value.Check(WEBHOOK_SCHEMAS[type as keyof typeof WEBHOOK_SCHEMAS], body);

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
    overrideReason: 'The data belongs to the enterprise customer; the agency should ask it.',
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
  // The delayed notice tells what happened while the order held it, and how the hold ended.
  for (const m of notices) {
    assert.match(m.text, /kept us from telling you from .+ until .+\. The order ended on its stated date\./);
    assert.match(m.text, /- .+ UTC: We told Springfield Police Department that the data is yours/);
    assert.doesNotMatch(m.text, /prevented us/);
    assert.ok(m.text.includes(`/portal/demands/${ref}`), 'a link to the portal');
    assert.match(m.text, /WHAT YOU CAN DO, BY \d+ \w+ \d{4}/, 'the date by which to object or answer');
    assert.match(m.text, /COPY OF THE LEGAL PROCESS[\s\S]+Left out: the requesting officer's own name/);
  }
  // The notice, then the redirect taken while it was held, as its own type (its people read it in the notice).
  await eventually(() => hooks.at('/acme-hook').length >= 2, 30_000, 'the held follow-up after the notice');
  const hits = hooks.at('/acme-hook');
  assert.equal(hits.length, 2);
  assert.ok(hits.every((h) => h.verified));
  const [noticeHook, redirectHook] = hits.map((h) => JSON.parse(h.body));
  assert.equal(noticeHook.type, 'demand.notice');
  assert.equal(noticeHook.data.reference, ref);
  assert.ok(matches('demand.notice', noticeHook), 'the notice matches its schema');
  assert.equal(noticeHook.data.delay.releasedBy, 'order_lapsed');
  assert.deepEqual(
    noticeHook.data.delay.whileHeld.map((x: { type: string }) => x.type),
    ['redirect.letter_sent'],
  );
  assert.equal(redirectHook.type, 'demand.redirect_sent');
  assert.equal(redirectHook.data.whileHeld, true);
  assert.ok(matches('demand.redirect_sent', redirectHook));
  assert.equal(hits[1]!.id, `follow_up:${redirectHook.data.eventId}`);
  assert.equal(sink.messages.filter((m) => m.idempotencyKey.startsWith('follow_up:')).length, 0);

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

  // Now told, the customer's admin chooses what a second endpoint receives, and answers the redirect.
  const admin = (await tokenFor(t.db, { adminOf: dir.enterprise })).auth;
  const onlyClosures = await call('POST', `/api/v1/customers/${dir.enterprise}/webhooks`, admin, {
    url: hooks.endpoint('/acme-closures', 'pending'),
    eventTypes: ['demand.withdrawn', 'demand.closed'],
  });
  assert.equal(onlyClosures.status, 201, JSON.stringify(onlyClosures.body));
  hooks.endpoint('/acme-closures', onlyClosures.body.secret);
  assert.deepEqual(onlyClosures.body.eventTypes, ['demand.withdrawn', 'demand.closed']);
  const badType = await call(
    'PUT',
    `/api/v1/customers/${dir.enterprise}/webhooks/${onlyClosures.body.id}/event-types`,
    admin,
    { eventTypes: ['demand.exploded'] },
  );
  assert.equal(badType.status, 422);
  const spec = (await (await fetch(`${base}/openapi.json`)).json()) as { webhooks: Record<string, unknown> };
  assert.ok(spec.webhooks['demand.data_produced'] && spec.webhooks['secrecy_order.extended']);
  const answer = await call('POST', `/api/v1/demands/${ref}/redirect/customer-answer`, admin, {
    answer: 'will_answer_agency',
  });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  const timeline = (await call('GET', `/api/v1/demands/${ref}`, reviewer)).body.timeline as { type: string }[];
  assert.ok(timeline.some((e) => e.type === 'redirect.customer_answered'));

  // The agency withdraws: two follow-ups, each once to each contact and endpoint that takes it.
  const mailsBefore = sink.messages.length;
  const withdrawn = await call('POST', `/api/v1/demands/${ref}/redirect/agency-answer`, officer, {
    answer: 'withdrawn',
  });
  assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));
  await sink.waitFor(mailsBefore + 4, 30_000);
  await eventually(() => hooks.at('/acme-hook').length >= 4 && hooks.at('/acme-closures').length >= 1, 30_000, 'hooks');
  await new Promise((r) => setTimeout(r, 300));
  const updates = sink.messages.slice(mailsBefore);
  assert.equal(updates.length, 4);
  for (const to of ['admin@acme.example', 'legal@acme.example'])
    assert.deepEqual(
      updates
        .filter((m) => m.to.includes(to))
        .map((m) => m.subject.replace(` (${ref})`, ''))
        .sort(),
      ['The agency answered our redirect', 'The agency withdrew its demand'],
    );
  const later = hooks
    .at('/acme-hook')
    .slice(2)
    .map((h) => ({ h, body: JSON.parse(h.body) }));
  assert.deepEqual(later.map((x) => x.body.type).sort(), ['demand.agency_answered', 'demand.withdrawn']);
  for (const { h, body } of later) {
    assert.ok(h.verified);
    assert.equal(body.data.whileHeld, false);
    assert.ok(matches(body.type, body), body.type);
  }
  const closures = hooks.at('/acme-closures');
  assert.equal(closures.length, 1, 'only the type this endpoint takes');
  assert.ok(closures[0]!.verified);
  assert.equal(JSON.parse(closures[0]!.body).type, 'demand.withdrawn');
  await eventually(
    async () =>
      ((await call('GET', `/api/v1/demands/${ref}`, reviewer)).body.timeline as { type: string }[]).filter(
        (e) => e.type === 'notice.follow_up_sent',
      ).length === 3,
    30_000,
    'each follow-up on the timeline',
  );
});
