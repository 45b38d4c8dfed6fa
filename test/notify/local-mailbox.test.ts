/**
 * Demo mode without a relay: Writ runs its own SMTP listener on a loopback port, points its mailer
 * at it, and every notice and letter lands in the local mailbox that staff read over the API. A
 * demo start leaves no outbox job waiting on a mail server nobody configured; outside demo mode,
 * nothing changes (mail waits for a configured relay, as before).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { DEMO_STAFF_ADDRESS, startDelivery } from '../../src/notify/local-mailbox.ts';
import { recordAgencyMessage } from '../../src/workflow/record-agency-message.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { redirectDemand } from '../../src/workflow/redirect-demand.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testContext } from '../support/context.ts';
import { STAFF, seedDirectory, warrantInput, type Directory } from '../support/factories.ts';
import { tokenFor, type Who } from '../support/http-kit.ts';
import { futureClock, notifyConfig } from './support/notify-kit.ts';

let t: TestDb;
let dir: Directory;
let app: FastifyInstance;
const clock = futureClock();

before(async () => {
  t = await createTestDb();
  const ctx = testContext(t.db, clock);
  dir = await seedDirectory(ctx);
  app = await buildApp({ ctx, logLevel: 'silent' });
});
after(async () => {
  await app?.close();
  await t?.drop();
});

const waitingMail = () =>
  t.db
    .selectFrom('outbox')
    .select(['kind', 'status'])
    .where('kind', 'in', ['notice.deliver', 'redirect.letter', 'staff.alert'])
    .where('status', '=', 'pending')
    .execute();

test('outside demo mode, with no relay, mail waits for one (no listener is started)', async () => {
  const ctx = testContext(t.db, clock);
  const { notifier, mailbox } = await startDelivery({ ctx, config: notifyConfig(null), demo: false, start: false });
  assert.equal(mailbox, null);
  await notifier.stop();
});

test('in the demo without a staff address, alerts to staff land in the local mailbox too', async () => {
  const ctx = testContext(t.db, clock);
  const d = (await intakeDemand(ctx, { input: warrantInput(dir, { caseNumber: 'MB-3' }), actor: STAFF })).demand;
  await recordAgencyMessage(ctx, {
    demand: d.id,
    actor: { kind: 'agency', id: 'officer' },
    agencyId: d.agencyId,
    kind: 'clarification',
    text: 'The period is March only.',
  });
  const { notifier, mailbox } = await startDelivery({
    ctx,
    config: notifyConfig(null, { staffAlertEmail: null }),
    demo: true,
    start: false,
  });
  try {
    await notifier.worker.runUntilIdle();
  } finally {
    await notifier.stop();
    await mailbox?.close();
  }
  const alert = await t.db.selectFrom('local_mail').selectAll().where('kind', '=', 'agency.message').executeTakeFirst();
  assert.ok(alert, 'the alert is in the mailbox');
  assert.deepEqual(alert.envelope_to, [DEMO_STAFF_ADDRESS]);
  assert.ok(alert.text?.includes('The period is March only.'));
});

test('a demo start with no relay delivers every notice and letter to the local mailbox, leaving none waiting', async () => {
  const ctx = testContext(t.db, clock);
  // A consumer's warrant (its notice goes now) and an enterprise demand redirected (its letter).
  await intakeDemand(ctx, { input: warrantInput(dir, { caseNumber: 'MB-1' }), actor: STAFF });
  const ent = (
    await intakeDemand(ctx, {
      input: warrantInput(dir, { caseNumber: 'MB-2', targets: [{ kind: 'email', value: 'bob@acme.example' }] }),
      actor: STAFF,
    })
  ).demand;
  await redirectDemand(ctx, {
    demand: ent.id,
    actor: STAFF,
    overrideReason: 'Counsel redirects the agency to the enterprise customer.',
  });
  assert.ok((await waitingMail()).length >= 2, 'mail is queued before delivery starts');

  const { notifier, mailbox } = await startDelivery({ ctx, config: notifyConfig(null), demo: true, start: false });
  try {
    assert.ok(mailbox);
    assert.match(mailbox.smtpUrl, /^smtp:\/\/127\.0\.0\.1:\d+$/);
    await notifier.worker.runUntilIdle();
    assert.deepEqual(await waitingMail(), [], 'no mail job left waiting');
  } finally {
    await notifier.stop();
    await mailbox?.close();
  }

  const { auth: reviewer, principalId: reviewerId } = await tokenFor(t.db, { roles: ['reviewer'] });
  const list = await app.inject({ method: 'GET', url: '/api/v1/outbound-mail', headers: reviewer });
  assert.equal(list.statusCode, 200, list.body);
  const items = list.json().items as { id: string; to: string; subject: string; kind: string }[];
  const kinds = new Set(items.map((i) => i.kind));
  assert.ok(kinds.has('notice') && kinds.has('redirect'), JSON.stringify(items));
  const letter = items.find((i) => i.kind === 'redirect')!;
  const one = await app.inject({ method: 'GET', url: `/api/v1/outbound-mail/${letter.id}`, headers: reviewer });
  assert.equal(one.statusCode, 200, one.body);
  const body = one.json();
  assert.ok(body.text.length > 0);
  assert.ok(
    body.attachments.some(
      (a: { contentType: string; size: number }) => a.contentType === 'application/pdf' && a.size > 0,
    ),
    'the letter carries its PDF',
  );
  // The attachment itself, byte for byte as it was sent, as a download.
  const n = body.attachments.findIndex((a: { contentType: string }) => a.contentType === 'application/pdf');
  const pdf = await app.inject({
    method: 'GET',
    url: `/api/v1/outbound-mail/${letter.id}/attachments/${n}`,
    headers: reviewer,
  });
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.match(String(pdf.headers['content-disposition']), /^attachment; filename=/);
  assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.equal(pdf.rawPayload.length, body.attachments[n].size);
  assert.equal(
    (
      await app.inject({
        method: 'GET',
        url: `/api/v1/outbound-mail/${letter.id}/attachments/${body.attachments.length}`,
        headers: reviewer,
      })
    ).statusCode,
    404,
  );

  // Notices and letters hold case data: each read is on the record, with who read what.
  const reads = await t.db
    .selectFrom('events')
    .select(['type', 'actor', 'payload'])
    .where('type', 'in', ['outbound_mail.listed', 'outbound_mail.viewed'])
    .orderBy('id')
    .execute();
  assert.deepEqual(
    reads.map((r) => [r.type, r.actor, (r.payload as { attachment?: number | null }).attachment ?? null]),
    [
      ['outbound_mail.listed', `staff:${reviewerId}`, null],
      ['outbound_mail.viewed', `staff:${reviewerId}`, null],
      ['outbound_mail.viewed', `staff:${reviewerId}`, n],
    ],
  );
  assert.equal((reads[1]!.payload as { mailId: string }).mailId, letter.id);

  // Staff who send no mail, agency officers and customer admins are refused.
  const refused: Who[] = [{ roles: ['auditor'] }, { officerOf: dir.usPolice }, { adminOf: dir.enterprise }];
  for (const who of refused) {
    const { auth } = await tokenFor(t.db, who);
    for (const url of [
      '/api/v1/outbound-mail',
      `/api/v1/outbound-mail/${letter.id}`,
      `/api/v1/outbound-mail/${letter.id}/attachments/${n}`,
    ])
      assert.equal(
        (await app.inject({ method: 'GET', url, headers: auth })).statusCode,
        403,
        `${JSON.stringify(who)} ${url}`,
      );
  }
});
