/**
 * A half-year transparency report over many demands, against the bare GROUP BY scan of the same
 * demands table measured in the same run (aim: the report's query within twice the bare scan).
 * Demands (one or two targets each, half of them of an enterprise customer, some stored abroad,
 * some under secrecy orders, every disposition) are inserted with SQL (generate_series), not
 * through intake. Prints JSON.
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
import { reportFactRows } from '../src/store/report-repository.ts';
import { testContext } from '../test/support/context.ts';
import { seedDirectory, type Directory } from '../test/support/factories.ts';

const COUNT = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 5);
const PERIOD = parsePeriod('2026-H1');

const { embedded, freshDb } = await benchDatabase('reports');

/** COUNT demands spread over the half-year, all closed but one in ten; targets follow. */
async function insertDemands(db: Db, dir: Directory): Promise<void> {
  const { rows } = await sql<{ id: string; customer_id: string }>`select id, customer_id from accounts order by display_name`.execute(db);
  const accounts = rows.map((r) => r.id);
  const customers = rows.map((r) => r.customer_id);
  await sql`
    with g as (
      select n, timestamptz '2026-01-01' + (n - 1) * (interval '181 days' / ${COUNT}::int) as received from generate_series(1, ${COUNT}::int) n
    )
    insert into demands (id, reference, received_at, channel, agency_id, requester_verification, jurisdiction, instrument, signed,
      data_categories, state, notice_state, challenge_state, preservation_state, disposition, emergency, secrecy_order, decision)
    select gen_random_uuid(), 'WR-B-' || n, received, 'agency_portal', (${[dir.usPolice, dir.dePolice, dir.ukPolice]}::uuid[])[1 + n % 3], 'verified',
      (array['US','DE','GB'])[1 + n % 3],
      (${[...INSTRUMENTS]}::text[])[1 + n % ${INSTRUMENTS.length}::int], true,
      case n % 4 when 0 then array['subscriber'] when 1 then array['subscriber','non_content'] when 2 then array['content'] else array['subscriber','content'] end,
      case when n % 10 = 0 then 'legal_review' else 'closed' end, 'sent',
      (array['none','none','none','filed','upheld','vacated'])[1 + n % 6], 'none',
      case when n % 10 = 0 then null else (array['rejected','withdrawn','no_data_found','redirected_to_customer','non_content_disclosed','content_disclosed','preserved_only'])[1 + n % 7] end,
      case when n % 29 = 0 then '{"description":"Threat to life"}'::jsonb end,
      case when n % 11 = 0 then '{"legalBasis":"18 U.S.C. 2705(b)","issuedAt":"2026-01-01T00:00:00Z","expiresAt":null,"individualizedFindings":false}'::jsonb
           when n % 13 = 0 then '{"legalBasis":"18 U.S.C. 2705(b)","issuedAt":"2026-01-01T00:00:00Z","expiresAt":"2027-06-01T00:00:00Z","individualizedFindings":true}'::jsonb end,
      case when n % 11 = 0 then '{"notice":{"mode":"delayed"}}'::jsonb else '{"notice":{"mode":"now"}}'::jsonb end
    from g`.execute(db);
  // One target per demand, a second on every fifth; accounts alternate between the directory's three.
  await sql`
    insert into demand_targets (demand_id, ordinal, kind, value, customer_id, account_id)
    select d.id, o, 'email', 'bench@example.invalid', (${customers}::uuid[])[1 + (d.rn + o) % 3], (${accounts}::uuid[])[1 + (d.rn + o) % 3]
    from (select id, row_number() over () as rn from demands) d
    cross join generate_series(0, 1) o
    where o = 0 or d.rn % 5 = 0`.execute(db);
  await sql`vacuum analyze`.execute(db);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x);

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const times: number[] = [];
  let result!: T;
  result = await fn(); // warm-up: caches and plans
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    result = await fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), result };
}

const url = await freshDb('writ_bench_reports');
const db = openDatabase(url, 4);
try {
  await migrate(db);
  const dir = await seedDirectory(testContext(db));
  const t0 = performance.now();
  await insertDemands(db, dir);
  const seedMs = performance.now() - t0;
  const from = new Date(`${PERIOD.from}T00:00:00Z`);
  const to = new Date(`${PERIOD.to}T00:00:00Z`);
  const bare = await time(async () =>
    (await sql`select jurisdiction, instrument, disposition, count(*) from demands where received_at >= ${from} and received_at < ${to} group by 1, 2, 3`.execute(db)).rows.length,
  );
  const facts = await time(() => reportFactRows(db, PERIOD));
  // The same grouping without the targets (counts, enterprise, storage country): what the report would
  // cost if those per-demand facts were kept on the demand row.
  const demandsOnly = await time(async () =>
    (
      await sql`
        select jurisdiction, instrument, data_categories, emergency is not null, secrecy_order ->> 'expiresAt' is null,
          decision -> 'notice' ->> 'mode', disposition, challenge_state, count(*)
        from demands where received_at >= ${from} and received_at < ${to} group by 1, 2, 3, 4, 5, 6, 7, 8`.execute(db)
    ).rows.length,
  );
  const full = await time(() => computeReport(db, { period: PERIOD, now: new Date('2027-01-10T00:00:00Z'), origin: 'bench.example/ledger', signing: null }));
  console.log(
    JSON.stringify(
      {
        demands: COUNT,
        period: PERIOD.label,
        runs: RUNS,
        seedSeconds: Math.round(seedMs / 100) / 10,
        bareGroupByMs: round(bare.ms),
        reportQueryMs: round(facts.ms),
        reportQueryVsBare: Math.round((facts.ms / bare.ms) * 100) / 100,
        demandsOnlyGroupByMs: round(demandsOnly.ms),
        fullReportMs: round(full.ms),
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
