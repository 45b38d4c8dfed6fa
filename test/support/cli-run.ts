/** Run the `writ` CLI as a child process, the way an operator does, and collect what it printed. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Settings that would change what the CLI does if inherited from the shell running the tests. */
export const SCRUB = [
  'PORT',
  'HOST',
  'DATABASE_URL',
  'WRIT_DATA_DIR',
  'LOG_LEVEL',
  'WRIT_DEMO',
  'WRIT_DEMO_SEED',
  'WRIT_MAX_DOCUMENT_BYTES',
];

export function runCli(args: string[], env: Record<string, string>, stdin?: string): Promise<CliResult> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const k of SCRUB) delete base[k];
  // The test runner's own flags must not leak into the child (it is not a test file).
  delete base.NODE_TEST_CONTEXT;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...base, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}
