/**
 * Each use case that acts on a demand: its state change, its event and its jobs land together
 * (one transaction: one xmin), and a move the tables refuse writes nothing at all.
 */
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Demand } from '../../src/domain/demand.ts';
import { DomainError } from '../../src/domain/errors.ts';
import type { Actor } from '../../src/domain/events.ts';
import { acceptDemand } from '../../src/workflow/accept-demand.ts';
import { approveDisclosure } from '../../src/workflow/approve-disclosure.ts';
import { changeChallenge } from '../../src/workflow/change-challenge.ts';
import { extendPreservation, releasePreservation } from '../../src/workflow/change-preservation.ts';
import { closeDemand } from '../../src/workflow/close-demand.ts';
import { confirmRequester } from '../../src/workflow/confirm-requester.ts';
import { recordRequesterCallback } from '../../src/workflow/record-requester-callback.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { moveNoticeRelease } from '../../src/workflow/move-notice-release.ts';
import { produceDisclosure } from '../../src/workflow/produce-disclosure.ts';
import { prepareDisclosurePackage } from '../../src/workflow/prepare-disclosure-package.ts';
import { generateLedgerSigning } from '../../src/ledger/log-signing.ts';
import { recordNoticeSent } from '../../src/workflow/record-notice-sent.ts';
import { redirectDemand } from '../../src/workflow/redirect-demand.ts';
import { rejectDemand } from '../../src/workflow/reject-demand.ts';
import { releaseHeldNotice } from '../../src/workflow/release-held-notice.ts';
import { reopenDemand } from '../../src/workflow/reopen-demand.ts';
import type { WorkflowContext } from '../../src/workflow/context.ts';
import type { DemandIntake } from '../../src/workflow/schemas/demand-intake.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testClock, testContext } from '../support/context.ts';
import { STAFF, seedDirectory, warrantInput, type Directory } from '../support/factories.ts';

let t: TestDb;
let dir: Directory;
let ctx: WorkflowContext;
const clock = testClock('2026-11-02T09:00:00Z');
const A1: Actor = { kind: 'staff', id: 'approver-1' };
const A2: Actor = { kind: 'staff', id: 'approver-2' };
const signer = generateLedgerSigning('test.example/ledger').signing.signer;

before(async () => {
  t = await createTestDb();
  ctx = testContext(t.db, clock);
  dir = await seedDirectory(ctx);
});
after(() => t.drop());

async function newDemand(over: Partial<DemandIntake> = {}): Promise<Demand> {
  return (await intakeDemand(ctx, { input: warrantInput(dir, over), actor: STAFF })).demand;
}

async function writesOf(demandId: string) {
  const events = await t.db
    .selectFrom('events')
    .select(['id', 'type'])
    .where('demand_id', '=', demandId)
    .orderBy('id')
    .execute();
  const jobs = await t.db
    .selectFrom('outbox')
    .select(['kind', 'status'])
    .where('demand_id', '=', demandId)
    .orderBy('id')
    .execute();
  return { events, jobs };
}

/** Run a use case; check that its update, its new events and new jobs share one transaction id. */
async function inOneTransaction(d: Demand, run: () => Promise<Demand>, expectEvents: string[]): Promise<Demand> {
  const before = await writesOf(d.id);
  const after = await run();
  const now = await writesOf(d.id);
  const newEvents = now.events.slice(before.events.length);
  assert.deepEqual(
    newEvents.map((e) => e.type),
    expectEvents,
  );
  const { rows } = await sql<{ n: string }>`
    select count(distinct x) as n from (
      select xmin::text as x from demands where id = ${d.id}
      union all select xmin::text from events where id in (${sql.join(newEvents.map((e) => e.id))})) q`.execute(t.db);
  assert.equal(Number(rows[0]!.n), 1, 'state and events were written by one transaction');
  return after;
}

async function refusedWithoutWrites(d: Demand, run: () => Promise<unknown>) {
  const before = await writesOf(d.id);
  const row = await t.db.selectFrom('demands').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow();
  await assert.rejects(run, (e: unknown) => e instanceof DomainError);
  assert.deepEqual(await writesOf(d.id), before);
  assert.deepEqual(await t.db.selectFrom('demands').selectAll().where('id', '=', d.id).executeTakeFirstOrThrow(), row);
}

describe('the main track through its use cases', () => {
  test('verify → review → accept → two approvals → produce → close', async () => {
    let d = await newDemand({
      channel: 'email',
      requester: { name: 'New', email: 'new.person@springfield-pd.example' },
    });
    assert.equal(d.state, 'verifying_requester');
    await refusedWithoutWrites(d, () =>
      confirmRequester(ctx, { demand: d.reference, actor: STAFF, callbackNote: 'no call-back yet' }),
    );
    d = await inOneTransaction(
      d,
      () => recordRequesterCallback(ctx, { demand: d.reference, actor: STAFF, note: 'duty officer confirmed' }),
      ['demand.callback_recorded'],
    );
    d = await inOneTransaction(
      d,
      () => confirmRequester(ctx, { demand: d.reference, actor: STAFF, callbackNote: 'matches the request' }),
      // A verified requester is a changed fact: the demand is weighed again in the same transaction.
      ['demand.review_started', 'demand.reweighed'],
    );
    assert.equal(d.state, 'legal_review');
    assert.equal(d.requesterVerification, 'verified');
    d = await inOneTransaction(d, () => acceptDemand(ctx, { demand: d.id, actor: STAFF }), ['demand.accepted']);
    d = await inOneTransaction(
      d,
      async () =>
        (
          await prepareDisclosurePackage(ctx, {
            demand: d.id,
            actor: STAFF,
            files: [{ name: 'records.txt', mediaType: 'text/plain', bytes: Buffer.from('records') }],
            signer,
          })
        ).demand,
      ['disclosure.package_prepared'],
    );
    d = await inOneTransaction(d, () => approveDisclosure(ctx, { demand: d.id, actor: A1 }), [
      'demand.approval_recorded',
    ]);
    assert.equal(d.state, 'awaiting_disclosure', 'one approval is not enough');
    await refusedWithoutWrites(d, () => approveDisclosure(ctx, { demand: d.id, actor: A1 }));
    d = await inOneTransaction(d, () => approveDisclosure(ctx, { demand: d.id, actor: A2 }), [
      'demand.approval_recorded',
      'demand.approved',
    ]);
    assert.equal(d.state, 'approved');
    d = await inOneTransaction(d, () => produceDisclosure(ctx, { demand: d.id, actor: A1 }), ['demand.produced']);
    await refusedWithoutWrites(d, () =>
      closeDemand(ctx, { demand: d.id, actor: STAFF, disposition: 'redirected_to_customer' }),
    );
    d = await inOneTransaction(
      d,
      () => closeDemand(ctx, { demand: d.id, actor: STAFF, disposition: 'content_disclosed' }),
      ['demand.closed'],
    );
    assert.equal(d.state, 'closed');
    assert.equal(d.disposition, 'content_disclosed');
    await refusedWithoutWrites(d, () => reopenDemand(ctx, { demand: d.id, actor: STAFF, reason: 'no' }));
  });

  test('redirect queues the letter; the agency insists; back to review', async () => {
    let d = await newDemand({ targets: [{ kind: 'email', value: 'bob@acme.example' }] });
    d = await inOneTransaction(d, () => redirectDemand(ctx, { demand: d.id, actor: STAFF, note: 'enterprise data' }), [
      'demand.redirected',
    ]);
    assert.equal(d.state, 'redirected');
    assert.ok((await writesOf(d.id)).jobs.some((j) => j.kind === 'redirect.letter'));
    d = await inOneTransaction(d, () => reopenDemand(ctx, { demand: d.id, actor: STAFF, reason: 'warrant served' }), [
      'demand.reopened',
    ]);
    assert.equal(d.state, 'legal_review');
  });

  test('reject with a failed requester marks the requester', async () => {
    let d = await newDemand({ channel: 'email', requester: { name: 'Forger', email: 'chief@springfie1d-pd.example' } });
    d = await inOneTransaction(
      d,
      () => rejectDemand(ctx, { demand: d.id, actor: STAFF, reason: 'call-back failed', requesterFailed: true }),
      ['demand.rejected'],
    );
    assert.equal(d.requesterVerification, 'failed');
    const r = await t.db
      .selectFrom('requesters')
      .select('verification')
      .where('id', '=', d.requesterId!)
      .executeTakeFirstOrThrow();
    assert.equal(r.verification, 'failed');
    d = await inOneTransaction(d, () => closeDemand(ctx, { demand: d.id, actor: STAFF, disposition: 'rejected' }), [
      'demand.closed',
    ]);
  });

  test('illegal moves write nothing', async () => {
    const d = await newDemand();
    await refusedWithoutWrites(d, () => produceDisclosure(ctx, { demand: d.id, actor: STAFF }));
    await refusedWithoutWrites(d, () => approveDisclosure(ctx, { demand: d.id, actor: A1 }));
    await refusedWithoutWrites(d, () => confirmRequester(ctx, { demand: d.id, actor: STAFF, callbackNote: 'x' }));
    await refusedWithoutWrites(d, () =>
      closeDemand(ctx, { demand: d.id, actor: STAFF, disposition: 'content_disclosed' }),
    );
    await refusedWithoutWrites(d, () => releaseHeldNotice(ctx, { demand: d.id, actor: STAFF, reason: 'x' }));
    await assert.rejects(
      acceptDemand(ctx, { demand: 'WR-1999-000000', actor: STAFF }),
      (e: unknown) => e instanceof DomainError && e.code === 'not_found',
    );
  });
});

describe('the notice, challenge and preservation tracks', () => {
  const order = (expiresAt: string | null) => ({
    legalBasis: '18 U.S.C. 2705(b)',
    issuedAt: '2026-11-01T00:00:00Z',
    expiresAt,
    individualizedFindings: false,
  });

  test('moving a held notice re-times its release; releasing queues delivery; then sent', async () => {
    let d = await newDemand({ secrecyOrder: order('2026-12-01T00:00:00Z') });
    assert.equal(d.noticeState, 'held');
    d = await inOneTransaction(
      d,
      () =>
        moveNoticeRelease(ctx, { demand: d.id, actor: STAFF, until: '2027-01-15T00:00:00Z', reason: 'order extended' }),
      ['notice.release_moved', 'demand.reweighed'],
    );
    assert.equal(d.noticeHeldUntil, '2027-01-15T00:00:00.000Z');
    const timers = await t.db
      .selectFrom('outbox')
      .select(['status', 'run_at'])
      .where('demand_id', '=', d.id)
      .where('kind', '=', 'notice.release')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      timers.map((j) => j.status),
      ['cancelled', 'pending'],
    );
    assert.equal(new Date(timers[1]!.run_at).toISOString(), '2027-01-15T00:00:00.000Z');
    d = await inOneTransaction(
      d,
      () => releaseHeldNotice(ctx, { demand: d.id, actor: STAFF, reason: 'order lapsed' }),
      ['notice.released', 'notice.queued'],
    );
    assert.equal(d.noticeState, 'pending');
    assert.ok((await writesOf(d.id)).jobs.some((j) => j.kind === 'notice.deliver' && j.status === 'pending'));
    d = await inOneTransaction(
      d,
      () => recordNoticeSent(ctx, { demand: d.id, actor: STAFF, recipients: 1, channels: ['email'] }),
      ['notice.sent'],
    );
    assert.equal(d.noticeState, 'sent');
    // The scheduler racing a person who already released it: a quiet no-op, not an error.
    const again = await releaseHeldNotice(ctx, { demand: d.id, actor: STAFF, reason: 'timer', ifStillHeld: true });
    assert.equal(again.noticeState, 'sent');
  });

  test('a vacated secrecy order releases the notice at once', async () => {
    let d = await newDemand({ secrecyOrder: order(null) });
    assert.equal(d.noticeState, 'held');
    if (d.challengeState === 'none')
      d = await changeChallenge(ctx, { demand: d.id, actor: STAFF, action: 'flag', grounds: ['no end date'] });
    d = await inOneTransaction(d, () => changeChallenge(ctx, { demand: d.id, actor: STAFF, action: 'file' }), [
      'challenge.changed',
    ]);
    d = await inOneTransaction(d, () => changeChallenge(ctx, { demand: d.id, actor: STAFF, action: 'rule_vacated' }), [
      'challenge.changed',
      'notice.released',
      'notice.queued',
      'demand.reweighed',
    ]);
    assert.equal(d.challengeState, 'vacated');
    assert.equal(d.noticeState, 'pending');
  });

  test('a preservation is extended once, then released', async () => {
    let d = await newDemand({ instrument: 'preservation_request', dataCategories: ['subscriber', 'content'] });
    assert.equal(d.preservationState, 'active');
    assert.ok(d.preservedUntil);
    const later = new Date(new Date(d.preservedUntil!).getTime() + 90 * 86_400_000).toISOString();
    await refusedWithoutWrites(d, () =>
      extendPreservation(ctx, { demand: d.id, actor: STAFF, until: '2020-01-01T00:00:00Z' }),
    );
    d = await inOneTransaction(d, () => extendPreservation(ctx, { demand: d.id, actor: STAFF, until: later }), [
      'preservation.extended',
    ]);
    assert.equal(d.preservationState, 'extended');
    await refusedWithoutWrites(d, () =>
      extendPreservation(ctx, {
        demand: d.id,
        actor: STAFF,
        until: new Date(Date.parse(later) + 86_400_000).toISOString(),
      }),
    );
    d = await inOneTransaction(d, () => releasePreservation(ctx, { demand: d.id, actor: STAFF }), [
      'preservation.released',
    ]);
    assert.equal(d.preservationState, 'released');
    const timers = await t.db
      .selectFrom('outbox')
      .select('status')
      .where('demand_id', '=', d.id)
      .where('kind', '=', 'preservation.expire')
      .execute();
    assert.ok(timers.every((j) => j.status === 'cancelled'));
  });

  test('two people acting on one demand at once are serialised: one wins, one is refused', async () => {
    // An enterprise target, so that a redirect has a customer to go to; both moves give counsel's reason.
    const d = await newDemand({ targets: [{ kind: 'email', value: 'bob@acme.example' }] });
    const overrideReason = 'Counsel has reviewed the demand and takes this step.';
    const results = await Promise.allSettled([
      redirectDemand(ctx, { demand: d.id, actor: STAFF, overrideReason }),
      rejectDemand(ctx, { demand: d.id, actor: STAFF, reason: 'insufficient', overrideReason }),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const events = (await writesOf(d.id)).events.map((e) => e.type);
    assert.equal(events.filter((e) => e === 'demand.redirected' || e === 'demand.rejected').length, 1);
  });
});
