/**
 * Forged emergency requests: free-mail and look-alike senders are held for verification; a
 * call-back must use the directory's number and be recorded before confirmation; the same person
 * cannot both call back and confirm; a requester who fails is rejected and marked.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../../src/domain/errors.ts';
import type { Actor } from '../../src/domain/events.ts';
import { confirmRequester } from '../../src/workflow/confirm-requester.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { recordRequesterCallback } from '../../src/workflow/record-requester-callback.ts';
import { rejectDemand } from '../../src/workflow/reject-demand.ts';
import { acceptDemand } from '../../src/workflow/accept-demand.ts';
import { approveDisclosure } from '../../src/workflow/approve-disclosure.ts';
import { prepareDisclosurePackage } from '../../src/workflow/prepare-disclosure-package.ts';
import { produceDisclosure } from '../../src/workflow/produce-disclosure.ts';
import { recordFollowUpProcess } from '../../src/workflow/record-follow-up-process.ts';
import { generateLedgerSigning } from '../../src/ledger/log-signing.ts';
import type { WorkflowContext } from '../../src/workflow/context.ts';
import type { DemandIntake } from '../../src/workflow/schemas/demand-intake.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testClock, testContext } from '../support/context.ts';
import { STAFF, seedDirectory, warrantInput, type Directory } from '../support/factories.ts';

let t: TestDb;
let ctx: WorkflowContext;
let dir: Directory;
const R1: Actor = { kind: 'staff', id: 'reviewer-1' };
const R2: Actor = { kind: 'staff', id: 'reviewer-2' };

before(async () => {
  t = await createTestDb();
  ctx = testContext(t.db, testClock('2026-11-02T09:00:00Z'));
  dir = await seedDirectory(ctx);
});
after(() => t.drop());

const emergency = (email: string, over: Partial<DemandIntake> = {}) =>
  warrantInput(dir, {
    channel: 'email',
    instrument: 'emergency_request',
    dataCategories: ['subscriber'],
    emergency: { description: 'Threat to life posted from the account' },
    requester: { name: 'Sgt. Urgent', email },
    issuingCourt: null,
    ...over,
  });

async function decisionFlags(id: string): Promise<string[]> {
  const row = await t.db.selectFrom('demands').select('decision').where('id', '=', id).executeTakeFirstOrThrow();
  return (row.decision as { flags: { code: string }[] }).flags.map((f) => f.code);
}

test('an emergency from free mail is held for verification and flagged', async () => {
  const { demand } = await intakeDemand(ctx, { input: emergency('sgt.urgent@gmail.com'), actor: STAFF });
  assert.equal(demand.state, 'verifying_requester');
  assert.ok((await decisionFlags(demand.id)).includes('requester_verification_required'));
  const ev = await t.db
    .selectFrom('events')
    .select(['type', 'payload'])
    .where('demand_id', '=', demand.id)
    .where('type', '=', 'demand.verification_requested')
    .executeTakeFirstOrThrow();
  assert.match(JSON.stringify(ev.payload), /free_mail/);
});

test('an emergency from a look-alike domain (one letter off) is held and named as such', async () => {
  const { demand } = await intakeDemand(ctx, {
    input: emergency('sgt.urgent@springfie1d-pd.example', { channel: 'agency_portal' }),
    actor: STAFF,
  });
  assert.equal(demand.state, 'verifying_requester');
  const ev = await t.db
    .selectFrom('events')
    .select(['payload'])
    .where('demand_id', '=', demand.id)
    .where('type', '=', 'demand.verification_requested')
    .executeTakeFirstOrThrow();
  assert.match(JSON.stringify(ev.payload), /look_alike/);
});

test('no confirmation without a recorded call-back to the directory number', async () => {
  const { demand } = await intakeDemand(ctx, { input: emergency('sgt.urgent2@springfield-pd.example'), actor: STAFF });
  await assert.rejects(
    confirmRequester(ctx, { demand: demand.id, actor: R2, callbackNote: 'they called us, sounded legit' }),
    (e: unknown) => e instanceof DomainError && e.code === 'illegal_transition',
  );
  const d = await recordRequesterCallback(ctx, {
    demand: demand.id,
    actor: R1,
    note: 'duty desk confirmed Sgt. Urgent and the case',
  });
  const check = await t.db
    .selectFrom('requester_checks')
    .select(['phone'])
    .where('demand_id', '=', d.id)
    .executeTakeFirstOrThrow();
  assert.equal(check.phone, '+1 217 555 0100', 'the number called is the directory number');
  // The same reviewer cannot confirm its own call-back on an emergency.
  await assert.rejects(
    confirmRequester(ctx, { demand: d.id, actor: R1, callbackNote: 'me again' }),
    (e: unknown) => e instanceof DomainError && e.code === 'forbidden',
  );
  const confirmed = await confirmRequester(ctx, { demand: d.id, actor: R2, callbackNote: 'second review agrees' });
  assert.equal(confirmed.state, 'legal_review');
  assert.equal(confirmed.requesterVerification, 'verified');
});

test('a requester the call-back does not confirm is rejected and marked failed', async () => {
  const { demand } = await intakeDemand(ctx, {
    input: emergency('chief@springfield-pd.example.evil.example'),
    actor: STAFF,
  });
  const d = await rejectDemand(ctx, {
    demand: demand.id,
    actor: R1,
    reason: 'The department has no such officer',
    requesterFailed: true,
  });
  assert.equal(d.state, 'rejected');
  const r = await t.db
    .selectFrom('requesters')
    .select('verification')
    .where('id', '=', d.requesterId!)
    .executeTakeFirstOrThrow();
  assert.equal(r.verification, 'failed');
  // The failed requester's next emergency starts unverified again.
  const next = await intakeDemand(ctx, {
    input: emergency('chief@springfield-pd.example.evil.example', { caseNumber: 'again' }),
    actor: STAFF,
  });
  assert.equal(next.demand.state, 'verifying_requester');
});

test('an emergency disclosure requires follow-up legal process, tracked with a deadline', async () => {
  const { demand } = await intakeDemand(ctx, {
    input: emergency('sgt.follow@springfield-pd.example', { channel: 'agency_portal' }),
    actor: STAFF,
  });
  // Even from a verified portal officer, an emergency waits for a call-back and a second reviewer.
  assert.equal(demand.state, 'verifying_requester');
  await recordRequesterCallback(ctx, { demand: demand.id, actor: R1, note: 'duty desk confirmed' });
  await confirmRequester(ctx, { demand: demand.id, actor: R2, callbackNote: 'agreed' });
  const signer = generateLedgerSigning('test.example/ledger').signing.signer;
  await acceptDemand(ctx, { demand: demand.id, actor: R1 });
  await prepareDisclosurePackage(ctx, {
    demand: demand.id,
    actor: R1,
    files: [{ name: 'subscriber.txt', mediaType: 'text/plain', bytes: Buffer.from('name only') }],
    signer,
  });
  await approveDisclosure(ctx, { demand: demand.id, actor: R2 });
  await approveDisclosure(ctx, { demand: demand.id, actor: STAFF });
  await produceDisclosure(ctx, { demand: demand.id, actor: R2 });
  const job = await t.db
    .selectFrom('outbox')
    .select(['kind', 'run_at', 'status'])
    .where('demand_id', '=', demand.id)
    .where('kind', '=', 'emergency.follow_up')
    .executeTakeFirstOrThrow();
  assert.equal(
    new Date(job.run_at).toISOString(),
    new Date(Date.parse(demand.receivedAt) + 30 * 86_400_000).toISOString(),
  );
  await recordFollowUpProcess(ctx, { demand: demand.id, actor: R1, process: 'WR-2026-009999' });
  const after = await t.db
    .selectFrom('outbox')
    .select('status')
    .where('demand_id', '=', demand.id)
    .where('kind', '=', 'emergency.follow_up')
    .executeTakeFirstOrThrow();
  assert.equal(after.status, 'cancelled');
  const types = (await t.db.selectFrom('events').select('type').where('demand_id', '=', demand.id).execute()).map(
    (e) => e.type,
  );
  assert.ok(types.includes('disclosure.follow_up_required') && types.includes('disclosure.follow_up_received'));
});
