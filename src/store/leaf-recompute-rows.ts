/**
 * The rows full verification recomputes leaves from: one binary COPY of every leaf with its salt
 * and event row, and the reader of its rows. Kept apart from the Kysely queries (and free of any
 * package import) because worker threads load it: each import there is start-up time.
 *
 * The rows come in event-id order, which the unique index on ledger_leaves.event_id and the
 * primary keys of events and ledger_salts already give, so PostgreSQL merge-joins three index
 * scans; in leaf order it would hash-join and sort the whole log (about three times the work on a
 * 200,000-leaf log). Recomputing a leaf needs only its own row, so the order does not matter.
 */
import type { BinaryRows } from './pg-binary.ts';

/** Every leaf with what it is recomputed from (null columns where a row is missing). */
export const LEAF_RECOMPUTE_COPY = `copy (
  select l.idx, l.event_id, l.sealed, l.leaf, l.leaf_hash, s.salt,
    e.id is not null, e.demand_id::text, e.type, e.payload, e.actor, e.occurred_at
  from ledger_leaves l
  left join ledger_salts s on s.event_id = l.event_id
  left join events e on e.id = l.event_id
  order by l.event_id
) to stdout (format binary)`;

/** One row of LEAF_RECOMPUTE_COPY. */
export interface LeafRecomputeRow {
  index: number;
  eventId: string;
  sealed: boolean;
  leaf: Buffer;
  leafHash: Buffer;
  salt: Buffer | null;
  /** Null when the event row is gone. */
  event: { demandId: string | null; type: string; payloadJson: string; actor: string; timeMs: number } | null;
}

const EMPTY = Buffer.alloc(0);

/** Reads the current row of a LEAF_RECOMPUTE_COPY batch (after rows.nextRow()). */
export function readLeafRecomputeRow(rows: BinaryRows): LeafRecomputeRow {
  const index = rows.int();
  const eventId = rows.int8Text() ?? '?';
  const sealed = rows.bool() === true;
  const leaf = rows.bytes() ?? EMPTY;
  const leafHash = rows.bytes() ?? EMPTY;
  const salt = rows.bytes();
  const hasEvent = rows.bool() === true;
  const demandId = rows.text();
  const type = rows.text();
  const payloadJson = rows.jsonbText();
  const actor = rows.text();
  const timeMs = rows.timestampMs();
  const event =
    hasEvent && type !== null && payloadJson !== null && actor !== null && timeMs !== null
      ? { demandId, type, payloadJson, actor, timeMs }
      : null;
  return { index, eventId, sealed, leaf, leafHash, salt, event };
}
