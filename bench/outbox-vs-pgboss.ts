/**
 * Writ's outbox worker beside pg-boss on the same PostgreSQL, with the same no-op job: how many
 * jobs a second each moves, and how late each runs a timer after its due time. The decision this
 * informed is written down in docs/NOTIFY.md.
 *
 * pg-boss is not a dependency of Writ: install it anywhere and name its entry point, e.g.
 *   npm install --prefix /some/dir pg-boss@12
 *   PG_BOSS_MODULE=/some/dir/node_modules/pg-boss/dist/index.js \
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *   node --import tsx bench/outbox-vs-pgboss.ts [jobs=5000] [timers=500] [windowSeconds=5]
 */
import { pathToFileURL } from 'node:url';
import { migrate, openDatabase } from '../src/store/database.ts';
import { enqueueJobs } from '../src/store/outbox-repository.ts';
import { OutboxWorker } from '../src/notify/outbox-worker.ts';
import { benchDatabase } from './support/bench-database.ts';

const JOBS = Number(process.argv[2] ?? 5000);
const TIMERS = Number(process.argv[3] ?? 500);
const WINDOW_S = Number(process.argv[4] ?? 5);
const CONCURRENCY = 16;
const adminUrl = process.env.BENCH_DATABASE_URL;
const bossModule = process.env.PG_BOSS_MODULE;
if (!adminUrl || !bossModule) {
  console.error("set BENCH_DATABASE_URL (an admin URL) and PG_BOSS_MODULE (the path of pg-boss's entry point)");
  process.exit(2);
}

const { freshDb } = await benchDatabase('pgboss', { embeddedAllowed: false });

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const lagStats = (lags: number[]) => {
  const s = [...lags].sort((a, b) => a - b);
  return { p50Ms: pct(s, 50), p99Ms: pct(s, 99), maxMs: s[s.length - 1] };
};
const waitUntil = async (done: () => boolean, ms: number) => {
  const until = Date.now() + ms;
  while (!done() && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
};

async function outbox() {
  const db = openDatabase(await freshDb('writ_cmp_outbox'), 20);
  await migrate(db);
  let ran = 0;
  const lags: number[] = [];
  const worker = new OutboxWorker({
    db,
    now: () => new Date(),
    handlers: {
      noop: async (job) => {
        ran++;
        if (job.kind === 'noop' && job.payload.due) lags.push(Date.now() - Number(job.payload.due));
      },
    },
    leaseMs: 60_000,
    pollMs: 250,
    concurrency: CONCURRENCY,
    maxAttempts: 5,
    backoff: { baseMs: 1000, maxMs: 60_000 },
  });
  for (let i = 0; i < JOBS; i += 1000) {
    await enqueueJobs(
      db,
      Array.from({ length: Math.min(1000, JOBS - i) }, (_, k) => ({
        kind: 'noop',
        idempotencyKey: `n:${i + k}`,
        demandId: null,
        payload: {},
      })),
    );
  }
  const t0 = Date.now();
  worker.start();
  await waitUntil(() => ran >= JOBS, 120_000);
  const seconds = (Date.now() - t0) / 1000;
  const start = Date.now() + 2000;
  ran = 0;
  await enqueueJobs(
    db,
    Array.from({ length: TIMERS }, (_, i) => {
      const due = start + Math.floor((i * WINDOW_S * 1000) / TIMERS);
      return { kind: 'noop', idempotencyKey: `t:${i}`, demandId: null, payload: { due }, runAt: new Date(due) };
    }),
  );
  await waitUntil(() => lags.length >= TIMERS, WINDOW_S * 1000 + 30_000);
  await worker.stop();
  await db.destroy();
  return { jobsPerSecond: Math.round(JOBS / seconds), timerLag: lagStats(lags) };
}

async function pgBoss() {
  const { PgBoss } = (await import(pathToFileURL(bossModule!).href)) as { PgBoss: new (o: object) => any };
  const boss = new PgBoss({ connectionString: await freshDb('writ_cmp_pgboss'), max: 20 });
  boss.on('error', () => {});
  await boss.start();
  await boss.createQueue('noop');
  let ran = 0;
  const lags: number[] = [];
  for (let i = 0; i < JOBS; i += 1000) {
    await boss.insert(
      'noop',
      Array.from({ length: Math.min(1000, JOBS - i) }, (_, k) => ({ data: {}, singletonKey: `n:${i + k}` })),
    );
  }
  const t0 = Date.now();
  // Its fastest documented settings: the shortest poll, a batch per fetch, fetching on while batches come back full.
  await boss.work(
    'noop',
    { batchSize: CONCURRENCY, localConcurrency: 1, pollingIntervalSeconds: 0.5, burstWhenBatchFull: true },
    async (jobs: { data: { due?: number } }[]) => {
      for (const j of jobs) {
        ran++;
        if (j.data.due) lags.push(Date.now() - j.data.due);
      }
    },
  );
  await waitUntil(() => ran >= JOBS, 120_000);
  const seconds = (Date.now() - t0) / 1000;
  const start = Date.now() + 2000;
  for (let i = 0; i < TIMERS; i++) {
    const due = start + Math.floor((i * WINDOW_S * 1000) / TIMERS);
    await boss.send('noop', { due }, { startAfter: new Date(due), singletonKey: `t:${i}` });
  }
  await waitUntil(() => lags.length >= TIMERS, WINDOW_S * 1000 + 30_000);
  await boss.stop({ graceful: false, wait: true });
  return { jobsPerSecond: Math.round(JOBS / seconds), timerLag: lagStats(lags), timersRun: lags.length };
}

const ours = await outbox();
const theirs = await pgBoss();
console.log(
  JSON.stringify(
    {
      bench: 'outbox-vs-pgboss',
      jobs: JOBS,
      timers: TIMERS,
      windowSeconds: WINDOW_S,
      concurrency: CONCURRENCY,
      outbox: ours,
      pgBoss: theirs,
    },
    null,
    2,
  ),
);
process.exit(0);
