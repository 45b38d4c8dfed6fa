/** `writ worker` as a process of its own, as an operator runs it, for the crash and two-worker tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { TestClock } from '../../support/context.ts';
import { createTestDb, type TestDb } from '../../support/db.ts';
import { SmtpSink } from './smtp-sink.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface WorkerProcess {
  child: ChildProcess;
  /** The worker id it printed (host:pid:random). */
  id: string;
  output(): string;
  /** Resolves with the exit code or signal. */
  exited: Promise<number | string>;
}

/** Start `writ worker` on `databaseUrl` and wait until it says it runs (bounded: 180 s, for a busy machine). */
export async function spawnWorker(databaseUrl: string, env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'silent',
      WRIT_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'writ-worker-')),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const id = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker did not start: ${out}`)), 180_000);
    const check = () => {
      const m = /worker (\S+) running/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((c) => {
      clearTimeout(timer);
      reject(new Error(`the worker exited (${c}) before starting: ${out}`));
    });
  });
  return { child, id, output: () => out, exited };
}

/** Poll `probe` until it returns true (bounded by `ms`). */
export async function eventually(
  probe: () => Promise<boolean> | boolean,
  ms = 60_000,
  what = 'the condition',
): Promise<void> {
  const until = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Wait until `n` messages reached the relay and `n` demands record their notice as sent. */
export async function noticesSent(db: TestDb['db'], sink: SmtpSink, n: number, ms = 240_000): Promise<void> {
  await sink.waitFor(n, ms);
  await eventually(
    async () => {
      const r = await db
        .selectFrom('demands')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('notice_state', '=', 'sent')
        .executeTakeFirstOrThrow();
      return Number(r.n) === n;
    },
    60_000,
    'every notice to be recorded as sent',
  );
}

/**
 * The frame of a test with `writ worker` processes: a fresh database, a local relay, the workers
 * it starts (all killed at the end), and the real clock those processes run on.
 */
export function workerProcessKit() {
  const kit = {
    t: null as unknown as TestDb,
    sink: new SmtpSink(),
    workers: [] as WorkerProcess[],
    realClock: { now: () => new Date(), set() {}, advance() {} } as TestClock,
    async spawn(env: Record<string, string>): Promise<WorkerProcess> {
      const w = await spawnWorker(kit.t.url, env);
      kit.workers.push(w);
      return w;
    },
  };
  before(async () => {
    kit.t = await createTestDb();
    await kit.sink.start();
  });
  after(async () => {
    for (const w of kit.workers) w.child.kill('SIGKILL');
    await kit.sink.stop();
    await kit.t.drop();
  });
  return kit;
}
