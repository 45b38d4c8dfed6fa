/**
 * The long fuzz run: `budget` random and hostile requests over every route of the OpenAPI document
 * (the same generator as test/security/fuzz-routes.test.ts, which sends 1,500 in `npm test`), as
 * every kind of caller. Prints JSON: answers by status, requests per second, and every request that
 * got a 5xx or an error that is not problem+json, grouped by route; exit 1 if there is any.
 *
 *   node --import tsx bench/fuzz.ts [budget=20000] [seed=random]
 * Uses BENCH_DATABASE_URL (an admin URL on an external server) or starts the embedded PostgreSQL.
 */
import { performance } from 'node:perf_hooks';
import { migrate, openDatabase } from '../src/store/database.ts';
import { testClock, testContext } from '../test/support/context.ts';
import { fuzzTarget, runFuzz, type FuzzFailure } from '../test/support/route-fuzz.ts';
import { benchDatabase } from './support/bench-database.ts';

const BUDGET = Number(process.argv[2] ?? 20_000);
const SEED = Number(process.argv[3] ?? Math.floor(Math.random() * 2 ** 31));

const { embedded, freshDb } = await benchDatabase('fuzz');
const db = openDatabase(await freshDb('writ_bench_fuzz'), 4);
await migrate(db);
const { target, doc } = await fuzzTarget(db, testContext(db, testClock('2026-11-02T09:00:00Z')));

const byStatus: Record<string, number> = {};
const started = performance.now();
const failures: FuzzFailure[] = await runFuzz(target, doc, BUDGET, SEED, (_req, res) => {
  byStatus[res.statusCode] = (byStatus[res.statusCode] ?? 0) + 1;
});
const seconds = (performance.now() - started) / 1000;

/** The route a failing URL was sent to, so one cause shows once with its count. */
const routeOf = (f: FuzzFailure) => {
  const path = f.request.url.split('?')[0]!;
  const op = target.operations.find(
    (o) =>
      o.method === f.request.method.replace('HEAD', 'GET') &&
      new RegExp(`^${o.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(path),
  );
  return `${f.status} ${f.request.method} ${op?.path ?? path}`;
};
const groups = new Map<string, { count: number; example: FuzzFailure }>();
for (const f of failures) {
  const g = groups.get(routeOf(f)) ?? { count: 0, example: f };
  g.count++;
  groups.set(routeOf(f), g);
}
console.log(
  JSON.stringify(
    {
      budget: BUDGET,
      seed: SEED,
      operations: target.operations.length,
      callers: target.callers.map((c) => c.name),
      seconds: Math.round(seconds * 10) / 10,
      requestsPerSecond: Math.round(BUDGET / seconds),
      byStatus,
      failures: failures.length,
      failing: [...groups].map(([route, g]) => ({ route, count: g.count, example: g.example })),
    },
    null,
    2,
  ),
);
await target.app.close();
await db.destroy();
await embedded?.stop();
process.exit(failures.length ? 1 : 0);
