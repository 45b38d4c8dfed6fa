/**
 * What a job did is recorded in the transaction that marks it done, for a batch of jobs at once:
 * each notice's move to "sent", its event and its job's completion commit together; a notice is
 * never recorded twice; a job whose lease passed to another worker records nothing; and a record
 * that cannot be written fails the attempt (retried, then given up) without holding back the rest.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { SYSTEM } from '../../src/domain/events.ts';
import { OutboxWorker, recordWith, type CompletionRecorder } from '../../src/notify/outbox-worker.ts';
import type { Notifier } from '../../src/notify/start-notifier.ts';
import { enqueueJobs } from '../../src/store/outbox-repository.ts';
import type { WorkflowContext } from '../../src/workflow/context.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { recordNoticesSent } from '../../src/workflow/record-notice-sent.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testContext } from '../support/context.ts';
import { STAFF, seedDirectory, warrantInput, type Directory } from '../support/factories.ts';
import { futureClock, notifyConfig, testNotifier } from './support/notify-kit.ts';
import { SmtpSink } from './support/smtp-sink.ts';

let t: TestDb;
let dir: Directory;
let ctx: WorkflowContext;
let notifier: Notifier;
const clock = futureClock();
const sink = new SmtpSink();

before(async () => {
  t = await createTestDb();
  ctx = testContext(t.db, clock);
  dir = await seedDirectory(ctx);
  await sink.start();
  notifier = testNotifier(ctx, notifyConfig(sink.url));
});
after(async () => {
  await notifier.stop();
  await sink.stop();
  await t.drop();
});

const newDemand = async (caseNumber: string) =>
  (await intakeDemand(ctx, { input: warrantInput(dir, { caseNumber }), actor: STAFF })).demand;
const sentEvents = (id: string) =>
  t.db
    .selectFrom('events')
    .select(['id', 'payload'])
    .where('demand_id', '=', id)
    .where('type', '=', 'notice.sent')
    .execute();

describe('notices recorded with their completion', () => {
  test('a batch of notices: each moves to sent with one event, in the transaction that marks its job done', async () => {
    const ds: { id: string }[] = [];
    for (let i = 0; i < 6; i++) ds.push(await newDemand(`BATCH-${i}`));
    await notifier.worker.runUntilIdle();
    for (const d of ds) {
      const events = await sentEvents(d.id);
      assert.equal(events.length, 1);
      // What a report counts of it: its demand's received day and the customers told, by kind, also
      // on the demand row from the same statement.
      const row = await t.db
        .selectFrom('demands')
        .select(['received_at', 'report_notified_enterprise', 'report_notified_consumers'])
        .where('id', '=', d.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(events[0]!.payload, {
        recipients: 1,
        channels: ['email'],
        receivedOn: new Date(row.received_at).toISOString().slice(0, 10),
        enterpriseCustomers: 0,
        consumerCustomers: 1,
      });
      assert.deepEqual([row.report_notified_enterprise, row.report_notified_consumers], [0, 1]);
      const { rows } = await sql<{ n: string; state: string; status: string }>`
        select count(distinct x) as n, min(state) as state, min(status) as status from (
          select xmin::text as x, notice_state as state, null as status from demands where id = ${d.id}
          union all select xmin::text, null, null from events where id = ${events[0]!.id}
          union all select xmin::text, null, status from outbox where demand_id = ${d.id} and kind = 'notice.deliver') q`.execute(
        t.db,
      );
      assert.deepEqual(
        rows[0],
        { n: '1', state: 'sent', status: 'done' },
        'state, event and completion in one transaction',
      );
    }
    assert.equal(sink.messages.filter((m) => ds.some((d) => m.idempotencyKey === `notice:${d.id}`)).length, 6);
  });

  test('only a notice still pending is recorded, and once, however often it is named', async () => {
    const a = await newDemand('ONCE-A');
    const b = await newDemand('ONCE-B');
    await t.db.updateTable('demands').set({ notice_state: 'not_required' }).where('id', '=', b.id).execute();
    const item = (demand: string) => ({ demand, actor: SYSTEM, recipients: 1, channels: ['email'] });
    const moved = await t.db
      .transaction()
      .execute((tx) => recordNoticesSent(tx, [item(a.id), item(a.id), item(b.id)], clock.now()));
    assert.deepEqual(moved, [a.id]);
    const again = await t.db.transaction().execute((tx) => recordNoticesSent(tx, [item(a.id)], clock.now()));
    assert.deepEqual(again, []);
    assert.equal((await sentEvents(a.id)).length, 1);
    assert.equal((await sentEvents(b.id)).length, 0);
    const states = await t.db
      .selectFrom('demands')
      .select(['id', 'notice_state'])
      .where('id', 'in', [a.id, b.id])
      .execute();
    assert.deepEqual(Object.fromEntries(states.map((s) => [s.id, s.notice_state])), {
      [a.id]: 'sent',
      [b.id]: 'not_required',
    });
  });
});

describe('the worker with completion records', () => {
  const written: string[] = [];
  const record: CompletionRecorder<string> = async (tx, items) => {
    if (items.includes('broken')) throw new Error('cannot write this record');
    await sql`select 1`.execute(tx);
    written.push(...items);
  };
  const worker = (handler: (id: string, key: string) => Promise<string>) =>
    new OutboxWorker({
      db: t.db,
      now: clock.now,
      handlers: {
        'test.record': async (job) => ({
          responseCode: '250',
          record: recordWith(record, await handler(job.id, job.idempotencyKey)),
        }),
      },
      workerId: 'test-worker',
      leaseMs: 60_000,
      pollMs: 50,
      concurrency: 8,
      maxAttempts: 2,
      backoff: { baseMs: 1000, maxMs: 1000 },
    });
  const jobs = (keys: string[]) =>
    enqueueJobs(
      t.db,
      keys.map((k) => ({ kind: 'test.record', idempotencyKey: k, demandId: null, payload: {}, runAt: clock.now() })),
    );
  const job = (key: string) =>
    t.db
      .selectFrom('outbox')
      .select(['id', 'status', 'attempts', 'last_error'])
      .where('idempotency_key', '=', key)
      .executeTakeFirstOrThrow();

  test('a job whose lease passed to another worker as it ran records nothing and is left to the new owner', async () => {
    await jobs(['lease-kept', 'lease-lost']);
    await worker(async (id, key) => {
      if (key === 'lease-lost')
        await t.db.updateTable('outbox').set({ locked_by: 'another-worker' }).where('id', '=', id).execute();
      return key;
    }).runUntilIdle();
    assert.ok(written.includes('lease-kept'));
    assert.ok(!written.includes('lease-lost'), 'no record for a job that is no longer ours');
    assert.equal((await job('lease-kept')).status, 'done');
    assert.equal((await job('lease-lost')).status, 'pending');
    await t.db
      .updateTable('outbox')
      .set({ status: 'cancelled', locked_by: null })
      .where('idempotency_key', '=', 'lease-lost')
      .execute();
  });

  test('a record that cannot be written fails its attempt (retried, then given up) and holds back no other job', async () => {
    await jobs(['fine-1', 'bad', 'fine-2']);
    const w = worker(async (_id, key) => (key === 'bad' ? 'broken' : key));
    await w.runUntilIdle();
    assert.ok(written.includes('fine-1') && written.includes('fine-2'));
    assert.equal((await job('fine-1')).status, 'done');
    assert.equal((await job('fine-2')).status, 'done');
    const bad = await job('bad');
    assert.equal(bad.status, 'pending', 'retried after its backoff');
    assert.match(bad.last_error ?? '', /cannot write this record/);
    clock.advance(2000);
    await w.runUntilIdle();
    const given = await job('bad');
    assert.equal(given.status, 'failed');
    assert.equal(given.attempts, 2);
    const attempts = await t.db
      .selectFrom('outbox_attempts')
      .select('status')
      .where('job_id', '=', given.id)
      .orderBy('attempt')
      .execute();
    assert.deepEqual(
      attempts.map((a) => a.status),
      ['failed', 'failed'],
    );
  });
});
