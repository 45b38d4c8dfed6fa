/**
 * The RFC 6962 proof vectors shared between implementations (from transparency-dev/merkle's test
 * data, kept outside this repository in ../shared/vectors/rfc6962). Every file goes through the
 * verifier and must be accepted or rejected exactly as its `wantErr` says.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LedgerError, verifyConsistency, verifyInclusion } from '../../src/ledger/index.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const vectorRoot = path.resolve(repoRoot, '..', 'shared', 'vectors', 'rfc6962');

function jsonFilesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return jsonFilesUnder(full);
      return name.endsWith('.json') ? [full] : [];
    });
}

function bytes(b64: unknown, field: string, file: string): Uint8Array {
  assert.equal(typeof b64, 'string', `${file}: ${field} is not a base64 string`);
  return new Uint8Array(Buffer.from(b64 as string, 'base64'));
}

function hashList(value: unknown, file: string): Uint8Array[] {
  if (value === null) return [];
  assert.ok(Array.isArray(value), `${file}: proof is neither null nor an array`);
  return value.map((h, i) => bytes(h, `proof[${i}]`, file));
}

/** Runs `check`, returning whether it rejected; anything but a LedgerError is a bug. */
function rejects(check: () => void): boolean {
  try {
    check();
    return false;
  } catch (err) {
    assert.ok(err instanceof LedgerError, `unexpected error type: ${String(err)}`);
    return true;
  }
}

interface Counts {
  files: number;
  accepted: number;
  rejected: number;
}

function runFolder(
  t: { skip(message: string): void },
  folder: string,
  run: (vector: Record<string, unknown>, file: string) => boolean,
): Counts | undefined {
  const dir = path.join(vectorRoot, folder);
  if (!existsSync(dir)) {
    t.skip(`RFC 6962 vectors not found at ../shared/vectors/rfc6962/${folder}`);
    return undefined;
  }
  const counts: Counts = { files: 0, accepted: 0, rejected: 0 };
  for (const file of jsonFilesUnder(dir)) {
    const name = path.relative(vectorRoot, file);
    const vector = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    assert.equal(typeof vector.wantErr, 'boolean', `${name}: wantErr missing`);
    const rejected = run(vector, name);
    assert.equal(
      rejected,
      vector.wantErr,
      `${name} (${String(vector.desc)}): rejected=${rejected}, wantErr=${String(vector.wantErr)}`,
    );
    counts.files += 1;
    counts[rejected ? 'rejected' : 'accepted'] += 1;
  }
  return counts;
}

test('inclusion proof vectors give the expected verdict', (t) => {
  const counts = runFolder(t, 'inclusion', (v, file) =>
    rejects(() =>
      verifyInclusion(
        v.leafIdx as number,
        v.treeSize as number,
        bytes(v.leafHash, 'leafHash', file),
        hashList(v.proof, file),
        bytes(v.root, 'root', file),
      ),
    ),
  );
  if (counts) {
    // Both verdicts must occur, otherwise a verifier that always says one thing would pass.
    assert.ok(counts.accepted > 0 && counts.rejected > 0, JSON.stringify(counts));
    t.diagnostic(`inclusion vectors: ${JSON.stringify(counts)}`);
  }
});

test('consistency proof vectors give the expected verdict', (t) => {
  const counts = runFolder(t, 'consistency', (v, file) =>
    rejects(() =>
      verifyConsistency(
        v.size1 as number,
        v.size2 as number,
        hashList(v.proof, file),
        bytes(v.root1, 'root1', file),
        bytes(v.root2, 'root2', file),
      ),
    ),
  );
  if (counts) {
    assert.ok(counts.accepted > 0 && counts.rejected > 0, JSON.stringify(counts));
    t.diagnostic(`consistency vectors: ${JSON.stringify(counts)}`);
  }
});
