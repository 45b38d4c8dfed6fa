/**
 * Writ spread over several processes on one PostgreSQL, as an operator runs it: two
 * `writ serve --no-worker` take demands over HTTP, two `writ worker` deliver the notices to a real
 * SMTP relay and sequence the ledger. One worker is killed (SIGKILL) while it holds notices on the
 * wire. Every notice still arrives exactly once, every event is sequenced, and the survivor goes on
 * signing checkpoints; the whole ledger verifies.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateLedgerSigning } from '../../src/ledger/log-signing.ts';
import { verifyLedger } from '../../src/workflow/verify-ledger.ts';
import { testContext } from '../support/context.ts';
import { seedDirectory, warrantInput } from '../support/factories.ts';
import { tokenFor } from '../support/http-kit.ts';
import { freePort, startServe, stopProcess, type ServeProcess } from '../support/serve-process.ts';
import { eventually, noticesSent, workerProcessKit } from './support/spawn-worker.ts';

const N = 24;
const ORIGIN = 'several.test.example/ledger';
const kit = workerProcessKit();
const { sink, realClock } = kit;
const serves: ServeProcess[] = [];

after(async () => {
  for (const s of serves) await stopProcess(s.child);
});

test('two servers and two workers, one worker killed mid-delivery: nothing lost or doubled, the ledger goes on', async () => {
  const ctx = testContext(kit.t.db, realClock);
  const dir = await seedDirectory(ctx);
  const { signing, signerKey } = generateLedgerSigning(ORIGIN);
  const shared = { DATABASE_URL: kit.t.url, WRIT_LEDGER_KEY: signerKey, WRIT_LEDGER_ORIGIN: ORIGIN };
  const workerEnv = {
    ...shared,
    WRIT_SMTP_URL: sink.url,
    WRIT_MAIL_FROM: 'legal@provider.example',
    WRIT_OUTBOX_LEASE_SECONDS: '2',
    WRIT_OUTBOX_POLL_MS: '100',
    WRIT_OUTBOX_CONCURRENCY: '4',
    WRIT_LEDGER_CHECKPOINT_SECONDS: '1',
  };
  const serveEnv = async () => ({
    ...shared,
    PORT: String(await freePort()),
    WRIT_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'writ-serve-')),
  });
  const started = await Promise.all([
    startServe(await serveEnv(), ['--no-worker']),
    startServe(await serveEnv(), ['--no-worker']),
    kit.spawn(workerEnv),
    kit.spawn(workerEnv),
  ]);
  serves.push(started[0], started[1]);
  const [doomed, survivor] = kit.workers;

  // The relay answers the first few messages, then holds every later one: deliveries under way.
  sink.holdAfter(4);
  const { auth } = await tokenFor(kit.t.db, { roles: ['intake'] });
  const ids: string[] = [];
  for (let i = 0; i < N; i++) {
    const res = await fetch(`${serves[i % 2]!.base}/api/v1/demands`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(warrantInput(dir, { caseNumber: `SEVERAL-${i}` })),
    });
    const body = await res.text();
    assert.equal(res.status, 201, body);
    ids.push((JSON.parse(body) as { id: string }).id);
  }

  // Kill one worker while the relay holds a notice it is sending.
  await eventually(
    async () =>
      (
        await kit.t.db
          .selectFrom('outbox_attempts')
          .select('job_id')
          .where('worker', '=', doomed!.id)
          .where('status', '=', 'running')
          .execute()
      ).length > 0,
    60_000,
    'the doomed worker to hold a delivery',
  );
  const closedBefore = sink.closedConnections;
  doomed!.child.kill('SIGKILL');
  assert.equal(await doomed!.exited, 'SIGKILL');
  const killedAt = new Date();
  // The relay sees the dead worker's connections drop (all at once, with the process), then
  // answers what it holds: what the dead worker sent was never accepted, the survivor's was.
  await eventually(() => sink.closedConnections > closedBefore, 30_000, 'the relay to see the connections drop');
  await new Promise((r) => setTimeout(r, 500));
  sink.releaseHeld();

  await noticesSent(kit.t.db, sink, N);
  await new Promise((r) => setTimeout(r, 500)); // a duplicate would arrive meanwhile
  const keys = sink.messages.map((m) => m.idempotencyKey);
  assert.equal(keys.length, N, 'no notice twice');
  assert.deepEqual(new Set(keys), new Set(ids.map((id) => `notice:${id}`)), 'no notice missing');

  const attempts = await kit.t.db
    .selectFrom('outbox_attempts')
    .select(['worker', 'status'])
    .where('worker', '=', doomed!.id)
    .execute();
  assert.ok(
    attempts.some((a) => a.status === 'abandoned'),
    "the killed worker's delivery was taken over after its lease",
  );

  // The survivor sequences every event and signs a checkpoint of the whole tree after the kill.
  await eventually(
    async () => {
      const pending = await kit.t.db.selectFrom('ledger_pending').select('event_id').limit(1).execute();
      if (pending.length) return false;
      const cp = await kit.t.db
        .selectFrom('ledger_checkpoints')
        .select(['tree_size', 'created_at'])
        .orderBy('tree_size', 'desc')
        .limit(1)
        .executeTakeFirst();
      const leaves = await kit.t.db
        .selectFrom('ledger_leaves')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return !!cp && cp.created_at > killedAt && Number(cp.tree_size) === Number(leaves.n);
    },
    60_000,
    'a checkpoint of every event, signed after the kill',
  );
  assert.equal(survivor!.child.exitCode, null, 'the survivor still runs');
  const report = await verifyLedger(kit.t.db, { verifiers: [signing.verifier], origin: ORIGIN });
  assert.equal(report.ok, true, JSON.stringify(report.failures));
  assert.ok(report.verifiedSize > 0);
});
