/**
 * Weighing a demand again (POST /demands/:ref/reweigh's use case): CPU per operation in this
 * process and in PostgreSQL, beside a bare baseline measured in the same run: the same frame
 * (transaction, row lock, re-read of the demand, next-deadline check) with nothing weighed.
 * Target: under 5 ms of CPU for the weighing itself. Prints JSON.
 *
 *   node --import tsx bench/reweigh.ts [operations=300]
 * Uses BENCH_DATABASE_URL (an admin URL on an external server) or starts the embedded PostgreSQL.
 */
import { performance } from 'node:perf_hooks';
import { migrate, openDatabase } from '../src/store/database.ts';
import { intakeDemand } from '../src/workflow/intake-demand.ts';
import { reweighDemand } from '../src/workflow/reweigh-demand.ts';
import { actOnDemand } from '../src/workflow/support/act-on-demand.ts';
import { testContext } from '../test/support/context.ts';
import { STAFF, seedDirectory, warrantInput } from '../test/support/factories.ts';
import { benchDatabase } from './support/bench-database.ts';
import { backendCpuMs, cpuBetween } from './support/process-cpu.ts';

const OPS = Number(process.argv[2] ?? 300);
const { embedded, freshDb } = await benchDatabase('reweigh');
const db = openDatabase(await freshDb('writ_bench_reweigh'), 4);
await migrate(db);
const ctx = testContext(db);
const dir = await seedDirectory(ctx);
const refs: string[] = [];
for (let i = 0; i < 20; i++) {
  const over = i % 2 ? { targets: [{ kind: 'email' as const, value: 'bob@acme.example' }] } : {};
  refs.push(
    (await intakeDemand(ctx, { input: warrantInput(dir, { caseNumber: `B-${i}`, ...over }), actor: STAFF })).demand.id,
  );
}

async function measure(run: (ref: string) => Promise<unknown>) {
  for (let i = 0; i < 30; i++) await run(refs[i % refs.length]!); // warm-up
  const pg0 = await backendCpuMs(db);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < OPS; i++) await run(refs[i % refs.length]!);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const pg = cpuBetween(pg0, await backendCpuMs(db));
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    nodeCpuMsPerOp: r((cpu.user + cpu.system) / 1000 / OPS),
    postgresCpuMsPerOp: r(pg / OPS),
    wallMsPerOp: r(wall / OPS),
    perSecond: Math.round(OPS / (wall / 1000)),
  };
}

const baseline = await measure((ref) => actOnDemand(ctx, ref, STAFF, () => ({ events: [] })));
const reweigh = await measure((ref) => reweighDemand(ctx, { demand: ref, actor: STAFF }));
console.log(
  JSON.stringify(
    {
      operations: OPS,
      baseline,
      reweigh,
      weighingCpuMsPerOp:
        Math.round(
          (reweigh.nodeCpuMsPerOp +
            reweigh.postgresCpuMsPerOp -
            baseline.nodeCpuMsPerOp -
            baseline.postgresCpuMsPerOp) *
            100,
        ) / 100,
      target: { weighingCpuMsPerOp: 5 },
    },
    null,
    2,
  ),
);
await db.destroy();
await embedded?.stop();
