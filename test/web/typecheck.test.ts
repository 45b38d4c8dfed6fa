/**
 * The web application is strict TypeScript like the server, but for the browser (DOM types) and
 * bundled by Vite, which does not type-check: its own tsconfig is checked here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../support/cli-run.ts';

const tsc = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsc');

for (const project of ['web/tsconfig.json', 'web/tsconfig.node.json']) {
  test(`${project} type-checks`, () => {
    const r = spawnSync(tsc, ['--noEmit', '-p', project], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  });
}
