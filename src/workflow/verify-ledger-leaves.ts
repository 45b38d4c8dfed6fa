/**
 * The per-leaf half of full verification: each leaf recomputed from its event row and salt, for a
 * batch of rows of the binary COPY in store/ledger-verify-reads.ts. No database and no shared
 * state, so it runs the same in the main thread or in a worker (leaf-check-worker.ts).
 *
 * For each leaf: the stored hash must be the RFC 6962 hash of the stored bytes, and the bytes
 * rebuilt from the event and salt must hash to the stored hash. In the usual case the rebuilt
 * bytes equal the stored ones, so one SHA-256 of the leaf answers both.
 */
import { digestEquals, hashLeafLatin1 } from '../ledger/hashing.ts';
import { encodeLeafText, leafFormatOf } from '../ledger/leaf.ts';
import type { VerifyFailure } from '../ledger/verify-report.ts';
import { BinaryRows } from '../store/pg-binary.ts';
import { type LeafRecomputeRow, readLeafRecomputeRow } from '../store/leaf-recompute-rows.ts';

/** Where a rebuilt leaf is written to compare it with the stored bytes; grown when needed. */
let scratch = Buffer.alloc(64 * 1024);

/** The rebuilt leaf text as UTF-8 in the scratch buffer; returns its length. */
function writeLeaf(text: string): number {
  if (text.length * 3 > scratch.length) scratch = Buffer.alloc(text.length * 3);
  // utf8Write skips the argument handling of write(), which costs more than the copy here.
  return (scratch as unknown as { utf8Write(s: string, offset: number): number }).utf8Write(text, 0);
}

/** The last time formatted: the events one transaction records share their time. */
let lastMs = Number.NaN;
let lastIso = '';

function isoTime(ms: number): string {
  if (ms !== lastMs) {
    // Throws RangeError beyond the Date range, as formatting the Date pg returns would.
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
}

function rebuild(row: LeafRecomputeRow, event: NonNullable<LeafRecomputeRow['event']>, salt: Buffer): string {
  if (!Number.isFinite(event.timeMs)) throw new Error("the event's time is infinite");
  const src = {
    demandId: event.demandId,
    type: event.type,
    payload: JSON.parse(event.payloadJson) as unknown,
    actor: event.actor,
    time: isoTime(event.timeMs),
  };
  return encodeLeafText(row.index, src, salt, row.sealed, () => new Date(event.timeMs), leafFormatOf(row.leaf));
}

/** Checks one leaf row; appends what differs to `failures`. */
export function checkLeafRow(row: LeafRecomputeRow, failures: VerifyFailure[]): void {
  const at = { index: row.index, eventId: row.eventId };
  const storedHashOk = digestEquals(hashLeafLatin1(row.leaf), row.leafHash);
  if (!storedHashOk)
    failures.push({
      kind: 'leaf_hash',
      ...at,
      detail: `leaf ${row.index}: the stored leaf hash is not the hash of the stored leaf`,
    });
  if (row.event === null) {
    failures.push({
      kind: 'event_missing',
      ...at,
      detail: `leaf ${row.index}: event ${row.eventId} is gone from the events table`,
    });
    return;
  }
  if (row.salt === null) {
    failures.push({
      kind: 'salt_missing',
      ...at,
      detail: `leaf ${row.index}: the salt of event ${row.eventId} is gone`,
    });
    return;
  }
  let text: string;
  try {
    text = rebuild(row, row.event, row.salt);
  } catch (e) {
    failures.push({
      kind: 'leaf_mismatch',
      ...at,
      detail: `leaf ${row.index}: event ${row.eventId} cannot be made into a leaf (${(e as Error).message})`,
    });
    return;
  }
  const n = writeLeaf(text);
  const same = n === row.leaf.length && scratch.compare(row.leaf, 0, n, 0, n) === 0;
  // Same bytes: the rebuilt leaf hashes to the stored hash exactly when the stored bytes do.
  const rebuiltHashOk = same ? storedHashOk : digestEquals(hashLeafLatin1(scratch.subarray(0, n)), row.leafHash);
  if (!rebuiltHashOk) {
    failures.push({
      kind: 'leaf_mismatch',
      ...at,
      detail: `leaf ${row.index}: recomputing it from event ${row.eventId} gives other bytes: the event row or the stored leaf was changed`,
    });
  }
}

/** What checking one batch found. */
export interface LeafBatchResult {
  rows: number;
  failures: VerifyFailure[];
}

/** Checks every leaf row of a batch of the recompute COPY. */
export function checkLeafBatch(bytes: Buffer): LeafBatchResult {
  const rows = new BinaryRows(bytes);
  const failures: VerifyFailure[] = [];
  let n = 0;
  while (rows.nextRow() >= 0) {
    checkLeafRow(readLeafRecomputeRow(rows), failures);
    n += 1;
  }
  return { rows: n, failures };
}
