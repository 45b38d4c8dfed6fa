/**
 * Full verification of the ledger in the database:
 *
 * - every leaf is recomputed from its event row and salt, and must hash to the stored leaf hash,
 *   which must be the hash of the stored leaf bytes;
 * - the tree is rebuilt from the stored leaf hashes and every node it completes is compared with
 *   the stored node, and no node may cover leaves the log does not have;
 * - every checkpoint's signature and origin are checked, its root compared with the rebuilt root
 *   at its size, and each pair of consecutive checkpoints proven consistent from the stored nodes
 *   (the proofs the API serves come from those nodes);
 * - every event must be in the log or waiting for it.
 *
 * Differences are reported with the leaf index where they begin; nothing is repaired.
 *
 * How it is made fast (docs/BENCHMARKS.md has the figures): the two halves run side by side in one
 * snapshot, each on a connection of its own that imports the transaction's snapshot. The leaves
 * stream from one binary COPY (in event order, which PostgreSQL reads without sorting) and are
 * recomputed in worker threads and here; meanwhile the tree is rebuilt a page at a time, level by
 * level, each level of stored nodes compared with one memcmp. Only a page that differs is compared
 * node by node, to name the first leaf below the difference.
 */
import { availableParallelism } from 'node:os';
import { type NoteVerifier, consistencyProof, verifyConsistency } from '../ledger/index.ts';
import { CheckpointedTree, checkCheckpointNotes } from '../ledger/checkpoint-walk.ts';
import { storedNodeCount } from '../ledger/streaming-tree.ts';
import { FailureCollector, type LedgerVerifyReport } from '../ledger/verify-report.ts';
import type { Db, Tx } from '../store/database.ts';
import { listCheckpoints } from '../store/ledger-checkpoint-repository.ts';
import {
  countNodes,
  firstNodeBeyond,
  ledgerNodeReader,
  ledgerTreeSize,
  pendingCount,
  unloggedEvents,
} from '../store/ledger-repository.ts';
import { LEAF_RECOMPUTE_COPY } from '../store/leaf-recompute-rows.ts';
import { exportSnapshot } from '../store/ledger-verify-reads.ts';
import { copyOutBinary } from '../store/pg-copy.ts';
import { JobWindow, VerifyWorkers, bufferJob } from './support/verify-workers.ts';
import { type LeafBatchResult, checkLeafBatch } from './verify-ledger-leaves.ts';
import { inSnapshot, rebuildTree } from './verify-ledger-tree.ts';

export interface VerifyLedgerOptions {
  /** Keys whose checkpoint signatures count (the log's verifier key). */
  verifiers: readonly NoteVerifier[];
  /** The origin every checkpoint must carry. */
  origin: string;
  /** Leaves per page of the tree rebuild (one leaf query and one node query each). */
  pageSize?: number;
  /** Worker threads that recompute leaves (0: this thread). Default: a core less than the machine has (at most 4) for a big log. */
  workers?: number;
  /** Called as work progresses, with leaves done and leaves in all. */
  onProgress?: (done: number, total: number) => void;
}

/** Below this many leaves, starting a worker (a few hundred ms of CPU) costs more than it saves. */
const WORKER_THRESHOLD = 100_000;

/**
 * Recomputes every leaf from the COPY stream, on a connection of its own in the same snapshot.
 * With workers, this thread takes one batch in (workers + 1) itself: reading rows and rebuilding
 * the tree leave it idle much of the time, and that share costs no worker start-up.
 */
async function recomputeLeaves(
  db: Db,
  snapshot: string,
  workers: VerifyWorkers | undefined,
  failures: FailureCollector,
  progress: (done: number) => void,
): Promise<void> {
  let done = 0;
  const window = new JobWindow<LeafBatchResult>(2 * (workers?.size ?? 0), (r) => {
    for (const f of r.failures) failures.add(f);
    done += r.rows;
    progress(done);
  });
  await inSnapshot(db, snapshot, async (client) => {
    let turn = 0;
    for await (const batch of copyOutBinary(client, LEAF_RECOMPUTE_COPY)) {
      const here = workers === undefined || turn++ % (workers.size + 1) === workers.size;
      await window.add(
        here
          ? Promise.resolve(checkLeafBatch(batch.bytes))
          : workers.run<LeafBatchResult>({ kind: 'rows', ...bufferJob(batch.bytes) }),
      );
    }
    await window.drain();
  });
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
    .execute((tx) => verifyInSnapshot(db, tx, options));
}

async function verifyInSnapshot(db: Db, tx: Tx, options: VerifyLedgerOptions): Promise<LedgerVerifyReport> {
  const size = await ledgerTreeSize(tx);
  const workerCount = options.workers ?? (size >= WORKER_THRESHOLD ? Math.min(availableParallelism() - 1, 4) : 0);
  // Started first: a worker takes a few hundred milliseconds to load its code.
  const workers = workerCount > 0 ? new VerifyWorkers(workerCount) : undefined;
  try {
    return await verifyWithWorkers(db, tx, options, size, workers);
  } finally {
    await workers?.close();
  }
}

async function verifyWithWorkers(
  db: Db,
  tx: Tx,
  options: VerifyLedgerOptions,
  size: number,
  workers: VerifyWorkers | undefined,
): Promise<LedgerVerifyReport> {
  const failures = new FailureCollector();
  const checkpoints = await listCheckpoints(tx);
  const signed = checkCheckpointNotes(checkpoints, options.verifiers, options.origin, size, failures);
  const tree = new CheckpointedTree(signed, failures);

  // Progress is the lesser of the two halves.
  let treeDone = 0;
  let leavesDone = 0;
  const progress = () => options.onProgress?.(Math.min(treeDone, leavesDone), size);
  const snapshot = await exportSnapshot(tx);
  // Whole-table checks of their own go first on this connection, to run beside the two streams.
  const counts = Promise.all([countNodes(tx), unloggedEvents(tx, 20), pendingCount(tx)]);
  counts.catch(() => undefined); // awaited below; a failure of the streams must not leave it unhandled
  const [complete] = await Promise.all([
    rebuildTree(db, tx, snapshot, size, options.pageSize ?? 65_536, tree, failures, (n) => {
      treeDone = n;
      progress();
    }),
    recomputeLeaves(db, snapshot, workers, failures, (n) => {
      leavesDone = n;
      progress();
    }),
  ]);

  const [nodeCount, unlogged, pending] = await counts;
  if (complete && nodeCount !== storedNodeCount(size)) {
    const extra = await firstNodeBeyond(tx, size);
    failures.add(
      extra
        ? {
            kind: 'node_extra',
            index: size,
            detail: `node ${extra.level}/${extra.index} is stored but covers leaves beyond the log's ${size}`,
          }
        : {
            kind: 'node_missing',
            index: null,
            detail: `the number of stored nodes is not the ${storedNodeCount(size)} a tree of ${size} leaves has`,
          },
    );
  }

  // Consecutive checkpoints, proven consistent from the stored nodes (what the API serves).
  const reader = ledgerNodeReader(tx);
  for (let i = 1; i < signed.length; i++) {
    const a = signed[i - 1]!;
    const b = signed[i]!;
    if (a.treeSize === b.treeSize) continue;
    try {
      verifyConsistency(
        a.treeSize,
        b.treeSize,
        await consistencyProof(reader, a.treeSize, b.treeSize),
        a.rootHash,
        b.rootHash,
      );
    } catch (e) {
      failures.add({
        kind: 'consistency',
        index: null,
        checkpoint: b.treeSize,
        detail: `checkpoints ${a.treeSize} and ${b.treeSize} are not proven consistent by the stored nodes: ${(e as Error).message}`,
      });
    }
  }

  for (const eventId of unlogged) {
    failures.add({
      kind: 'unlogged_event',
      index: null,
      eventId,
      detail: `event ${eventId} is neither in the log nor waiting to be sequenced`,
    });
  }

  return failures.report({
    source: 'database',
    treeSize: size,
    checkpoints: checkpoints.length,
    verifiedSize: tree.verifiedSize,
    pending,
  });
}
