/**
 * A half-year transparency report over many demands, against the bare GROUP BY scan of the same
 * demands table measured in the same run (aim: the report's query within twice the bare scan).
 * Demands (one or two targets each, half of them of an enterprise customer, some stored abroad,
 * some under secrecy orders, every disposition) are inserted with SQL (generate_series), not
 * through intake. Prints JSON: wall times (median) and CPU per run of this process and of the
 * whole PostgreSQL server (parallel workers included), for the report and for the bare scan.
 *
 *   node --import tsx bench/reports.ts [demands=1000000] [runs=5]
 * Uses BENCH_DATABASE_URL (an admin URL on an external server) or starts the embedded PostgreSQL.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { INSTRUMENTS } from '../src/domain/vocabulary.ts';
import { computeReport } from '../src/reports/compute-report.ts';
import { parsePeriod } from '../src/reports/period.ts';
import { migrate, openDatabase, type Db } from '../src/store/database.ts';
import { benchDatabase } from './support/bench-database.ts';
import { postmasterPidOf, processCpuMs, serverCpuMs } from './support/process-cpu.ts';
import { reportPeriodFacts, tenantReportFactRows } from '../src/store/report-repository.ts';
import { type FactRow, rowKey } from '../src/reports/fact-rows.ts';
import { testContext } from '../test/support/context.ts';
import { seedDirectory, type Directory } from '../test/support/factories.ts';

const COUNT = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 5);
const PERIOD = parsePeriod('2026-H1');

const { embedded, freshDb } = await benchDatabase('reports');

/**
 * COUNT demands spread over the half-year, all closed but one in ten; one target each, a second on
 * every fifth, accounts cycling through the directory's three. Each demand row carries the report
 * facts intake would record (target counts, enterprise targets, storage abroad, secrecy term,
 * notice plan), computed here from the same cycle.
 */
async function insertDemands(db: Db, dir: Directory): Promise<void> {
  const { rows } = await sql<{ id: string; customer_id: string; kind: string; data_location: string }>`
    select a.id, a.customer_id, c.kind, a.data_location from accounts a join customers c on c.id = a.customer_id order by a.display_name`.execute(
    db,
  );
  const accounts = rows.map((r) => r.id);
  const customers = rows.map((r) => r.customer_id);
  const enterprise = rows.map((r) => (r.kind === 'enterprise' ? 1 : 0));
  const location = rows.map((r) => r.data_location);
  // Each demand's facts first (g), then the row with the report columns intake would write.
  await sql`
    with g as (
      select n, timestamptz '2026-01-01' + (n - 1) * (interval '181 days' / ${COUNT}::int) as received,
        (array['US','DE','GB'])[1 + n % 3] as jurisdiction,
        (${[...INSTRUMENTS]}::text[])[1 + n % ${INSTRUMENTS.length}::int] as instrument,
        case n % 4 when 0 then array['subscriber'] when 1 then array['subscriber','non_content'] when 2 then array['content'] else array['subscriber','content'] end as categories,
        n % 29 = 0 as emergency,
        case when n % 5 = 0 then 2 else 1 end as targets,
        (${enterprise}::int[])[1 + n % 3] + case when n % 5 = 0 then (${enterprise}::int[])[1 + (n + 1) % 3] else 0 end as enterprise_targets,
        n % 5 = 0 as two_targets,
        case when n % 11 = 0 then 'indefinite' when n % 13 = 0 then 'over_a_year' end as secrecy_term,
        case when n % 11 = 0 then 'delayed' else 'at_once' end as notice_plan
      from generate_series(1, ${COUNT}::int) n
    ), f as (
      select g.*, (${location}::text[])[1 + n % 3] <> jurisdiction or (two_targets and (${location}::text[])[1 + (n + 1) % 3] <> jurisdiction) as abroad from g
    )
    insert into demands (id, reference, received_at, channel, agency_id, requester_verification, jurisdiction, instrument, signed,
      data_categories, state, notice_state, challenge_state, preservation_state, disposition, emergency, secrecy_order, decision,
      report_dimensions, report_target_count, report_enterprise_targets)
    select gen_random_uuid(), 'WR-B-' || n, received, 'agency_portal', (${[dir.usPolice, dir.dePolice, dir.ukPolice]}::uuid[])[1 + n % 3], 'verified',
      jurisdiction, instrument, true, categories,
      case when n % 10 = 0 then 'legal_review' else 'closed' end, 'sent',
      (array['none','none','none','filed','upheld','vacated'])[1 + n % 6], 'none',
      case when n % 10 = 0 then null else (array['rejected','withdrawn','no_data_found','redirected_to_customer','non_content_disclosed','content_disclosed','preserved_only'])[1 + n % 7] end,
      case when emergency then '{"description":"Threat to life"}'::jsonb end,
      case when n % 11 = 0 then '{"legalBasis":"18 U.S.C. 2705(b)","issuedAt":"2026-01-01T00:00:00Z","expiresAt":null,"individualizedFindings":false}'::jsonb
           when n % 13 = 0 then '{"legalBasis":"18 U.S.C. 2705(b)","issuedAt":"2026-01-01T00:00:00Z","expiresAt":"2027-06-01T00:00:00Z","individualizedFindings":true}'::jsonb end,
      case when n % 11 = 0 then '{"notice":{"mode":"delayed"}}'::jsonb else '{"notice":{"mode":"now"}}'::jsonb end,
      concat('[', to_json(jurisdiction), ',', to_json(instrument), ',', array_to_json(categories), ',', to_json(emergency), ',',
        to_json(enterprise_targets > 0), ',', to_json(abroad), ',', coalesce(to_json(secrecy_term)::text, 'null'), ',', to_json(notice_plan), ']'),
      targets, enterprise_targets
    from f`.execute(db);
  await sql`
    insert into demand_targets (demand_id, ordinal, kind, value, customer_id, account_id)
    select d.id, o, 'email', 'bench@example.invalid', (${customers}::uuid[])[1 + (d.n + o) % 3], (${accounts}::uuid[])[1 + (d.n + o) % 3]
    from (select id, substr(reference, 6)::int as n from demands where reference like 'WR-B-%') d
    cross join generate_series(0, 1) o
    where o = 0 or d.n % 5 = 0`.execute(db);
  await sql`vacuum analyze`.execute(db);
}

const sortedRows = (rows: FactRow[]) => rows.map((r) => `${rowKey(r)} ${JSON.stringify(r)}`).sort();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x);

let postmaster = 0;

/** Median wall time of RUNS runs after a warm-up, and the mean CPU per run of this process and of the whole server. */
async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; nodeCpuMs: number; pgCpuMs: number; result: T }> {
  const times: number[] = [];
  let result!: T;
  result = await fn(); // warm-up: caches and plans
  const node0 = processCpuMs(process.pid);
  const pg0 = serverCpuMs(postmaster);
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    result = await fn();
    times.push(performance.now() - t0);
  }
  return {
    ms: median(times),
    nodeCpuMs: Math.round((processCpuMs(process.pid) - node0) / RUNS),
    pgCpuMs: Math.round((serverCpuMs(postmaster) - pg0) / RUNS),
    result,
  };
}

const url = await freshDb('writ_bench_reports');
const db = openDatabase(url, 4);
try {
  await migrate(db);
  postmaster = await postmasterPidOf(db);
  const dir = await seedDirectory(testContext(db));
  const t0 = performance.now();
  await insertDemands(db, dir);
  const seedMs = performance.now() - t0;
  const from = new Date(`${PERIOD.from}T00:00:00Z`);
  const to = new Date(`${PERIOD.to}T00:00:00Z`);
  const bare = await time(
    async () =>
      (
        await sql`select jurisdiction, instrument, disposition, count(*) from demands where received_at >= ${from} and received_at < ${to} group by 1, 2, 3`.execute(
          db,
        )
      ).rows.length,
  );
  const facts = await time(async () => (await reportPeriodFacts(db, PERIOD)).rows);
  // The previous design, kept for the tenant report: the same grouping joined to targets, customers
  // and accounts. Timed once (tens of seconds at a million demands; skipped above two million); its
  // rows must equal the scan's.
  let joinedMs: number | null = null;
  let sameRows: boolean | null = null;
  if (COUNT <= 2_000_000) {
    const t1 = performance.now();
    const joined = await tenantReportFactRows(db, PERIOD);
    joinedMs = performance.now() - t1;
    sameRows = JSON.stringify(sortedRows(joined)) === JSON.stringify(sortedRows(facts.result));
  }
  const full = await time(() =>
    computeReport(db, {
      period: PERIOD,
      now: new Date('2027-01-10T00:00:00Z'),
      origin: 'bench.example/ledger',
      signing: null,
    }),
  );
  console.log(
    JSON.stringify(
      {
        demands: COUNT,
        period: PERIOD.label,
        runs: RUNS,
        seedSeconds: Math.round(seedMs / 100) / 10,
        bareGroupByMs: round(bare.ms),
        bareGroupByCpuMs: { node: bare.nodeCpuMs, postgres: bare.pgCpuMs },
        reportQueryMs: round(facts.ms),
        reportQueryCpuMs: { node: facts.nodeCpuMs, postgres: facts.pgCpuMs },
        reportQueryVsBare: Math.round((facts.ms / bare.ms) * 100) / 100,
        joinedQueryMs: joinedMs === null ? null : round(joinedMs),
        joinedQueryVsBare: joinedMs === null ? null : Math.round((joinedMs / bare.ms) * 100) / 100,
        joinedRowsEqualScanRows: sameRows,
        fullReportMs: round(full.ms),
        fullReportCpuMs: { node: full.nodeCpuMs, postgres: full.pgCpuMs },
        fullReportVsBare: Math.round((full.ms / bare.ms) * 100) / 100,
        factRows: facts.result.length,
        received: full.result.totals.received + full.result.preservation.received,
        nationalSecurity: full.result.nationalSecurity.nationalSecurityLetters,
      },
      null,
      2,
    ),
  );
} finally {
  await db.destroy();
  await embedded?.stop();
}
