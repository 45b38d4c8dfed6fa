/**
 * The sequencer: gives every recorded event its leaf in the ledger. One batch is one transaction:
 * take the sequencer lock (so one Writ process appends at a time, and the tree size it reads cannot
 * move under it), read the oldest events waiting in ledger_pending, build their leaves with fresh
 * salts, compute the nodes they complete from the stored right edge, and write leaves, salts and
 * nodes while taking the events off the queue.
 *
 * Commit order: event ids come from a sequence, so an event with a lower id can commit after one
 * with a higher id. The queue row is written by a trigger in the event's own transaction, so it
 * becomes visible exactly when the event does; the sequencer takes whatever is visible, in id
 * order, and an event that commits late simply gets a later leaf index. Nothing is inferred from
 * gaps in ids, so nothing can be skipped.
 */
import { randomBytes } from 'node:crypto';
import { hashLeaf, nodesToStoreOnAppendBatch } from '../ledger/index.ts';
import { SALT_SIZE, encodeLeaf } from '../ledger/leaf.ts';
import { isSealedInstrument } from '../ledger/leaf-projection.ts';
import type { Db, Tx } from '../store/database.ts';
import {
  type NewLeaf,
  type PendingEvent,
  appendLeaves,
  ledgerNodeReader,
  ledgerTreeSize,
  lockLedger,
  readPendingEvents,
} from '../store/ledger-repository.ts';

/** What one sequencer run did. */
export interface SequenceResult {
  /** Leaves appended by this run. */
  appended: number;
  /** Tree size after the run. */
  treeSize: number;
}

export interface SequenceOptions {
  /** Events per transaction. */
  batchSize?: number;
  /** Stop after this many batches even if more events wait (the next run goes on). */
  maxBatches?: number;
}

/**
 * Appends events at the end of the log, in the order given, within a transaction that holds the
 * sequencer lock and has read the tree size `start`. Each leaf gets a fresh 32-byte secret (its
 * per-field salts derive from it). `sealed` events (and padding) get leaves without a record.
 */
export async function appendEvents(
  tx: Tx,
  start: number,
  events: readonly PendingEvent[],
  sealed: (p: PendingEvent) => boolean,
): Promise<SequenceResult> {
  if (events.length === 0) return { appended: 0, treeSize: start };
  // One call to the random source for the whole batch; each leaf gets its own 32 bytes.
  const salts = new Uint8Array(randomBytes(SALT_SIZE * events.length));
  const leaves: NewLeaf[] = events.map((p, i) => {
    const salt = salts.subarray(i * SALT_SIZE, (i + 1) * SALT_SIZE);
    const isSealed = sealed(p);
    const leaf = encodeLeaf(start + i, p.event, salt, isSealed);
    return { index: start + i, eventId: p.eventId, sealed: isSealed, leaf, leafHash: hashLeaf(leaf), salt };
  });
  const appended = await nodesToStoreOnAppendBatch(
    start,
    leaves.map((l) => l.leafHash),
    ledgerNodeReader(tx),
  );
  await appendLeaves(tx, leaves, appended.nodes);
  return { appended: leaves.length, treeSize: appended.treeSize };
}

/**
 * Appends one batch in one transaction; returns how many leaves it added. Events of sealed
 * (national-security) demands are left waiting: they enter the log only in sealed slots
 * (fill-sealed-slots.ts).
 */
async function sequenceBatch(db: Db, batchSize: number): Promise<SequenceResult> {
  return db.transaction().execute(async (tx) => {
    await lockLedger(tx, 'sequencer');
    // Both reads come after the lock, so they see everything an earlier holder committed.
    const start = await ledgerTreeSize(tx);
    const pending = await readPendingEvents(tx, batchSize);
    return appendEvents(tx, start, pending, (p) => isSealedInstrument(p.instrument));
  });
}

/**
 * Sequences every event waiting for a leaf, batch by batch. Safe to run from several processes at
 * once: they take turns on the lock and each batch sees what the previous one wrote.
 */
export async function sequenceLedger(db: Db, options: SequenceOptions = {}): Promise<SequenceResult> {
  const batchSize = options.batchSize ?? 1000;
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  let appended = 0;
  let treeSize = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const r = await sequenceBatch(db, batchSize);
    appended += r.appended;
    treeSize = r.treeSize;
    if (r.appended < batchSize) break;
  }
  return { appended, treeSize };
}
