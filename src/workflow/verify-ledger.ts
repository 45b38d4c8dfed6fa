/**
 * Full verification of the ledger in the database, leaf by leaf, in pages:
 *
 * - every leaf is recomputed from its event row and salt and its hash compared with the stored
 *   leaf hash, which PostgreSQL checks against the stored leaf bytes;
 * - the tree is rebuilt from the stored leaf hashes and every node it completes is compared with
 *   the stored node (one query per page), and no node may cover leaves the log does not have;
 * - every checkpoint's signature and origin are checked, its root compared with the rebuilt root
 *   at its size, and each pair of consecutive checkpoints proven consistent from the stored nodes
 *   (the proofs the API serves come from those nodes);
 * - every event must be in the log or waiting for it.
 *
 * Differences are reported with the leaf index where they begin; nothing is repaired.
 */
import {
  type NoteVerifier,
  type TreeNode,
  bytesEqual,
  consistencyProof,
  hashLeaf,
  nodeBegin,
  nodeEnd,
  nodeKey,
  verifyConsistency,
} from '../ledger/index.ts';
import { CheckpointedTree, checkCheckpointNotes } from '../ledger/checkpoint-walk.ts';
import { encodeLeaf } from '../ledger/leaf.ts';
import { storedNodeCount } from '../ledger/streaming-tree.ts';
import { FailureCollector, type LedgerVerifyReport } from '../ledger/verify-report.ts';
import type { Db, Tx } from '../store/database.ts';
import { listCheckpoints } from '../store/ledger-checkpoint-repository.ts';
import {
  type LeafCheckRow,
  countNodes,
  firstNodeBeyond,
  ledgerNodeReader,
  ledgerTreeSize,
  pendingCount,
  readLeafChecks,
  readNodeRanges,
  unloggedEvents,
} from '../store/ledger-repository.ts';

export interface VerifyLedgerOptions {
  /** Keys whose checkpoint signatures count (the log's verifier key). */
  verifiers: readonly NoteVerifier[];
  /** The origin every checkpoint must carry. */
  origin: string;
  /** Leaves per page (one leaf query and one node query each). */
  pageSize?: number;
  /** Called after each page with leaves done and leaves in all. */
  onProgress?: (done: number, total: number) => void;
}

/** Checks one stored leaf against its own hash, its event and its salt. */
function checkLeaf(row: LeafCheckRow, failures: FailureCollector): void {
  const at = { index: row.index, eventId: row.eventId };
  if (!row.hashMatchesBytes) {
    failures.add({ kind: 'leaf_hash', ...at, detail: `leaf ${row.index}: the stored leaf hash is not the hash of the stored leaf` });
  }
  if (row.event === null) {
    failures.add({ kind: 'event_missing', ...at, detail: `leaf ${row.index}: event ${row.eventId} is gone from the events table` });
    return;
  }
  if (row.salt === null) {
    failures.add({ kind: 'salt_missing', ...at, detail: `leaf ${row.index}: the salt of event ${row.eventId} is gone` });
    return;
  }
  let recomputed: Uint8Array;
  try {
    recomputed = encodeLeaf(row.index, row.event, row.salt, row.sealed);
  } catch (e) {
    failures.add({ kind: 'leaf_mismatch', ...at, detail: `leaf ${row.index}: event ${row.eventId} cannot be made into a leaf (${(e as Error).message})` });
    return;
  }
  if (!bytesEqual(hashLeaf(recomputed), row.leafHash)) {
    failures.add({ kind: 'leaf_mismatch', ...at, detail: `leaf ${row.index}: recomputing it from event ${row.eventId} gives other bytes: the event row or the stored leaf was changed` });
  }
}

/**
 * Where node mismatches found so far begin, so that a parent that differs only because a child
 * does is reported at the child's first differing leaf, not at the start of its own range.
 */
class NodeMismatches {
  readonly #found: { begin: number; end: number; index: number }[] = [];

  /** The first differing leaf below [begin, end) already known, else `begin`. */
  locate(begin: number, end: number): number {
    let index = begin;
    let below = false;
    for (const m of this.#found) {
      if (m.begin >= begin && m.end <= end && (!below || m.index < index)) {
        index = m.index;
        below = true;
      }
    }
    return index;
  }

  record(begin: number, end: number, index: number): void {
    // Enough to locate any realistic tampering; past this, ranges are reported as they are.
    if (this.#found.length < 1000) this.#found.push({ begin, end, index });
  }
}

/** Compares the nodes a page completed with the stored ones, in one query. */
async function checkNodes(db: Tx, nodes: readonly TreeNode[], mismatches: NodeMismatches, failures: FailureCollector): Promise<void> {
  const ranges = new Map<number, { level: number; from: number; to: number }>();
  for (const n of nodes) {
    const r = ranges.get(n.level);
    if (!r) ranges.set(n.level, { level: n.level, from: n.index, to: n.index });
    else {
      r.from = Math.min(r.from, n.index);
      r.to = Math.max(r.to, n.index);
    }
  }
  const stored = new Map((await readNodeRanges(db, [...ranges.values()])).map((n) => [nodeKey(n), n.hash]));
  // Completion order puts children before parents, so a parent sees its children's mismatches.
  for (const n of nodes) {
    const hash = stored.get(nodeKey(n));
    if (hash !== undefined && bytesEqual(hash, n.hash)) continue;
    const begin = nodeBegin(n);
    const end = nodeEnd(n);
    const index = mismatches.locate(begin, end);
    mismatches.record(begin, end, index);
    const where = `node ${n.level}/${n.index} (leaves ${begin} to ${end - 1})`;
    if (hash === undefined) failures.add({ kind: 'node_missing', index, detail: `${where} is not stored` });
    else failures.add({ kind: 'node_mismatch', index, detail: `${where} differs from the hash of its leaves${index !== begin ? ` (from leaf ${index} on)` : ''}` });
  }
}

/**
 * Verifies the whole ledger in the database, in one read-only snapshot so that a server appending
 * meanwhile cannot make counts and sizes disagree.
 */
export async function verifyLedger(db: Db, options: VerifyLedgerOptions): Promise<LedgerVerifyReport> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute((tx) => verifyInSnapshot(tx, options));
}

async function verifyInSnapshot(db: Tx, options: VerifyLedgerOptions): Promise<LedgerVerifyReport> {
  const pageSize = options.pageSize ?? 5000;
  const failures = new FailureCollector();
  const size = await ledgerTreeSize(db);
  const checkpoints = await listCheckpoints(db);
  const signed = checkCheckpointNotes(checkpoints, options.verifiers, options.origin, size, failures);
  const tree = new CheckpointedTree(signed, failures);
  const mismatches = new NodeMismatches();

  let expected = 0;
  let gap = false;
  // The next page is fetched while this one is checked: the database and the hashing overlap.
  let fetching = readLeafChecks(db, 0, pageSize);
  while (expected < size && !gap) {
    const page = await fetching;
    if (page.length === pageSize) fetching = readLeafChecks(db, expected + pageSize, pageSize);
    const hashes: Uint8Array[] = [];
    for (const row of page) {
      if (row.index !== expected) {
        // Past a missing leaf every position is shifted: rebuilding further would only echo this.
        failures.add({ kind: 'leaf_missing', index: expected, detail: `no leaf is stored at index ${expected}${row.index > expected + 1 ? ` (nor up to ${row.index - 1})` : ''}` });
        gap = true;
        break;
      }
      checkLeaf(row, failures);
      hashes.push(row.leafHash);
      expected += 1;
    }
    if (page.length === 0 && expected < size) {
      failures.add({ kind: 'leaf_missing', index: expected, detail: `no leaf is stored at index ${expected}` });
      gap = true;
    }
    await checkNodes(db, tree.append(hashes), mismatches, failures);
    options.onProgress?.(expected, size);
  }
  await fetching.catch(() => []); // a page fetched ahead of a gap is not needed, but must settle

  if (!gap && (await countNodes(db)) !== storedNodeCount(size)) {
    const extra = await firstNodeBeyond(db, size);
    failures.add(
      extra
        ? { kind: 'node_extra', index: size, detail: `node ${extra.level}/${extra.index} is stored but covers leaves beyond the log's ${size}` }
        : { kind: 'node_missing', index: null, detail: `the number of stored nodes is not the ${storedNodeCount(size)} a tree of ${size} leaves has` },
    );
  }

  // Consecutive checkpoints, proven consistent from the stored nodes (what the API serves).
  const reader = ledgerNodeReader(db);
  for (let i = 1; i < signed.length; i++) {
    const a = signed[i - 1]!;
    const b = signed[i]!;
    if (a.treeSize === b.treeSize) continue;
    try {
      verifyConsistency(a.treeSize, b.treeSize, await consistencyProof(reader, a.treeSize, b.treeSize), a.rootHash, b.rootHash);
    } catch (e) {
      failures.add({ kind: 'consistency', index: null, checkpoint: b.treeSize, detail: `checkpoints ${a.treeSize} and ${b.treeSize} are not proven consistent by the stored nodes: ${(e as Error).message}` });
    }
  }

  for (const eventId of await unloggedEvents(db, 20)) {
    failures.add({ kind: 'unlogged_event', index: null, eventId, detail: `event ${eventId} is neither in the log nor waiting to be sequenced` });
  }

  return failures.report({ source: 'database', treeSize: size, checkpoints: checkpoints.length, verifiedSize: tree.verifiedSize, pending: await pendingCount(db) });
}
