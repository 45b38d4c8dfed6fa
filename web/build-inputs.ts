/**
 * What a build of the web application was made from, so that `npm start` and `npm test` rebuild
 * only when something changed. The build records every source file it read (including the shared
 * domain modules under src/); freshness is a hash over those files, the build configuration and
 * the versions of the build tools. A new file can only matter once a recorded file imports it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_ROOT = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.dirname(WEB_ROOT);
export const DIST = path.join(WEB_ROOT, 'dist');
/** Written into dist/ by the build: the files it read (repository-relative) and their hash. */
export const INPUTS_FILE = path.join(DIST, '.build-inputs.json');

/** Always part of the hash, whatever the module graph was. */
const FIXED_INPUTS = ['web/index.html', 'web/vite.config.ts', 'web/build-inputs.ts', 'web/tsconfig.json'];
const TOOL_PACKAGES = ['vite', 'react', 'react-dom'];

export interface BuildInputs {
  files: string[];
  hash: string;
}

export function hashInputs(files: readonly string[]): string {
  const h = createHash('sha256');
  for (const rel of [...new Set([...FIXED_INPUTS, ...files])].sort()) {
    const abs = path.join(REPO_ROOT, rel);
    h.update(`${rel}\0`);
    h.update(existsSync(abs) ? readFileSync(abs) : 'missing');
    h.update('\0');
  }
  for (const pkg of TOOL_PACKAGES) {
    const manifest = path.join(REPO_ROOT, 'node_modules', pkg, 'package.json');
    h.update(
      `${pkg}@${existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : 'missing'}\0`,
    );
  }
  return h.digest('hex');
}

/** Repository-relative paths of the module ids a build read from this repository (not node_modules). */
export function sourceFilesOf(moduleIds: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const id of moduleIds) {
    const file = id.split('?')[0]!;
    if (
      !path.isAbsolute(file) ||
      file.includes(`${path.sep}node_modules${path.sep}`) ||
      !file.startsWith(REPO_ROOT + path.sep)
    )
      continue;
    out.add(path.relative(REPO_ROOT, file).split(path.sep).join('/'));
  }
  return [...out].sort();
}

/** Why the build in dist/ is out of date, or null when it is current. */
export function staleness(): string | null {
  if (!existsSync(path.join(DIST, 'index.html'))) return 'web/dist/index.html is missing';
  if (!existsSync(INPUTS_FILE)) return 'web/dist has no record of its inputs';
  let recorded: BuildInputs;
  try {
    recorded = JSON.parse(readFileSync(INPUTS_FILE, 'utf8')) as BuildInputs;
  } catch {
    return 'web/dist has an unreadable record of its inputs';
  }
  return hashInputs(recorded.files) === recorded.hash ? null : 'a source file of the web application changed';
}
