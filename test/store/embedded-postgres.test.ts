/**
 * The embedded PostgreSQL: created on first start in its data folder, durable across restarts,
 * on a port of its own, and able to start again after the process that ran it was killed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/store/embedded-postgres.ts';

async function query(url: string, text: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows;
  } finally {
    await c.end();
  }
}

test('first start creates the server; data survives a restart; never on 5432', async () => {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'writ-pg-')), 'data');
  const a = await startEmbeddedPostgres(dir);
  assert.notEqual(new URL(a.url).port, '5432');
  assert.equal(new URL(a.url).hostname, '127.0.0.1');
  await query(a.url, "create table kept (v text); insert into kept values ('still here')");
  await a.stop();
  const b = await startEmbeddedPostgres(dir);
  try {
    assert.deepEqual(await query(b.url, 'select v from kept'), [{ v: 'still here' }]);
    const [version] = await query(b.url, 'show server_version');
    assert.match(String(version.server_version), /^1[5-9]/);
  } finally {
    await b.stop();
  }
});

test('starts again after the process that ran it was killed', async () => {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'writ-pg-')), 'data');
  const script = `import { startEmbeddedPostgres } from ${JSON.stringify(path.resolve('src/store/embedded-postgres.ts'))};
    const s = await startEmbeddedPostgres(${JSON.stringify(dir)}); console.log('UP ' + s.url); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /UP (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', () => reject(new Error('child exited early')));
  });
  await query(url, 'create table survived (v int); insert into survived values (1)');
  child.kill('SIGKILL'); // no clean shutdown: PostgreSQL is left running, orphaned
  await new Promise((r) => child.once('exit', r));
  const again = await startEmbeddedPostgres(dir);
  try {
    assert.deepEqual(await query(again.url, 'select v from survived'), [{ v: 1 }]);
  } finally {
    await again.stop();
  }
});

/** Runs `code` (an ES module) in a fresh Node process; resolves with what it printed. */
function runModule(code: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`exited ${code}: ${out}`))));
  });
}

test("signals stay the process's own: loading Writ installs no signal handler, and a server started for a process that shuts down by itself adds no handler", async () => {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'writ-pg-')), 'data');
  const module = JSON.stringify(path.resolve('src/store/embedded-postgres.ts'));
  const runtime = JSON.stringify(path.resolve('src/runtime.ts'));
  const count = `['SIGINT', 'SIGTERM', 'beforeExit', 'exit'].map((e) => process.listenerCount(e)).join(',')`;
  // A `writ worker` (external database) must not exit 143 on SIGTERM before its jobs are done.
  const loaded = await runModule(`await import(${runtime}); console.log(${count});`);
  assert.match(loaded, /^0,0,0,\d+$/, 'no SIGINT, SIGTERM or beforeExit handler');
  const started = (options: string) =>
    runModule(`const { startEmbeddedPostgres } = await import(${module}); const before = ${count};
      const s = await startEmbeddedPostgres(${JSON.stringify(dir)}, () => {}${options}); const during = ${count};
      await s.stop(); console.log(before + ' ' + during);`);
  const [before, during] = (await started(', { ownShutdown: true }')).split(' ');
  assert.equal(during, before, 'the server added no handler');
  // Left to the package, its own handlers are there (what ownShutdown removes).
  const [before2, during2] = (await started('')).split(' ');
  assert.notEqual(during2, before2);
});
