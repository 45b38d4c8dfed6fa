/**
 * The CLI beside a serving `writ serve` on the same data folder: it uses the embedded PostgreSQL
 * that the server runs and never stops it (before, its orphan check signalled the live server and
 * every request failed until a restart). A second `writ serve` refuses with a clear message; a lock
 * file left by a dead server is still cleaned up.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../support/cli-run.ts';
import { freePort, startServe, stopProcess, type ServeProcess } from '../support/serve-process.ts';

let tmp: string;
let dataDir: string;
let serve: ServeProcess;

before(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'writ-beside-'));
  dataDir = path.join(tmp, 'data');
  serve = await startServe({ WRIT_DATA_DIR: dataDir, PORT: String(await freePort()) });
});

after(async () => {
  if (serve) await stopProcess(serve.child);
  rmSync(tmp, { recursive: true, force: true });
});

const postmasterPid = () => Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

async function ready(): Promise<number> {
  return (await fetch(`${serve.base}/readyz`)).status;
}

test('ledger verify, ledger export and report run beside the server, which keeps answering', async () => {
  const env = { WRIT_DATA_DIR: dataDir };
  const pid = postmasterPid();
  assert.equal(await ready(), 200);
  const verify = await runCli(['ledger', 'verify', '--json'], env);
  assert.equal(verify.code, 0, verify.stderr);
  assert.equal(await ready(), 200, 'the server still reaches its database after ledger verify');
  const exported = path.join(tmp, 'ledger.json');
  const exp = await runCli(['ledger', 'export', exported], env);
  assert.equal(exp.code, 0, exp.stderr);
  assert.ok(existsSync(exported));
  const report = await runCli(['report', '--period', '2026-H1', '--format', 'json'], env);
  assert.equal(report.code, 0, report.stderr);
  assert.equal(JSON.parse(report.stdout).period.label, '2026-H1');
  assert.equal(await ready(), 200, 'the server still reaches its database after the report');
  assert.equal(postmasterPid(), pid, 'the same PostgreSQL server, never restarted');
});

test('a second writ serve on the same folder refuses, naming the process that runs it', async () => {
  const second = await runCli(['serve'], { WRIT_DATA_DIR: dataDir, PORT: String(await freePort()) });
  assert.notEqual(second.code, 0);
  assert.match(second.stderr, new RegExp(`run by another Writ process \\(pid ${serve.child.pid}\\)`));
  assert.match(second.stderr, /DATABASE_URL/);
  assert.equal(await ready(), 200);
});

test('after the server stops, a lock file left by a dead server is cleaned up and the CLI runs', async () => {
  assert.equal(await stopProcess(serve.child), 0);
  assert.ok(!existsSync(path.join(dataDir, 'pg', 'postmaster.pid')), 'writ serve stopped its server');
  assert.ok(!existsSync(path.join(dataDir, 'pg-owner')));
  // A server that died without removing its lock file, and whose owner died too.
  const dead = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => dead.once('exit', r));
  writeFileSync(
    path.join(dataDir, 'pg', 'postmaster.pid'),
    `${dead.pid}\n${path.join(dataDir, 'pg')}\n1700000000\n54321\n\n127.0.0.1\n  1234567   12\nready   \n`,
  );
  writeFileSync(path.join(dataDir, 'pg-owner'), `${dead.pid}\n`);
  const verify = await runCli(['ledger', 'verify'], { WRIT_DATA_DIR: dataDir });
  assert.equal(verify.code, 0, verify.stderr);
  assert.ok(!existsSync(path.join(dataDir, 'pg', 'postmaster.pid')), 'the CLI stopped the server it started');
  assert.ok(!existsSync(path.join(dataDir, 'pg-owner')));
});
