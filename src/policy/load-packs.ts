/**
 * Reads the jurisdiction packs from disk. The only file in the policy module that does I/O; the
 * evaluator itself takes the prepared packs as an argument.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preparePacks, type PackSet, type RawPack } from './prepare.ts';
import { PackValidationError } from './validate-shared.ts';

/** The `policies/` folder at the repository root. */
export const DEFAULT_POLICY_DIR = fileURLToPath(new URL('../../policies/', import.meta.url));

/**
 * The order packs run in. Results do not depend on it (stages see to that), but explanations
 * read best when the law comes before the provider's own policy. Unlisted packs run after these.
 */
export const PACK_ORDER = ['us-federal', 'eu-e-evidence', 'uk-copoa', 'foreign-mlat', 'provider'];

/** Read every `*.json` in `dir` as a pack source (name = file name). Throws on unreadable JSON. */
export function readRawPacks(dir: string = DEFAULT_POLICY_DIR): RawPack[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return files.map((file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    try {
      return { origin: file, raw: JSON.parse(text) as unknown };
    } catch (err) {
      throw new PackValidationError(file, [`(file): not valid JSON (${(err as Error).message})`]);
    }
  });
}

/** Read, validate and prepare all packs in `dir`. Throws PackValidationError on any malformed pack. */
export function loadPacks(dir: string = DEFAULT_POLICY_DIR): PackSet {
  return preparePacks(readRawPacks(dir));
}

function rank(file: string): number {
  const i = PACK_ORDER.indexOf(file.replace(/\.json$/, ''));
  return i === -1 ? PACK_ORDER.length : i;
}
