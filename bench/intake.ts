/**
 * Intake over HTTP against real PostgreSQL, beside a bare Fastify route that inserts one row with
 * `pg`, measured in the same run with autocannon. Both servers run as processes of their own; the
 * load generator runs here. Writ is measured twice: the request path alone (`serve --no-worker`,
 * whose ledger backlog a `writ worker` then sequences, timed), and one `writ serve` doing its
 * background work (deliveries, ledger) in the same process. Also records the server's memory.
 *
 *   node --import tsx bench/intake.ts [seconds=10] [connections=20]
 * Uses BENCH_DATABASE_URL (an admin URL on an external server) or starts the embedded PostgreSQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { migrate, openDatabase, type Db } from '../src/store/database.ts';
import { backendCpuMs, cpuBetween, processCpuMs } from './support/process-cpu.ts';
import { benchDatabase } from './support/bench-database.ts';
import { createPrincipal, issueToken } from '../src/store/principal-repository.ts';
import { seedDirectory, warrantInput } from '../test/support/factories.ts';
import { testContext } from '../test/support/context.ts';

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 20);
const { tmp, embedded, freshDb } = await benchDatabase('intake');

function startServer(args: string[], env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c) => {
      out += c;
      if (ready.test(out)) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/**
 * One measured load on `url`, with the CPU its server process (`pid`) and the PostgreSQL backends
 * of its database (seen through `probe`) spent per request meanwhile.
 */
async function load(url: string, headers: Record<string, string>, body: string, pid: number, probe: Db) {
  const node0 = processCpuMs(pid);
  const pg0 = await backendCpuMs(probe);
  const r = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    connections,
    duration: seconds,
  });
  const perRequest = (ms: number) => Number((ms / Math.max(1, r.requests.total)).toFixed(2));
  const cpuMsPerRequest = {
    server: perRequest(processCpuMs(pid) - node0),
    postgres: perRequest(cpuBetween(pg0, await backendCpuMs(probe))),
  };
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    cpuMsPerRequest,
  };
}

// Writ: a migrated database with a small directory and an intake token.
const writUrl = await freshDb('writ_bench');
const db = openDatabase(writUrl, 2);
await migrate(db);
const dir = await seedDirectory(testContext(db));
const token = await issueToken(
  db,
  await createPrincipal(db, { kind: 'staff', name: 'Bench', email: 'bench@provider.example', roles: ['intake'] }),
  'bench',
);
await db.destroy();
const bareUrl = await freshDb('writ_bench_bare');

const writEnv = {
  DATABASE_URL: writUrl,
  LOG_LEVEL: 'silent',
  WRIT_DATA_DIR: path.join(tmp, 'writ'),
  WRIT_INTAKE_PER_MINUTE: '10000000',
};
const bare = await startServer(['bench/bare-server.ts'], { BENCH_DATABASE_URL: bareUrl, PORT: '18182' }, /READY/);
// The request path alone: a server that leaves deliveries and ledger sequencing to `writ worker`
// (`serve --no-worker`), as a deployment that scales intake runs it; no worker runs meanwhile.
const writ = await startServer(['src/cli/main.ts', 'serve', '--no-worker'], { ...writEnv, PORT: '18181' }, /listening/);
await new Promise((r) => setTimeout(r, 2000));
const idleRss = rssMb(writ.pid!);

const body = JSON.stringify(warrantInput(dir));
const intakeUrl = (port: number) => `http://127.0.0.1:${port}/api/v1/demands`;
const auth = { authorization: `Bearer ${token}` };
// Warm both up, then measure bare first and Writ second, the same way.
await autocannon({
  url: 'http://127.0.0.1:18182/bare',
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body,
  connections,
  duration: 2,
});
await autocannon({
  url: intakeUrl(18181),
  method: 'POST',
  headers: { 'content-type': 'application/json', ...auth },
  body,
  connections,
  duration: 2,
});
// One connection to each database, to find the backends serving it (their CPU is measured too).
const probe = openDatabase(writUrl, 1);
const bareProbe = openDatabase(bareUrl, 1);
const bareRes = await load('http://127.0.0.1:18182/bare', {}, body, bare.pid!, bareProbe);
const writRes = await load(intakeUrl(18181), auth, body, writ.pid!, probe);
const loadedRss = rssMb(writ.pid!);
writ.kill('SIGTERM');

// The background work the run left: a `writ worker` sequences the events into the ledger.
const pendingCount = async () =>
  Number((await sql<{ n: string }>`select count(*) as n from ledger_pending`.execute(probe)).rows[0]!.n);
const backlog = await pendingCount();
const t0 = performance.now();
const worker = await startServer(['src/cli/main.ts', 'worker'], writEnv, /worker .* running/);
while ((await pendingCount()) > 0) await new Promise((r) => setTimeout(r, 200));
const sequencedPerSecond = backlog / ((performance.now() - t0) / 1000);
worker.kill('SIGTERM');

// One process doing everything (`writ serve` with its worker and ledger loop), under the same load.
const whole = await startServer(['src/cli/main.ts', 'serve'], { ...writEnv, PORT: '18183' }, /listening/);
await autocannon({
  url: intakeUrl(18183),
  method: 'POST',
  headers: { 'content-type': 'application/json', ...auth },
  body,
  connections,
  duration: 2,
});
const wholeRes = await load(intakeUrl(18183), auth, body, whole.pid!, probe);
whole.kill('SIGTERM');
await probe.destroy();
await bareProbe.destroy();

bare.kill('SIGTERM');
await new Promise((r) => setTimeout(r, 1000));
await embedded?.stop();

const ratio = (x: { rps: number }) => Number((x.rps / bareRes.rps).toFixed(2));
console.log(
  JSON.stringify(
    {
      bench: 'intake',
      seconds,
      connections,
      database: embedded ? 'embedded PostgreSQL 18' : 'external PostgreSQL',
      bare: bareRes,
      writ: writRes,
      ratio: ratio(writRes),
      ledgerBacklogEvents: backlog,
      ledgerSequencedPerSecond: Math.round(sequencedPerSecond),
      writWithBackgroundWork: wholeRes,
      ratioWithBackgroundWork: ratio(wholeRes),
      writIdleRssMb: Math.round(idleRss),
      writRssAfterLoadMb: Math.round(loadedRss),
    },
    null,
    2,
  ),
);
process.exit(0);
