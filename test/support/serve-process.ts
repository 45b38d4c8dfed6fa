/** Long-running `writ` processes (serve, worker) started the way an operator starts them. */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../src/store/embedded-postgres.ts';
import { REPO_ROOT, SCRUB } from './cli-run.ts';

export interface WritProcess {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
}

export interface ServeProcess extends WritProcess {
  /** http://127.0.0.1:PORT */
  base: string;
}

/** Also the ledger key and mail settings: each test says which it wants. */
const SCRUB_MORE = ['WRIT_LEDGER_KEY', 'WRIT_LEDGER_KEY_FILE', 'WRIT_SMTP_URL', 'NODE_TEST_CONTEXT'];

export { freePort };

/** Starts `writ ARGS`; resolves once its output matches `ready` (rejects if it exits first, or after 180 s). */
export function startWrit(args: string[], env: Record<string, string>, ready: RegExp): Promise<WritProcess> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const k of [...SCRUB, ...SCRUB_MORE]) delete base[k];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...base, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`writ ${args.join(' ')} did not start: ${out}`));
    }, 180_000);
    const onData = (c: string) => {
      out += c;
      if (ready.test(out)) {
        clearTimeout(timer);
        child.removeListener('exit', onExit);
        resolve({ child, output: () => out });
      }
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`writ ${args.join(' ')} exited (${code}): ${out}`));
    };
    child.stdout!.setEncoding('utf8').on('data', onData);
    child.stderr!.setEncoding('utf8').on('data', onData);
    child.once('exit', onExit);
  });
}

/** `writ serve` on PORT (from env), resolved once it listens. */
export async function startServe(env: Record<string, string>, args: string[] = []): Promise<ServeProcess> {
  const p = await startWrit(['serve', ...args], env, /listening on http:\/\/\S+/);
  const base = /listening on (http:\/\/[^\s)]+)/.exec(p.output())![1]!;
  return { ...p, base };
}

/** SIGTERM (or `signal`), resolved with the exit code. */
export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}
