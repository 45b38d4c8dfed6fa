/**
 * `writ worker`: the background work without the HTTP API. Beside `writ serve --no-worker` it is
 * what sequences the ledger and signs checkpoints, so it must do that by itself, with the key it
 * is given, and stop cleanly; without a key it leaves the ledger alone and says so.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { generateLedgerSigning } from '../../src/ledger/log-signing.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { REPO_ROOT } from '../support/cli-run.ts';
import { testContext } from '../support/context.ts';
import { STAFF, seedDirectory, warrantInput } from '../support/factories.ts';

let t: TestDb;
let dataDir: string;
const ORIGIN = 'worker.test.example/ledger';

before(async () => {
  t = await createTestDb();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'writ-worker-'));
  const ctx = testContext(t.db);
  const dir = await seedDirectory(ctx);
  await intakeDemand(ctx, { input: warrantInput(dir), actor: STAFF });
});
after(async () => {
  await t.drop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Starts `writ worker`; resolves once it says it is running, with everything it printed so far. */
function startWorker(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  running: Promise<void>;
} {
  const base: NodeJS.ProcessEnv = { ...process.env };
  delete base.NODE_TEST_CONTEXT;
  for (const k of ['PORT', 'WRIT_LEDGER_KEY', 'WRIT_LEDGER_KEY_FILE', 'WRIT_SMTP_URL']) delete base[k];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker'], {
    cwd: REPO_ROOT,
    env: {
      ...base,
      DATABASE_URL: t.url,
      WRIT_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      WRIT_LEDGER_ORIGIN: ORIGIN,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (out += c));
  const running = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (/worker .* running/.test(out)) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    child.on('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`writ worker exited (${code}): ${out}`));
    });
  });
  return { child, output: () => out, running };
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

const pending = async () =>
  Number((await sql<{ n: string }>`select count(*) as n from ledger_pending`.execute(t.db)).rows[0]!.n);
const checkpoints = async () =>
  Number((await sql<{ n: string }>`select count(*) as n from ledger_checkpoints`.execute(t.db)).rows[0]!.n);

async function until(condition: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return condition();
}

test('without a signing key it runs, leaves the ledger alone and says so', async () => {
  assert.ok((await pending()) > 0, 'intake queued its events for the ledger');
  const w = startWorker({});
  await w.running;
  await new Promise((r) => setTimeout(r, 1500));
  assert.match(w.output(), /no ledger signing key configured/);
  assert.ok((await pending()) > 0, 'nothing was sequenced');
  assert.equal(await checkpoints(), 0, 'nothing was signed');
  assert.equal(await stop(w.child), 0, `a clean stop:\n${w.output()}`);
});

test('with the key it sequences every pending event, signs a checkpoint and stops cleanly', async () => {
  const { signerKey } = generateLedgerSigning(ORIGIN);
  const w = startWorker({ WRIT_LEDGER_KEY: signerKey });
  await w.running;
  assert.ok(
    await until(async () => (await pending()) === 0 && (await checkpoints()) > 0, 20_000),
    `the worker did not sequence the ledger:\n${w.output()}`,
  );
  const { rows } = await sql<{ leaves: string; events: string; size: string }>`
    select (select count(*) from ledger_leaves) as leaves, (select count(*) from events) as events,
      (select max(tree_size) from ledger_checkpoints) as size`.execute(t.db);
  assert.equal(rows[0]!.leaves, rows[0]!.events, 'every event is a leaf');
  assert.equal(rows[0]!.size, rows[0]!.leaves, 'the checkpoint covers them all');
  assert.equal(await stop(w.child), 0, `a clean stop:\n${w.output()}`);
});
