/**
 * The intake use case alone, without HTTP: `concurrency` callers submitting demands in process
 * (so that group commit forms batches as under load), and what each intake costs: CPU in Node, CPU
 * in the PostgreSQL backends, and statements (transactions) per intake, whose inverse is the mean
 * batch size of lookups and writes. Larger concurrency makes larger batches; `compression` sets
 * the decision column's TOAST compression first (pglz or lz4) to compare the two.
 *
 *   node --import tsx bench/intake-usecase.ts [intakes=6000] [concurrency=20] [compression=as-migrated]
 * Uses BENCH_DATABASE_URL (an admin URL on an external server) or starts the embedded PostgreSQL.
 * Prints one JSON object.
 */
import { sql } from 'kysely';
import { migrate, openDatabase } from '../src/store/database.ts';
import { intakeDemand } from '../src/workflow/intake-demand.ts';
import { STAFF, seedDirectory, warrantInput } from '../test/support/factories.ts';
import { testClock, testContext } from '../test/support/context.ts';
import { benchDatabase } from './support/bench-database.ts';
import { backendCpuMs, cpuBetween } from './support/process-cpu.ts';

const INTAKES = Number(process.argv[2] ?? 6000);
const CONCURRENCY = Number(process.argv[3] ?? 20);
const COMPRESSION = process.argv[4] ?? 'as-migrated';
if (!['as-migrated', 'pglz', 'lz4'].includes(COMPRESSION)) throw new Error('compression: as-migrated, pglz or lz4');

const { embedded, freshDb } = await benchDatabase('intake-usecase');
const db = openDatabase(await freshDb('writ_bench_usecase'), CONCURRENCY + 2);
await migrate(db);
if (COMPRESSION === 'lz4') {
  const { rows } = await sql<{
    lz4: boolean;
  }>`select 'lz4' = any(enumvals) as lz4 from pg_settings where name = 'default_toast_compression'`.execute(db);
  if (!rows[0]?.lz4)
    throw new Error(
      'this PostgreSQL was built without lz4 (the embedded one is): run against a server that has it, through BENCH_DATABASE_URL',
    );
}
if (COMPRESSION !== 'as-migrated')
  await sql.raw(`alter table demands alter column decision set compression ${COMPRESSION}`).execute(db);
const ctx = testContext(db, testClock(new Date()));
const dir = await seedDirectory(ctx);
const input = warrantInput(dir);

async function submit(n: number) {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < n) await intakeDemand(ctx, { input: structuredClone(input), actor: STAFF });
    }),
  );
}
const commits = async () =>
  Number(
    (
      await sql<{
        n: string;
      }>`select xact_commit as n from pg_stat_database where datname = current_database()`.execute(db)
    ).rows[0]!.n,
  );

await submit(Math.min(1000, INTAKES / 5)); // warm-up: JIT, prepared statements, caches
const cpu0 = process.cpuUsage();
const pg0 = await backendCpuMs(db);
const commits0 = await commits();
const t0 = performance.now();
await submit(INTAKES);
const seconds = (performance.now() - t0) / 1000;
const nodeCpu = process.cpuUsage(cpu0);
const pgMs = cpuBetween(pg0, await backendCpuMs(db));
// pg_stat_database is updated when a backend reports; wait for it.
await new Promise((r) => setTimeout(r, 600));
const statements = (await commits()) - commits0;
const { rows } = await sql<{
  method: string;
}>`select case attcompression when 'l' then 'lz4' when 'p' then 'pglz' else 'server default' end as method from pg_attribute where attrelid = 'demands'::regclass and attname = 'decision'`.execute(
  db,
);
await db.destroy();
await embedded?.stop();

const per = (ms: number) => Number((ms / INTAKES).toFixed(3));
console.log(
  JSON.stringify(
    {
      bench: 'intake-usecase',
      database: embedded ? 'embedded PostgreSQL 18' : 'external PostgreSQL',
      intakes: INTAKES,
      concurrency: CONCURRENCY,
      decisionCompression: rows[0]!.method,
      intakesPerSecond: Math.round(INTAKES / seconds),
      cpuMsPerIntake: { node: per((nodeCpu.user + nodeCpu.system) / 1000), postgres: per(pgMs) },
      statementsPerIntake: Number((statements / INTAKES).toFixed(3)),
      // Each batch is one lookup and one write.
      meanBatch: Number(((2 * INTAKES) / Math.max(1, statements)).toFixed(1)),
    },
    null,
    2,
  ),
);
process.exit(0);
