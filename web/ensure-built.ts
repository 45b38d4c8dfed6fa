/**
 * Build the web application when web/dist is missing or older than its sources; otherwise do
 * nothing (a few milliseconds of hashing). Run before `npm start` and `npm test`.
 *
 *   node --import tsx web/ensure-built.ts [--force]
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT, staleness } from './build-inputs.ts';

const reason = process.argv.includes('--force') ? 'asked to' : staleness();
if (reason) {
  console.log(`[writ] building the web application (${reason})`);
  const vite = path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(
    process.execPath,
    [vite, 'build', '--config', path.join('web', 'vite.config.ts'), '--logLevel', 'warn'],
    { cwd: REPO_ROOT, stdio: 'inherit' },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
  const still = staleness();
  if (still) {
    console.error(`[writ] the web build finished but is not current: ${still}`);
    process.exit(1);
  }
}
