/**
 * The test command. Starts one PostgreSQL for the whole run (the embedded server, or the one
 * WRIT_TEST_DATABASE_URL names), migrates a template database once, then runs every
 * `test/**\/*.test.ts` file with node's test runner; each file clones the template into a database
 * of its own, so files never see each other's rows.
 *
 *   npm test                                   embedded PostgreSQL
 *   WRIT_TEST_DATABASE_URL=postgres://… npm test   an external server (needs CREATEDB)
 *   npm test -- test/workflow                  only files under a path
 *
 * The template is named after this run's process, so two runs against one external server never
 * drop each other's. A test file that does not end within 15 minutes fails; a run that does not end
 * within WRIT_TEST_BUDGET_MINUTES (default 30) is stopped, and the files still running are named.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrate, openDatabase } from '../src/store/database.ts';
import { startEmbeddedPostgres } from '../src/store/embedded-postgres.ts';

const TEMPLATE_DB = `writ_test_template_${process.pid}`;
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

async function findTests(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await findTests(p)));
    else if (e.name.endsWith('.test.ts')) out.push(p);
  }
  return out.sort();
}

async function prepareTemplate(adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${TEMPLATE_DB}`);
    await admin.query(`create database ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${TEMPLATE_DB}`;
  const db = openDatabase(url.toString(), 2);
  await migrate(db);
  await db.destroy();
}

async function dropTemplate(adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
  } finally {
    await admin.end();
  }
}

const args = process.argv.slice(2);
const files = (
  await Promise.all(
    (args.length ? args : ['test']).map(async (a) =>
      a.endsWith('.ts') ? [path.resolve(a)] : findTests(path.resolve(root, a)),
    ),
  )
).flat();
let adminUrl = process.env.WRIT_TEST_DATABASE_URL;
let tmp: string | undefined;
let stop: (() => Promise<void>) | undefined;
if (!adminUrl) {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'writ-test-'));
  const server = await startEmbeddedPostgres(tmp);
  adminUrl = server.urlFor('postgres');
  stop = () => server.stop();
}
console.log(
  `# database: ${stop ? 'embedded PostgreSQL' : 'external PostgreSQL (WRIT_TEST_DATABASE_URL)'}; ${files.length} test files`,
);
await prepareTemplate(adminUrl);

const budgetMinutes = Number(process.env.WRIT_TEST_BUDGET_MINUTES ?? 30);
const code = await new Promise<number>((resolve) => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', '--test-timeout=900000', ...files],
    {
      stdio: 'inherit',
      detached: true,
      env: { ...process.env, WRIT_TEST_DATABASE_URL: adminUrl, WRIT_TEST_TEMPLATE_DB: TEMPLATE_DB },
    },
  );
  const watchdog = setTimeout(() => {
    // The runner's children carry their test file on the command line: name them, then stop all.
    let running = '';
    try {
      running = execFileSync('ps', ['-o', 'etime=,args=', '--ppid', String(child.pid)], { encoding: 'utf8' });
    } catch {}
    console.error(`# the run exceeded ${budgetMinutes} minutes; still running:\n${running}`);
    process.kill(-child.pid!, 'SIGKILL');
  }, budgetMinutes * 60_000);
  // The runner has its own process group (so the watchdog can stop all of it): pass on an interrupt.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => process.kill(-child.pid!, sig));
  child.on('exit', (c, signal) => {
    clearTimeout(watchdog);
    resolve(c ?? (signal ? 1 : 0));
  });
});
if (!stop) await dropTemplate(adminUrl);
await stop?.();
if (tmp) await rm(tmp, { recursive: true, force: true });
process.exit(code);
