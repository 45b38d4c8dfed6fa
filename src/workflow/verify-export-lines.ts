/**
 * The per-leaf half of verifying an export file offline: each leaf line must hold a well-formed,
 * canonical leaf whose seq is its position, and its RFC 6962 hash goes into the tree. Works on a
 * block of whole lines (bytes, each line ending in a newline) with no shared state, so it runs the
 * same in the main thread or in a worker (leaf-check-worker.ts).
 */
import { HASH_SIZE, hashLeafLatin1, writeDigest } from '../ledger/hashing.ts';
import { parseLeafLine } from '../ledger/export-format.ts';
import { parseLeafText } from '../ledger/leaf.ts';
import type { VerifyFailure } from '../ledger/verify-report.ts';

/** What checking a block of leaf lines found. */
export interface ExportBlockResult {
  count: number;
  /** count × 32 bytes: the leaf hashes, in order. */
  hashes: Uint8Array;
  failures: VerifyFailure[];
}

const EMPTY_LEAF_HASH = hashLeafLatin1(new Uint8Array(0));

/** Checks one leaf line (without its newline); returns the leaf hash as a latin1 digest string. */
export function checkExportLine(line: string, index: number, failures: VerifyFailure[]): string {
  const text = parseLeafLine(line);
  if (text === undefined) {
    failures.push({ kind: 'leaf_malformed', index, detail: `line of leaf ${index} is not a JSON string` });
    return EMPTY_LEAF_HASH;
  }
  const bytes = Buffer.from(text, 'utf8');
  try {
    const leaf = parseLeafText(text, bytes);
    if (leaf.seq !== index)
      failures.push({
        kind: 'leaf_malformed',
        index,
        detail: `leaf ${index} says it is leaf ${leaf.seq}: leaves were moved`,
      });
  } catch (e) {
    failures.push({ kind: 'leaf_malformed', index, detail: `leaf ${index}: ${(e as Error).message}` });
  }
  return hashLeafLatin1(bytes);
}

/** Checks a block of whole leaf lines, the first being leaf `firstIndex`. */
export function checkExportBlock(block: Buffer, firstIndex: number): ExportBlockResult {
  const failures: VerifyFailure[] = [];
  const digests: string[] = [];
  for (let at = 0; at < block.length; ) {
    let end = block.indexOf(0x0a, at);
    if (end === -1) end = block.length;
    // A line ending in CRLF is the same line, as readline reads it.
    const stop = end > at && block[end - 1] === 0x0d ? end - 1 : end;
    digests.push(checkExportLine(block.toString('utf8', at, stop), firstIndex + digests.length, failures));
    at = end + 1;
  }
  const hashes = new Uint8Array(digests.length * HASH_SIZE);
  digests.forEach((d, i) => writeDigest(d, hashes, i * HASH_SIZE));
  return { count: digests.length, hashes, failures };
}
