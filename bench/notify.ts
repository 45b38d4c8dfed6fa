/**
 * Delivery under load, against real PostgreSQL and a real SMTP server on loopback.
 *
 *   1. Throughput: N customer notices queued at once; how many per second reach the relay.
 *   2. Follow-ups: each of those N notified demands closes at once (a `demand.closed` step and its
 *      `notice.follow_up` job); how many follow-ups per second reach the relay, and their cost.
 *      100,000 demands closing in one hour is 28 a second: the worker keeps up when it delivers more.
 *   3. Lag: 100,000 held notices pending, of which a sample falls due over a window; for each,
 *      the time from its release date to the e-mail reaching the relay (p50, p99, max).
 *
 *   node --import tsx bench/notify.ts [notices=3000] [held=100000] [due=1000] [windowSeconds=20]
 * Uses BENCH_DATABASE_URL (an admin URL on an external server) or starts the embedded PostgreSQL.
 * Prints one JSON object. Bounded in time: each phase stops at its own deadline.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config/env.ts';
import { startNotifier } from '../src/notify/start-notifier.ts';
import { backendCpuMs, cpuBetween, processCpuMs } from './support/process-cpu.ts';
import { migrate, openDatabase, type Db } from '../src/store/database.ts';
import { benchDatabase } from './support/bench-database.ts';
import { intakeDemand } from '../src/workflow/intake-demand.ts';
import { STAFF, seedDirectory, warrantInput } from '../test/support/factories.ts';
import { testContext } from '../test/support/context.ts';

const NOTICES = Number(process.argv[2] ?? 3000);
const HELD = Number(process.argv[3] ?? 100_000);
const DUE = Number(process.argv[4] ?? 1000);
const WINDOW_S = Number(process.argv[5] ?? 20);

const { embedded, freshDb } = await benchDatabase('notify');

// The relay, in a process of its own: arrival time of each message, by its idempotency key.
const arrivals = new Map<string, number[]>();
const relay = fork(fileURLToPath(new URL('./smtp-relay.ts', import.meta.url)), [], {
  execArgv: ['--import', 'tsx'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const relayPort = await new Promise<number>((resolve) => {
  relay.on('message', (m: { port?: number; arrivals?: [string, number][] }) => {
    if (m.port) resolve(m.port);
    for (const [key, at] of m.arrivals ?? []) arrivals.set(key, [...(arrivals.get(key) ?? []), at]);
  });
});
const smtpUrl = `smtp://127.0.0.1:${relayPort}`;

const url = await freshDb('writ_bench_notify');
const db: Db = openDatabase(url, 20);
await migrate(db);
const ctx = { ...testContext(db, { now: () => new Date(), set() {}, advance() {} }) };
const dir = await seedDirectory(ctx);
// One real demand through intake; the rest are copies of it made in SQL (intake is benched elsewhere).
const { demand: template } = await intakeDemand(ctx, { input: warrantInput(dir), actor: STAFF });
await db.deleteFrom('outbox').execute();

/** Copy the template demand `n` times with the given notice state; returns nothing (ids are random). */
async function cloneDemands(
  n: number,
  noticeState: 'pending' | 'held',
  tag: string,
  heldUntil: (g: string) => ReturnType<typeof sql>,
) {
  await sql`
    with src as (select to_jsonb(d) as j from demands d where id = ${template.id}),
    made as (
      insert into demands
      select (jsonb_populate_record(null::demands, src.j || jsonb_build_object(
        'id', gen_random_uuid(), 'reference', ${`WR-${tag}-`}::text || g, 'notice_state', ${noticeState}::text, 'notice_held_until', ${heldUntil('g')}))).*
      from src, generate_series(1, ${n}) g
      returning id, notice_held_until
    ), t as (
      insert into demand_targets (demand_id, ordinal, kind, value, customer_id, account_id)
      select m.id, 0, x.kind, x.value, x.customer_id, x.account_id from made m, demand_targets x where x.demand_id = ${template.id}
    )
    insert into outbox (kind, idempotency_key, demand_id, payload, run_at)
    select case when ${noticeState}::text = 'held' then 'notice.release' else 'notice.deliver' end,
           case when ${noticeState}::text = 'held' then 'notice.release:' || id || ':' || notice_held_until else 'notice:' || id end,
           id, ${JSON.stringify({ customerIds: [dir.consumer] })}::jsonb, coalesce(notice_held_until, now())
    from made`.execute(db);
}

const config = {
  ...loadConfig({ WRIT_MAIL_FROM: 'legal@provider.example' }).notify,
  smtpUrl,
  pollMs: 100,
  concurrency: 32,
};
const progress = (m: string) => process.stderr.write(`[bench] ${m}\n`);
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

// 1. Throughput.
await cloneDemands(NOTICES, 'pending', 'T', () => sql`null::timestamptz`);
// Per notice: SQL statements sent (every statement goes through pg's Client#query), and the CPU
// of this process (the worker), of the database's backends and of the relay.
let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;
const cpu0 = { worker: process.cpuUsage(), postgres: await backendCpuMs(db), relay: processCpuMs(relay.pid!) };
const statements0 = statements;
const notifier = startNotifier({ ctx, config });
progress(`${NOTICES} notices queued; delivering`);
const t0 = Date.now();
const deadline1 = t0 + 120_000;
while (arrivals.size < NOTICES && Date.now() < deadline1) await new Promise((r) => setTimeout(r, 20));
const seconds = (Date.now() - t0) / 1000;
const delivered = arrivals.size;
const duplicates = [...arrivals.values()].filter((l) => l.length > 1).length;
await notifier.stop();
const perNotice = (x: number) => Number((x / Math.max(1, delivered)).toFixed(2));
const workerCpu = process.cpuUsage(cpu0.worker);
const costPerNotice = {
  statements: perNotice(statements - statements0),
  workerCpuMs: perNotice((workerCpu.user + workerCpu.system) / 1000),
  postgresCpuMs: perNotice(cpuBetween(cpu0.postgres, await backendCpuMs(db))),
  relayCpuMs: perNotice(processCpuMs(relay.pid!) - cpu0.relay),
};
pg.Client.prototype.query = query;
progress(`throughput: ${delivered} in ${seconds.toFixed(1)} s`);

// 2. Follow-ups: every demand notified above closes now; its follow-up goes to the same contact.
arrivals.clear();
await sql`
  with d as (select id from demands where reference like 'WR-T-%' and notice_state = 'sent'),
  e as (
    insert into events (demand_id, type, payload, actor, occurred_at)
    select id, 'demand.closed', '{"from":"approved","disposition":"withdrawn","note":null}'::jsonb, 'staff:bench', now() from d
    returning id, demand_id
  )
  insert into outbox (kind, idempotency_key, demand_id, payload, run_at)
  select 'notice.follow_up', 'follow_up:' || e.id, e.demand_id,
    jsonb_build_object('type', 'demand.withdrawn', 'eventId', e.id::text), now() from e`.execute(db);
const followUpsQueued =
  arrivals.size +
  Number(
    (await sql<{ n: string }>`select count(*) as n from outbox where kind = 'notice.follow_up'`.execute(db)).rows[0]!.n,
  );
statements = 0;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;
const cpuF = { worker: process.cpuUsage(), postgres: await backendCpuMs(db), relay: processCpuMs(relay.pid!) };
const followNotifier = startNotifier({ ctx, config });
const tF = Date.now();
while (arrivals.size < followUpsQueued && Date.now() < tF + 120_000) await new Promise((r) => setTimeout(r, 20));
const followSeconds = (Date.now() - tF) / 1000;
const followDelivered = arrivals.size;
await followNotifier.stop();
const perFollowUp = (x: number) => Number((x / Math.max(1, followDelivered)).toFixed(2));
const workerCpuF = process.cpuUsage(cpuF.worker);
const followUps = {
  queued: followUpsQueued,
  delivered: followDelivered,
  duplicates: [...arrivals.values()].filter((l) => l.length > 1).length,
  seconds: Number(followSeconds.toFixed(2)),
  perSecond: Math.round(followDelivered / followSeconds),
  neededPerSecondFor100kAnHour: Number((100_000 / 3600).toFixed(1)),
  costPerFollowUp: {
    statements: perFollowUp(statements),
    workerCpuMs: perFollowUp((workerCpuF.user + workerCpuF.system) / 1000),
    postgresCpuMs: perFollowUp(cpuBetween(cpuF.postgres, await backendCpuMs(db))),
    relayCpuMs: perFollowUp(processCpuMs(relay.pid!) - cpuF.relay),
  },
};
pg.Client.prototype.query = query;
progress(`follow-ups: ${followDelivered} in ${followSeconds.toFixed(1)} s`);

// 3. Lag with 100,000 held notices pending: all but DUE fall due long after the bench; DUE fall
// due evenly over the window, starting once everything is in place.
arrivals.clear();
const far = new Date(Date.now() + 365 * 86_400_000).toISOString();
await cloneDemands(HELD - DUE, 'held', 'H', () => sql`${far}::timestamptz + make_interval(secs => g)`);
const start = Date.now() + 5_000;
const stepMs = (WINDOW_S * 1000) / DUE;
await cloneDemands(
  DUE,
  'held',
  'D',
  (g) => sql`to_timestamp((${start}::float8 + (${sql.raw(g)} - 1) * ${stepMs}::float8) / 1000.0)`,
);
await sql`analyze outbox`.execute(db);
const pending = Number(
  (
    await db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow()
  ).n,
);
progress(`${pending} held notices pending; ${DUE} fall due over ${WINDOW_S} s`);
const lagWorker = startNotifier({ ctx, config });
const dueAt = new Map<string, number>();
for (const r of await db
  .selectFrom('demands')
  .select(['id', 'notice_held_until'])
  .where('reference', 'like', 'WR-D-%')
  .execute())
  dueAt.set(`notice:${r.id}`, new Date(r.notice_held_until!).getTime());
const deadline2 = start + WINDOW_S * 1000 + 60_000;
while ([...dueAt.keys()].some((k) => !arrivals.has(k)) && Date.now() < deadline2)
  await new Promise((r) => setTimeout(r, 50));
await lagWorker.stop();
const lags = [...dueAt]
  .filter(([k]) => arrivals.has(k))
  .map(([k, due]) => arrivals.get(k)![0]! - due)
  .sort((a, b) => a - b);
const early = [...arrivals.keys()].filter((k) => !dueAt.has(k)).length;

await db.destroy();
relay.kill();
await embedded?.stop();

console.log(
  JSON.stringify(
    {
      bench: 'notify',
      database: embedded ? 'embedded PostgreSQL' : 'external PostgreSQL',
      workerConcurrency: config.concurrency,
      throughput: {
        notices: NOTICES,
        delivered,
        duplicates,
        seconds: Number(seconds.toFixed(2)),
        perSecond: Math.round(delivered / seconds),
        targetPerSecond: 200,
        costPerNotice,
      },
      followUps,
      releaseLag: {
        pendingHeldNotices: pending,
        dueInWindow: DUE,
        windowSeconds: WINDOW_S,
        delivered: lags.length,
        releasedEarly: early,
        p50Ms: lags.length ? pct(lags, 50) : null,
        p99Ms: lags.length ? pct(lags, 99) : null,
        maxMs: lags.length ? lags[lags.length - 1] : null,
        targetP99Ms: 1000,
      },
    },
    null,
    2,
  ),
);
process.exit(0);
