/**
 * The web application's folders keep their shape: a feature imports no other feature, shared code
 * (lib, components) imports no feature, and nothing in the browser imports server-only code from
 * src/ (only pure domain modules, the policy's types and the access-policy table).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../support/cli-run.ts';

const SRC = path.join(REPO_ROOT, 'web', 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );
}

/** Every module a file imports, resolved to a repository-relative path. */
function importsOf(file: string): { spec: string; target: string; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*import\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)]
    .filter((m) => m[2]!.startsWith('.'))
    .map((m) => ({
      spec: m[2]!,
      typeOnly: !!m[1],
      target: path
        .relative(REPO_ROOT, path.resolve(path.dirname(file), m[2]!))
        .split(path.sep)
        .join('/'),
    }));
}

const featureOf = (rel: string) => /^web\/src\/features\/([^/]+)\//.exec(rel)?.[1];

/** Pure modules the browser may share with the server. */
const SHARED_FROM_SRC = [
  /^src\/domain\/(countries|demand|errors|matter-state|plain-words|principal|state-machine|vocabulary)\.ts$/,
  /^src\/policy\/(types|codes)\.ts$/,
  /^src\/http\/access-policy\.ts$/,
];

test('the web sources exist and import each other', () => {
  const all = files(SRC);
  assert.ok(all.length > 20);
  assert.ok(
    all.some((f) => importsOf(f).some((i) => featureOf(i.target))),
    'the app imports features',
  );
});

test('no feature imports another feature; lib and components import none', () => {
  const wrong: string[] = [];
  for (const file of files(SRC)) {
    const rel = path.relative(REPO_ROOT, file).split(path.sep).join('/');
    const own = featureOf(rel);
    const isShared = rel.startsWith('web/src/lib/') || rel.startsWith('web/src/components/');
    for (const i of importsOf(file)) {
      const to = featureOf(i.target);
      if (to && ((own && to !== own) || isShared)) wrong.push(`${rel} imports ${i.target}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('from src/ the browser code takes only pure modules (types from anywhere)', () => {
  const wrong: string[] = [];
  for (const file of files(SRC)) {
    for (const i of importsOf(file)) {
      if (!i.target.startsWith('src/') || i.typeOnly) continue;
      if (!SHARED_FROM_SRC.some((re) => re.test(i.target)))
        wrong.push(`${path.relative(REPO_ROOT, file)} imports ${i.target}`);
    }
  }
  assert.deepEqual(wrong, []);
});
