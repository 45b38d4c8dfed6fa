/**
 * A worker process killed while it holds a notice (claimed, message on the wire, nothing
 * recorded): another worker takes the job again once the lease has run out, and the notice still
 * goes out, once. The first attempt is kept in the record as abandoned.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { testContext } from '../support/context.ts';
import { STAFF, seedDirectory, warrantInput } from '../support/factories.ts';
import { eventually, workerProcessKit } from './support/spawn-worker.ts';

// The worker processes run on the real clock; so does this test's intake.
const kit = workerProcessKit();
const { sink, realClock } = kit;

test('killed after it claimed the notice: a new worker delivers it after the lease, exactly once', async () => {
  const ctx = testContext(kit.t.db, realClock);
  const dir = await seedDirectory(ctx);
  const env = {
    WRIT_SMTP_URL: sink.url,
    WRIT_MAIL_FROM: 'legal@provider.example',
    WRIT_OUTBOX_LEASE_SECONDS: '2',
    WRIT_OUTBOX_POLL_MS: '100',
  };

  // The relay accepts the message but holds its answer: the worker is in the middle of delivering.
  sink.hold();
  const { demand } = await intakeDemand(ctx, { input: warrantInput(dir), actor: STAFF });
  const first = await kit.spawn(env);
  await eventually(() => sink.dataCommands >= 1, 60_000, 'the first worker to send');
  const claimed = await kit.t.db
    .selectFrom('outbox')
    .select(['locked_by', 'attempts', 'status'])
    .where('demand_id', '=', demand.id)
    .where('kind', '=', 'notice.deliver')
    .executeTakeFirstOrThrow();
  assert.equal(claimed.locked_by, first.id, 'the first worker holds the job');
  assert.equal(claimed.status, 'pending');

  first.child.kill('SIGKILL');
  assert.equal(await first.exited, 'SIGKILL');
  // The relay notices the dead connection, then answers: the sender is gone, nothing was accepted.
  await eventually(() => sink.closedConnections >= 1, 30_000, 'the relay to see the connection drop');
  sink.releaseHeld();
  await new Promise((r) => setImmediate(r));
  assert.equal(sink.messages.length, 0, 'the message was never accepted');

  const second = await kit.spawn(env);
  await sink.waitFor(1, 60_000);
  await eventually(
    async () =>
      (
        await kit.t.db
          .selectFrom('demands')
          .select('notice_state')
          .where('id', '=', demand.id)
          .executeTakeFirstOrThrow()
      ).notice_state === 'sent',
    30_000,
    'the notice to be sent',
  );
  await eventually(
    async () =>
      (
        await kit.t.db
          .selectFrom('outbox')
          .select('status')
          .where('demand_id', '=', demand.id)
          .where('kind', '=', 'notice.deliver')
          .executeTakeFirstOrThrow()
      ).status === 'done',
    30_000,
    'the job to be done',
  );

  assert.equal(sink.messages.length, 1);
  assert.equal(sink.messages[0]!.idempotencyKey, `notice:${demand.id}`);
  assert.deepEqual(sink.messages[0]!.to, ['dana@writmail.example']);
  const job = await kit.t.db
    .selectFrom('outbox')
    .select(['id', 'status', 'attempts'])
    .where('demand_id', '=', demand.id)
    .where('kind', '=', 'notice.deliver')
    .executeTakeFirstOrThrow();
  assert.equal(job.status, 'done');
  const attempts = await kit.t.db
    .selectFrom('outbox_attempts')
    .select(['attempt', 'worker', 'status'])
    .where('job_id', '=', job.id)
    .orderBy('attempt')
    .execute();
  assert.deepEqual(attempts, [
    { attempt: 1, worker: first.id, status: 'abandoned' },
    { attempt: 2, worker: second.id, status: 'succeeded' },
  ]);

  second.child.kill('SIGTERM');
  assert.equal(await second.exited, 0, 'a worker stops cleanly on SIGTERM');
});
