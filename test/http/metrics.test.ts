/**
 * /metrics: Prometheus text for administrators and a scraper's token with the `metrics` role (which
 * opens nothing else). Requests are counted by route pattern, never by raw URL; the state figures
 * (outbox, held notices, ledger, deadlines) are read from the database at each scrape, so they move
 * with the state.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { generateLedgerSigning } from '../../src/ledger/log-signing.ts';
import { buildApp } from '../../src/http/app.ts';
import { claimDueJobs, failJob } from '../../src/store/outbox-claims.ts';
import { cutCheckpoint } from '../../src/workflow/cut-checkpoint.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { sequenceLedger } from '../../src/workflow/sequence-ledger.ts';
import type { WorkflowContext } from '../../src/workflow/context.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testClock, testContext, type TestClock } from '../support/context.ts';
import { STAFF, seedDirectory, warrantInput, type Directory } from '../support/factories.ts';
import { tokenFor } from '../support/http-kit.ts';

let t: TestDb;
let app: FastifyInstance;
let ctx: WorkflowContext;
let clock: TestClock;
let dir: Directory;
let scraper: { authorization: string };

before(async () => {
  t = await createTestDb();
  clock = testClock('2026-11-02T09:00:00Z');
  ctx = testContext(t.db, clock);
  dir = await seedDirectory(ctx);
  app = await buildApp({ ctx, logLevel: 'silent' });
  scraper = (await tokenFor(t.db, { roles: ['metrics'] }, 'Prometheus')).auth;
});
after(async () => {
  await app.close();
  await t.drop();
});

/** Every sample of a scrape: `name{labels}` → value. */
async function scrape(): Promise<Map<string, number>> {
  const res = await app.inject({ method: 'GET', url: '/metrics', headers: scraper });
  assert.equal(res.statusCode, 200, res.body);
  assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
  const samples = new Map<string, number>();
  for (const line of res.body.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

const value = (s: Map<string, number>, key: string) => {
  assert.ok(s.has(key), `no sample ${key}`);
  return s.get(key)!;
};

test('administrators and the metrics role read /metrics; the metrics role reads nothing else', async () => {
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
  assert.equal((await get('/metrics')).statusCode, 401);
  assert.equal((await get('/metrics', (await tokenFor(t.db, { roles: ['reviewer'] })).auth)).statusCode, 403);
  assert.equal((await get('/metrics', (await tokenFor(t.db, { officerOf: dir.usPolice })).auth)).statusCode, 403);
  assert.equal((await get('/metrics', (await tokenFor(t.db, { roles: ['administrator'] })).auth)).statusCode, 200);
  assert.equal((await get('/metrics', scraper)).statusCode, 200);
  assert.equal((await get('/api/v1/demands', scraper)).statusCode, 403);
  assert.equal((await get('/api/v1/customers', scraper)).statusCode, 403);
});

test('requests are counted and timed by route pattern, not by URL', async () => {
  const reviewer = (await tokenFor(t.db, { roles: ['reviewer'] })).auth;
  const before = await scrape();
  const route = 'method="GET",route="/api/v1/demands/:ref"';
  const count = (s: Map<string, number>) => s.get(`writ_http_requests_total{${route},status="404"}`) ?? 0;
  const timed = (s: Map<string, number>) => s.get(`writ_http_request_duration_seconds_count{${route}}`) ?? 0;
  for (const ref of ['WR-2026-900001', 'WR-2026-900002', 'WR-2026-900003'])
    assert.equal(
      (await app.inject({ method: 'GET', url: `/api/v1/demands/${ref}`, headers: reviewer })).statusCode,
      404,
    );
  await app.inject({ method: 'GET', url: '/no/such/page/here' });
  const after = await scrape();
  assert.equal(count(after) - count(before), 3);
  assert.equal(timed(after) - timed(before), 3);
  assert.ok(value(after, 'writ_http_requests_total{method="GET",route="unmatched",status="404"}') >= 1);
  const res = await app.inject({ method: 'GET', url: '/metrics', headers: scraper });
  assert.doesNotMatch(res.body, /WR-2026-9000|no\/such\/page/, 'no raw URL in a label');
  assert.ok(value(after, 'process_cpu_seconds_total') > 0, "the process's own figures are there");
});

test('outbox, held notices, deadlines and the ledger move with the state', async () => {
  let s = await scrape();
  assert.equal(value(s, 'writ_outbox_due_jobs'), 0);
  assert.equal(value(s, 'writ_outbox_oldest_due_job_wait_seconds'), 0);
  assert.equal(value(s, 'writ_notices_held'), 0);
  assert.equal(value(s, 'writ_ledger_leaves'), 0);
  assert.ok(Number.isNaN(value(s, 'writ_ledger_checkpoint_age_seconds')), 'no checkpoint yet');
  assert.equal(value(s, 'writ_deadlines_at_risk{window="24h"}'), 0);

  // A warrant with notice allowed: its notice job is due at once; one due within 24 h.
  await intakeDemand(ctx, {
    input: warrantInput(dir, { responseDeadline: '2026-11-03T08:00:00Z' }),
    actor: STAFF,
  });
  // A secrecy order until 2026-11-10: the notice is held, its release job waits.
  await intakeDemand(ctx, {
    input: warrantInput(dir, {
      caseNumber: '2026-CR-0043',
      secrecyOrder: {
        legalBasis: '18 U.S.C. 2705(b)',
        issuedAt: '2026-11-01T00:00:00Z',
        expiresAt: '2026-11-10T00:00:00Z',
        individualizedFindings: false,
      },
    }),
    actor: STAFF,
  });
  s = await scrape();
  assert.equal(value(s, 'writ_notices_held'), 1);
  assert.equal(value(s, 'writ_notices_held_past_release'), 0);
  assert.equal(value(s, 'writ_outbox_pending_jobs{kind="notice.deliver"}'), 1);
  assert.equal(value(s, 'writ_outbox_pending_jobs{kind="notice.release"}'), 1);
  const due = value(s, 'writ_outbox_due_jobs');
  assert.ok(due >= 1);
  assert.equal(value(s, 'writ_deadlines_at_risk{window="24h"}'), 1);
  assert.equal(value(s, 'writ_deadlines_at_risk{window="overdue"}'), 0);
  assert.ok(value(s, 'writ_ledger_unsequenced_events') > 0);

  // Ten minutes on with nothing delivered: the oldest due job has waited ten minutes.
  clock.advance(10 * 60_000);
  s = await scrape();
  assert.equal(value(s, 'writ_outbox_oldest_due_job_wait_seconds'), 600);

  // Past the deadline and the order's end: overdue, and a held notice past its release.
  clock.set('2026-11-10T12:00:00Z');
  s = await scrape();
  // Both: the first warrant's response deadline, and the second's notice release (its order ended
  // on the 10th), each an obligation of the provider's now past (the demand's next deadline).
  assert.equal(value(s, 'writ_deadlines_at_risk{window="overdue"}'), 2);
  assert.equal(value(s, 'writ_deadlines_at_risk{window="24h"}'), 0);
  assert.equal(value(s, 'writ_notices_held_past_release'), 1);

  // A job that fails for good.
  const kinds = (await t.db.selectFrom('outbox').select('kind').distinct().execute()).map((r) => r.kind);
  const [job] = await claimDueJobs(t.db, 'metrics-test', clock.now(), 60_000, 1, kinds);
  assert.ok(job, 'a due job');
  const pendingBefore = value(s, `writ_outbox_pending_jobs{kind="${job.kind}"}`);
  await t.db.transaction().execute((tx) => failJob(tx, 'metrics-test', job, clock.now(), 'mailbox gone', '550'));
  s = await scrape();
  assert.equal(value(s, `writ_outbox_failed_jobs{kind="${job.kind}"}`), 1);
  assert.equal(s.get(`writ_outbox_pending_jobs{kind="${job.kind}"}`) ?? 0, pendingBefore - 1);

  // The ledger: sequenced, then a signed checkpoint that ages.
  const { signing } = generateLedgerSigning('metrics.test.example/ledger');
  const sequenced = await sequenceLedger(t.db);
  assert.ok(sequenced.treeSize > 0);
  const cut = await cutCheckpoint(t.db, signing);
  assert.ok(cut);
  const { created_at } = await t.db.selectFrom('ledger_checkpoints').select('created_at').executeTakeFirstOrThrow();
  clock.set(new Date(created_at.getTime() + 90_000));
  s = await scrape();
  assert.equal(value(s, 'writ_ledger_leaves'), sequenced.treeSize);
  assert.equal(value(s, 'writ_ledger_unsequenced_events'), 0);
  assert.equal(value(s, 'writ_ledger_checkpoint_tree_size'), sequenced.treeSize);
  assert.equal(value(s, 'writ_ledger_checkpoint_age_seconds'), 90);
});
