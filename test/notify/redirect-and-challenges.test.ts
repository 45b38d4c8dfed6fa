/**
 * The customer's side beyond the notice: the redirect letter (e-mail with its PDF, the PDF kept on
 * file), the agency's and the customer's answers over HTTP with their scoping, the queue of
 * secrecy-order challenges and a drafted application, and the reminders staff get before a
 * response deadline and before a preservation ends.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Demand } from '../../src/domain/demand.ts';
import { buildApp } from '../../src/http/app.ts';
import type { Notifier } from '../../src/notify/start-notifier.ts';
import { changeChallenge } from '../../src/workflow/change-challenge.ts';
import { closeDemand } from '../../src/workflow/close-demand.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { recordNoticeSent } from '../../src/workflow/record-notice-sent.ts';
import { redirectDemand } from '../../src/workflow/redirect-demand.ts';
import { registerCustomer } from '../../src/workflow/register-customer.ts';
import type { WorkflowContext } from '../../src/workflow/context.ts';
import type { DemandIntake } from '../../src/workflow/schemas/demand-intake.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testContext } from '../support/context.ts';
import { STAFF, seedDirectory, warrantInput, type Directory } from '../support/factories.ts';
import { tokenFor } from '../support/http-kit.ts';
import { DAY, HOUR, futureClock, jobsOf, notifyConfig, testNotifier, timelineOf } from './support/notify-kit.ts';
import { SmtpSink } from './support/smtp-sink.ts';

type Auth = { authorization: string };

/** Counsel's reason for redirecting where the packs advise otherwise. */
const REDIRECT_REASON = 'The data belongs to the enterprise customer; the agency should ask it.';

let t: TestDb;
let dir: Directory;
let ctx: WorkflowContext;
let notifier: Notifier;
let app: FastifyInstance;
let reviewer: Auth;
let auditor: Auth;
let officer: Auth;
let otherOfficer: Auth;
let acmeAdmin: Auth;
let danaAdmin: Auth;
const clock = futureClock();
const sink = new SmtpSink();

before(async () => {
  t = await createTestDb();
  ctx = testContext(t.db, clock);
  dir = await seedDirectory(ctx);
  await sink.start();
  notifier = testNotifier(ctx, notifyConfig(sink.url));
  app = await buildApp({ ctx, logLevel: 'silent' });
  reviewer = (await tokenFor(t.db, { roles: ['reviewer'] })).auth;
  auditor = (await tokenFor(t.db, { roles: ['auditor'] })).auth;
  officer = (await tokenFor(t.db, { officerOf: dir.usPolice })).auth;
  otherOfficer = (await tokenFor(t.db, { officerOf: dir.ukPolice })).auth;
  acmeAdmin = (await tokenFor(t.db, { adminOf: dir.enterprise })).auth;
  danaAdmin = (await tokenFor(t.db, { adminOf: dir.consumer })).auth;
});
after(async () => {
  await app.close();
  await notifier.stop();
  await sink.stop();
  await t.drop();
});

const run = () => notifier.worker.runUntilIdle();
async function newDemand(over: Partial<DemandIntake> = {}): Promise<Demand> {
  return (await intakeDemand(ctx, { input: warrantInput(dir, over), actor: STAFF })).demand;
}
const enterpriseDemand = (over: Partial<DemandIntake> = {}) =>
  newDemand({ targets: [{ kind: 'email', value: 'bob@acme.example' }], ...over });
const post = (url: string, who: Auth, payload: object = {}) =>
  app.inject({ method: 'POST', url, headers: who, payload });
const stateOf = async (id: string) =>
  await t.db.selectFrom('demands').select(['state', 'disposition']).where('id', '=', id).executeTakeFirstOrThrow();

describe('redirect letter', () => {
  test('to the requester, naming the customer and its legal contact (shared by the customer); its PDF kept on file', async () => {
    const d = await enterpriseDemand({ caseNumber: 'RED-1' });
    await redirectDemand(ctx, { demand: d.id, actor: STAFF, note: 'enterprise data', overrideReason: REDIRECT_REASON });
    await run();
    const letters = sink.to('sam.stone@springfield-pd.example').filter((m) => m.subject.includes(d.reference));
    assert.equal(letters.length, 1);
    const letter = letters[0]!;
    assert.match(letter.idempotencyKey, new RegExp(`^redirect:${d.id}:`));
    for (const fact of [
      'Dear Det. Sam Stone',
      'RED-1',
      'Acme Widgets Inc.',
      'Larry Legal <legal@acme.example>',
      'you withdraw the request',
      'serve compelled legal',
    ]) {
      assert.ok(letter.text.includes(fact), `the letter says ${fact}`);
    }
    assert.ok(!letter.text.includes('admin@acme.example'), 'only the designated legal contact is named');
    const pdf = letter.attachments.find((a) => a.contentType === 'application/pdf')!;
    assert.ok(pdf, 'the PDF is attached');
    assert.equal(pdf.content.subarray(0, 5).toString('latin1'), '%PDF-');

    const ev = await t.db
      .selectFrom('events')
      .select('payload')
      .where('demand_id', '=', d.id)
      .where('type', '=', 'redirect.letter_sent')
      .execute();
    assert.equal(ev.length, 1);
    const p = ev[0]!.payload as { documentId: string; sha256: string; legalContactShared: boolean; messageId: string };
    assert.equal(p.legalContactShared, true);
    assert.equal(p.messageId, letter.messageId);
    const doc = await t.db.selectFrom('documents').selectAll().where('id', '=', p.documentId).executeTakeFirstOrThrow();
    assert.equal(doc.demand_id, d.id);
    assert.equal(doc.media_type, 'application/pdf');
    assert.equal(
      doc.sha256,
      createHash('sha256').update(pdf.content).digest('hex'),
      'the attached PDF is the one kept',
    );
    assert.deepEqual(await ctx.documents.get(doc.sha256), pdf.content);

    await run();
    assert.equal(
      sink.to('sam.stone@springfield-pd.example').filter((m) => m.subject.includes(d.reference)).length,
      1,
      'sent once',
    );
  });

  test('a customer that did not allow it is not named with a contact', async () => {
    await registerCustomer(ctx, {
      actor: STAFF,
      input: {
        kind: 'enterprise',
        name: 'Quiet Corp',
        country: 'US',
        domains: ['quiet.example'],
        shareLegalContact: false,
        contacts: [
          { name: 'Quinn Admin', email: 'quinn@quiet.example', role: 'admin' },
          { name: 'Lena Legal', email: 'lena@quiet.example', role: 'legal' },
        ],
        accounts: [
          { displayName: 'Q', dataLocation: 'US', identifiers: [{ kind: 'email', value: 'q@quiet.example' }] },
        ],
      },
    });
    const d = await newDemand({ targets: [{ kind: 'email', value: 'q@quiet.example' }] });
    await redirectDemand(ctx, { demand: d.id, actor: STAFF, overrideReason: REDIRECT_REASON });
    await run();
    const letter = sink.to('sam.stone@springfield-pd.example').find((m) => m.subject.includes(d.reference))!;
    assert.ok(letter.text.includes('Quiet Corp'));
    assert.ok(!letter.text.includes('lena@quiet.example'));
    assert.ok(letter.text.includes('has not authorised us to give out a contact'));
    const ev = await t.db
      .selectFrom('events')
      .select('payload')
      .where('demand_id', '=', d.id)
      .where('type', '=', 'redirect.letter_sent')
      .executeTakeFirstOrThrow();
    assert.equal((ev.payload as { legalContactShared: boolean }).legalContactShared, false);
  });
});

describe('answers to a redirect', () => {
  test("the agency's answer: only its own officer or staff; insisting sends the demand back to counsel", async () => {
    const d = await enterpriseDemand();
    await redirectDemand(ctx, { demand: d.id, actor: STAFF, overrideReason: REDIRECT_REASON });
    const url = `/api/v1/demands/${d.reference}/redirect/agency-answer`;
    assert.equal(
      (await post(url, otherOfficer, { answer: 'withdrawn' })).statusCode,
      404,
      "another agency's officer learns nothing",
    );
    assert.equal((await post(url, acmeAdmin, { answer: 'withdrawn' })).statusCode, 403);
    assert.equal((await post(url, officer, { answer: 'maybe' })).statusCode, 422);
    const res = await post(url, officer, { answer: 'insists_with_process', note: 'warrant to follow' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(await stateOf(d.id), { state: 'legal_review', disposition: null });
    const tl = await timelineOf(t.db, d.id);
    assert.deepEqual(tl.slice(-2), ['redirect.agency_answered', 'demand.reopened']);
    assert.equal((await post(url, officer, { answer: 'withdrawn' })).statusCode, 409, 'no longer redirected');
  });

  test('withdrawn closes the demand as withdrawn; "will go to the customer" keeps it redirected', async () => {
    const a = await enterpriseDemand();
    await redirectDemand(ctx, { demand: a.id, actor: STAFF, overrideReason: REDIRECT_REASON });
    assert.equal(
      (await post(`/api/v1/demands/${a.reference}/redirect/agency-answer`, reviewer, { answer: 'withdrawn' }))
        .statusCode,
      200,
    );
    assert.deepEqual(await stateOf(a.id), { state: 'closed', disposition: 'withdrawn' });
    const b = await enterpriseDemand();
    await redirectDemand(ctx, { demand: b.id, actor: STAFF, overrideReason: REDIRECT_REASON });
    assert.equal(
      (await post(`/api/v1/demands/${b.reference}/redirect/agency-answer`, reviewer, { answer: 'will_go_to_customer' }))
        .statusCode,
      200,
    );
    assert.deepEqual(await stateOf(b.id), { state: 'redirected', disposition: null });
    const answers = await app.inject({
      method: 'GET',
      url: `/api/v1/demands/${b.reference}/redirect/answers`,
      headers: auditor,
    });
    assert.deepEqual(
      answers.json().items.map((x: { party: string; answer: string }) => [x.party, x.answer]),
      [['agency', 'will_go_to_customer']],
    );
  });

  test("a customer's answer: its admin only for its own demands once told; staff name the customer", async () => {
    const d = await enterpriseDemand();
    await redirectDemand(ctx, { demand: d.id, actor: STAFF, overrideReason: REDIRECT_REASON });
    const url = `/api/v1/demands/${d.reference}/redirect/customer-answer`;
    // Not yet told (the notice has not gone out): the demand does not exist for the tenant.
    assert.equal((await post(url, acmeAdmin, { answer: 'objects' })).statusCode, 404);
    await recordNoticeSent(ctx, { demand: d.id, actor: STAFF, recipients: 2, channels: ['email'] });
    assert.equal(
      (await post(url, danaAdmin, { answer: 'objects' })).statusCode,
      404,
      "another tenant's admin learns nothing",
    );
    assert.equal((await post(url, acmeAdmin, { answer: 'objects', customerId: dir.consumer })).statusCode, 403);
    const res = await post(url, acmeAdmin, { answer: 'objects', note: 'overbroad' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((await post(url, reviewer, { answer: 'objects' })).statusCode, 422, 'staff must name the customer');
    assert.equal(
      (await post(url, reviewer, { answer: 'objects', customerId: dir.consumer })).statusCode,
      404,
      'a customer the demand does not concern',
    );
    const ev = await t.db
      .selectFrom('events')
      .select(['payload', 'actor'])
      .where('demand_id', '=', d.id)
      .where('type', '=', 'redirect.customer_answered')
      .execute();
    assert.deepEqual(
      ev.map((e) => e.payload),
      [{ customerId: dir.enterprise, answer: 'objects', note: 'overbroad' }],
    );
    assert.match(ev[0]!.actor, /^customer:/);

    // The customer asks the provider to produce: back to counsel, with its consent on record.
    assert.equal(
      (await post(url, reviewer, { answer: 'asks_provider_to_produce', customerId: dir.enterprise })).statusCode,
      200,
    );
    assert.equal((await stateOf(d.id)).state, 'legal_review');
    const answers = (
      await app.inject({ method: 'GET', url: `/api/v1/demands/${d.reference}/redirect/answers`, headers: auditor })
    ).json().items;
    assert.deepEqual(
      answers.map((x: { party: string; answer: string }) => [x.party, x.answer]),
      [['customer', 'asks_provider_to_produce']],
      'the latest answer is kept',
    );
  });
});

describe('secrecy-order challenges', () => {
  const order = (issuedAt: Date, expiresAt: Date | null, individualizedFindings: boolean) => ({
    legalBasis: '18 U.S.C. 2705(b)',
    issuedAt: issuedAt.toISOString(),
    expiresAt: expiresAt?.toISOString() ?? null,
    individualizedFindings,
  });

  test('the queue lists flagged and filed challenges with their grounds; staff only', async () => {
    const issued = new Date(clock.now().getTime() - DAY);
    const indefinite = await enterpriseDemand({ secrecyOrder: order(issued, null, false), caseNumber: 'NDO-1' });
    const long = await newDemand({
      secrecyOrder: order(issued, new Date(issued.getTime() + 400 * DAY), true),
      caseNumber: 'NDO-2',
    });
    if (long.challengeState === 'none') await changeChallenge(ctx, { demand: long.id, actor: STAFF, action: 'flag' });
    const plain = await newDemand({ caseNumber: 'NDO-none' });
    const res = await app.inject({ method: 'GET', url: '/api/v1/challenges', headers: auditor });
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items as { reference: string; challengeState: string; grounds: string[] }[];
    const one = items.find((i) => i.reference === indefinite.reference);
    assert.ok(one, 'the indefinite order is queued');
    assert.ok(['flagged', 'filed'].includes(one.challengeState));
    assert.deepEqual(one.grounds, ['no_end_date', 'no_individualised_findings', 'enterprise_could_be_asked']);
    const two = items.find((i) => i.reference === long.reference);
    assert.ok(two, 'the year-plus order is queued');
    assert.deepEqual(two.grounds, ['longer_than_a_year']);
    assert.ok(!items.some((i) => i.reference === plain.reference), 'a demand without a challenge is not');
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/challenges', headers: officer })).statusCode, 403);
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/challenges', headers: acmeAdmin })).statusCode, 403);
  });

  test('a drafted application states the facts, the duration and the grounds, kept as a document on the timeline', async () => {
    const issued = new Date(clock.now().getTime() - DAY);
    const d = await enterpriseDemand({ secrecyOrder: order(issued, null, false), caseNumber: 'NDO-3' });
    const res = await post(`/api/v1/demands/${d.reference}/challenge/draft`, reviewer);
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json() as {
      document: { id: string; sha256: string; mediaType: string };
      grounds: string[];
      text: string;
    };
    assert.deepEqual(body.grounds, ['no_end_date', 'no_individualised_findings', 'enterprise_could_be_asked']);
    for (const fact of [
      'United States District Court for the Central District of Illinois',
      'Case NDO-3',
      d.reference,
      'Springfield Police Department',
      '18 U.S.C. 2705(b)',
      'states no end date',
      'Acme Widgets Inc.',
      'A. The order states no end date.',
      'B. The order rests on no findings',
      'C. The data belongs to an enterprise customer',
    ]) {
      assert.ok(body.text.includes(fact), `the draft says ${fact}`);
    }
    assert.ok(body.document.mediaType.startsWith('text/plain'));
    assert.equal((await ctx.documents.get(body.document.sha256)).toString('utf8'), body.text);
    const ev = await t.db
      .selectFrom('events')
      .select('payload')
      .where('demand_id', '=', d.id)
      .where('type', '=', 'challenge.draft_created')
      .executeTakeFirstOrThrow();
    assert.equal((ev.payload as { documentId: string }).documentId, body.document.id);

    const year = await newDemand({ secrecyOrder: order(issued, new Date(issued.getTime() + 400 * DAY), true) });
    const y = (await post(`/api/v1/demands/${year.reference}/challenge/draft`, reviewer)).json();
    assert.deepEqual(y.grounds, ['longer_than_a_year']);
    assert.ok(y.text.includes('a period of 400 days'));

    const none = await newDemand();
    assert.equal(
      (await post(`/api/v1/demands/${none.reference}/challenge/draft`, reviewer)).statusCode,
      409,
      'no order, nothing to challenge',
    );
    assert.equal((await post(`/api/v1/demands/${d.reference}/challenge/draft`, auditor)).statusCode, 403);
  });
});

describe('reminders to staff', () => {
  test('before a response deadline, at each lead time; none for a closed demand', async () => {
    const deadline = new Date(clock.now().getTime() + 100 * HOUR);
    const d = await newDemand({ responseDeadline: deadline.toISOString(), caseNumber: 'DL-1' });
    const timers = (await jobsOf(t.db, d.id)).filter((j) => j.kind === 'deadline.reminder');
    assert.deepEqual(timers.map((j) => new Date(j.run_at).getTime()).sort(), [
      deadline.getTime() - 72 * HOUR,
      deadline.getTime() - 24 * HOUR,
    ]);
    const mine = () => sink.to('alerts@provider.example').filter((m) => m.text.includes(d.reference));
    await run();
    assert.equal(mine().length, 0);
    clock.set(new Date(deadline.getTime() - 72 * HOUR));
    await run();
    assert.equal(mine().length, 1);
    assert.match(mine()[0]!.subject, /Response due in 72 hours/);
    const ev = await t.db
      .selectFrom('events')
      .select('payload')
      .where('demand_id', '=', d.id)
      .where('type', '=', 'deadline.reminder_sent')
      .execute();
    assert.deepEqual(
      ev.map((e) => (e.payload as { leadHours: number }).leadHours),
      [72],
    );
    await closeDemand(ctx, { demand: d.id, actor: STAFF, disposition: 'withdrawn' });
    clock.set(new Date(deadline.getTime() - 24 * HOUR));
    await run();
    assert.equal(mine().length, 1, 'nothing for a closed demand');
  });

  test('a deadline already close gets one reminder at once', async () => {
    const deadline = new Date(clock.now().getTime() + 30 * HOUR);
    const d = await newDemand({ responseDeadline: deadline.toISOString(), caseNumber: 'DL-2' });
    await run();
    const got = sink.to('alerts@provider.example').filter((m) => m.text.includes(d.reference));
    assert.equal(got.length, 1);
    clock.set(new Date(deadline.getTime() - 24 * HOUR));
    await run();
    assert.equal(
      sink.to('alerts@provider.example').filter((m) => m.text.includes(d.reference)).length,
      2,
      'and the 24-hour one on time',
    );
  });

  test('a preservation: staff reminded days before it ends, then released by the timer on its end date', async () => {
    const d = await newDemand({
      instrument: 'preservation_request',
      dataCategories: ['content'],
      issuingCourt: undefined,
      caseNumber: 'PR-1',
    });
    assert.ok(d.preservedUntil, 'the policy sets an end date');
    const until = new Date(d.preservedUntil!);
    const mine = () => sink.to('alerts@provider.example').filter((m) => m.text.includes(d.reference));
    clock.set(new Date(until.getTime() - 7 * DAY));
    await run();
    assert.equal(mine().length, 1);
    assert.match(mine()[0]!.subject, /Preservation for .* ends/);
    clock.set(new Date(until.getTime() + 60_000));
    await run();
    const row = await t.db
      .selectFrom('demands')
      .select('preservation_state')
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.preservation_state, 'released');
    const tl = await timelineOf(t.db, d.id);
    assert.ok(tl.indexOf('preservation.reminder_sent') < tl.indexOf('preservation.released'));
    const rel = await t.db
      .selectFrom('events')
      .select('actor')
      .where('demand_id', '=', d.id)
      .where('type', '=', 'preservation.released')
      .executeTakeFirstOrThrow();
    assert.equal(rel.actor, 'system:writ');
  });
});
