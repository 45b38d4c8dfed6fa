/**
 * Two worker processes on one database deliver 1,000 notices between them: every notice arrives,
 * none arrives twice, and each job was claimed by exactly one worker.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { testContext } from '../support/context.ts';
import { STAFF, seedDirectory, warrantInput } from '../support/factories.ts';
import { noticesSent, workerProcessKit } from './support/spawn-worker.ts';

const N = 1000;
// The worker processes run on the real clock; so does this test's intake.
const kit = workerProcessKit();
const { sink, realClock } = kit;

test(`two workers, ${N} notices: none twice, none missing`, { timeout: 300_000 }, async () => {
  const ctx = testContext(kit.t.db, realClock);
  const dir = await seedDirectory(ctx);
  const env = {
    WRIT_SMTP_URL: sink.url,
    WRIT_MAIL_FROM: 'legal@provider.example',
    WRIT_OUTBOX_POLL_MS: '50',
    WRIT_OUTBOX_CONCURRENCY: '8',
  };
  await Promise.all([kit.spawn(env), kit.spawn(env)]);

  const ids: string[] = [];
  for (let i = 0; i < N; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, N - i) }, (_, k) =>
        intakeDemand(ctx, { input: warrantInput(dir, { caseNumber: `PAIR-${i + k}` }), actor: STAFF }),
      ),
    );
    ids.push(...batch.map((b) => b.demand.id));
  }
  await noticesSent(kit.t.db, sink, N);
  // Let any straggler (a duplicate would be one) reach the relay before counting.
  await new Promise((r) => setTimeout(r, 500));

  const keys = sink.messages.map((m) => m.idempotencyKey);
  assert.equal(keys.length, N, 'no notice twice');
  assert.deepEqual(new Set(keys), new Set(ids.map((id) => `notice:${id}`)), 'no notice missing');
  assert.equal(new Set(sink.messages.map((m) => m.messageId)).size, N);

  const attempts = await kit.t.db
    .selectFrom('outbox_attempts as a')
    .innerJoin('outbox as o', 'o.id', 'a.job_id')
    .select(['a.job_id', 'a.worker', 'a.status'])
    .where('o.kind', '=', 'notice.deliver')
    .execute();
  assert.equal(attempts.length, N, 'each job claimed once');
  assert.ok(attempts.every((a) => a.status === 'succeeded'));
  const byWorker = new Map<string, number>();
  for (const a of attempts) byWorker.set(a.worker, (byWorker.get(a.worker) ?? 0) + 1);
  assert.deepEqual([...byWorker.keys()].sort(), kit.workers.map((w) => w.id).sort(), 'both workers took part');
});
