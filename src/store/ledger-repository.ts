/**
 * The ledger's leaves and tree in PostgreSQL: the NodeReader the proof code reads through (one
 * query per getNodes call), the sequencer's reads and its one batched append, and the reads that
 * verification and the API need. Leaves, salts and nodes are only ever inserted; the tables refuse
 * anything else.
 */
import { sql } from 'kysely';
import { LedgerError, type NodeId, type NodeReader, type TreeNode } from '../ledger/index.ts';
import type { LeafFormat, LedgerEvent } from '../ledger/leaf.ts';
import { NATIONAL_SECURITY_INSTRUMENTS } from '../domain/vocabulary.ts';
import type { Db, Tx } from './database.ts';

type Q = Db | Tx;

/** Advisory-lock namespace of the ledger ("WRIT"), with one key per kind of writer. */
const LOCK_NAMESPACE = 0x57524954;
const LOCK_KEYS = { sequencer: 1, checkpoint: 2, bands: 3 } as const;

/**
 * Takes the ledger lock of one kind of writer for the rest of the transaction, waiting for any
 * other Writ process that holds it. Statements after it see what the previous holder committed.
 */
export async function lockLedger(tx: Tx, which: keyof typeof LOCK_KEYS): Promise<void> {
  await sql`select pg_advisory_xact_lock(${LOCK_NAMESPACE}::int, ${LOCK_KEYS[which]}::int)`.execute(tx);
}

/** Bytes from a bytea column as a plain Uint8Array view (no copy). */
export function bytesOf(b: Uint8Array): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** NodeReader over ledger_nodes: the ids go in as two arrays, so every call is one query. */
export function ledgerNodeReader(db: Q): NodeReader {
  return {
    async getNodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
      const { rows } = await sql<{ ord: string; hash: Buffer | null }>`
        select q.ord, n.hash
        from unnest(${ids.map((i) => i.level)}::int[], ${ids.map((i) => i.index)}::bigint[]) with ordinality as q(level, idx, ord)
        left join ledger_nodes n on n.level = q.level and n.idx = q.idx
        order by q.ord`.execute(db);
      return rows.map((r, i) => {
        if (r.hash === null) {
          const id = ids[i]!;
          throw new LedgerError('storage', `node ${id.level}/${id.index} is not stored`);
        }
        return bytesOf(r.hash);
      });
    },
  };
}

/** Number of leaves in the log (one past the highest index). */
export async function ledgerTreeSize(db: Q): Promise<number> {
  const { rows } = await sql<{ size: string }>`select coalesce(max(idx) + 1, 0) as size from ledger_leaves`.execute(db);
  return Number(rows[0]!.size);
}

/** An event as the ledger reads it. */
interface EventColumns {
  demand_id: string | null;
  type: string;
  payload: unknown;
  actor: string;
  occurred_at: Date;
}

function ledgerEvent(r: EventColumns): LedgerEvent {
  return { demandId: r.demand_id, type: r.type, payload: r.payload, actor: r.actor, occurredAt: r.occurred_at };
}

/** An event waiting for its leaf, with the instrument of its demand (which decides sealing). */
export interface PendingEvent {
  eventId: string;
  event: LedgerEvent;
  instrument: string | null;
}

/**
 * The oldest committed events that have no leaf yet, by event id: those of sealed demands
 * (national-security process, which wait for a sealed slot) or all the others.
 */
export async function readPendingEvents(tx: Q, limit: number, sealed = false): Promise<PendingEvent[]> {
  const ns = [...NATIONAL_SECURITY_INSTRUMENTS];
  const which = sealed
    ? sql`d.instrument = any(${ns}::text[])`
    : sql`(d.instrument is null or not (d.instrument = any(${ns}::text[])))`;
  const { rows } = await sql<EventColumns & { id: string; instrument: string | null }>`
    select e.id, e.demand_id, e.type, e.payload, e.actor, e.occurred_at, d.instrument
    from ledger_pending p
    join events e on e.id = p.event_id
    left join demands d on d.id = e.demand_id
    where ${which}
    order by p.event_id
    limit ${limit}`.execute(tx);
  return rows.map((r) => ({ eventId: r.id, event: ledgerEvent(r), instrument: r.instrument }));
}

/** Records `count` padding events (type ledger.padding) now; they wait in the queue like any event. */
export async function recordPaddingEvents(tx: Tx, count: number): Promise<PendingEvent[]> {
  if (count === 0) return [];
  const { rows } = await sql<EventColumns & { id: string }>`
    insert into events (type, payload, actor)
    select 'ledger.padding', '{}'::jsonb, 'system:ledger' from generate_series(1, ${count})
    returning id, demand_id, type, payload, actor, occurred_at`.execute(tx);
  return rows.map((r) => ({ eventId: r.id, event: ledgerEvent(r), instrument: null }));
}

/** The start of the last filled sealed-slot window, or undefined before the first. */
export async function lastSlotWindow(tx: Q): Promise<Date | undefined> {
  const { rows } = await sql<{ w: Date | null }>`select max(window_start) as w from ledger_slot_windows`.execute(tx);
  return rows[0]?.w ?? undefined;
}

/** Records a filled window: how many slots it had and how many sealed events filled them (not public). */
export async function recordSlotWindow(tx: Tx, start: Date, slots: number, sealed: number): Promise<void> {
  await sql`insert into ledger_slot_windows (window_start, slots, sealed) values (${start}, ${slots}, ${sealed})`.execute(
    tx,
  );
}

/** How many events wait for a leaf. */
export async function pendingCount(db: Q): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from ledger_pending`.execute(db);
  return Number(rows[0]!.n);
}

/** A leaf to append. */
export interface NewLeaf {
  index: number;
  eventId: string;
  sealed: boolean;
  leaf: Uint8Array;
  leafHash: Uint8Array;
  salt: Uint8Array;
}

/**
 * Writes one appended batch: salts, leaves and the nodes they complete, and takes the events off
 * the queue. Four statements whatever the batch size. Byte strings travel packed into one binary
 * parameter each and are cut apart in SQL, which is about twice as fast as a bytea[] literal.
 */
export async function appendLeaves(tx: Tx, leaves: readonly NewLeaf[], nodes: readonly TreeNode[]): Promise<void> {
  if (leaves.length === 0) return;
  const eventIds = leaves.map((l) => l.eventId);
  const salts = Buffer.concat(leaves.map((l) => l.salt));
  await sql`
    insert into ledger_salts (event_id, salt)
    select e, substring(${salts}::bytea from (i - 1)::int * 32 + 1 for 32)
    from unnest(${eventIds}::bigint[]) with ordinality as t(e, i)`.execute(tx);
  const blob = Buffer.concat(leaves.map((l) => l.leaf));
  const hashes = Buffer.concat(leaves.map((l) => l.leafHash));
  await sql`
    insert into ledger_leaves (idx, event_id, sealed, leaf, leaf_hash)
    select idx, e, sealed,
      substring(${blob}::bytea from (sum(len) over (order by i) - len)::int + 1 for len),
      substring(${hashes}::bytea from (i - 1)::int * 32 + 1 for 32)
    from unnest(${leaves.map((l) => l.index)}::bigint[], ${eventIds}::bigint[], ${leaves.map((l) => l.sealed)}::boolean[],
      ${leaves.map((l) => l.leaf.length)}::int[]) with ordinality as t(idx, e, sealed, len, i)`.execute(tx);
  const nodeHashes = Buffer.concat(nodes.map((n) => n.hash));
  await sql`
    insert into ledger_nodes (level, idx, hash)
    select level, idx, substring(${nodeHashes}::bytea from (i - 1)::int * 32 + 1 for 32)
    from unnest(${nodes.map((n) => n.level)}::smallint[], ${nodes.map((n) => n.index)}::bigint[]) with ordinality as t(level, idx, i)`.execute(
    tx,
  );
  await sql`delete from ledger_pending where event_id = any(${eventIds}::bigint[])`.execute(tx);
}

/** A stored leaf with what it was made from (null where that row is missing). */
export interface StoredLeaf {
  index: number;
  eventId: string;
  sealed: boolean;
  leaf: Uint8Array;
  leafHash: Uint8Array;
  salt: Uint8Array | null;
  event: LedgerEvent | null;
}

interface LeafRow {
  idx: string;
  event_id: string;
  sealed: boolean;
  leaf: Buffer;
  leaf_hash: Buffer;
  salt: Buffer | null;
  e_id: string | null;
  demand_id: string | null;
  type: string;
  payload: unknown;
  actor: string;
  occurred_at: Date;
}

function storedLeaf(r: LeafRow): StoredLeaf {
  return {
    index: Number(r.idx),
    eventId: r.event_id,
    sealed: r.sealed,
    leaf: bytesOf(r.leaf),
    leafHash: bytesOf(r.leaf_hash),
    salt: r.salt === null ? null : bytesOf(r.salt),
    event: r.e_id === null ? null : ledgerEvent(r),
  };
}

const LEAF_SELECT = sql`
  select l.idx, l.event_id, l.sealed, l.leaf, l.leaf_hash, s.salt,
    e.id as e_id, e.demand_id, e.type, e.payload, e.actor, e.occurred_at
  from ledger_leaves l
  left join ledger_salts s on s.event_id = l.event_id
  left join events e on e.id = l.event_id`;

/** A stored leaf as full verification reads it: the bytes stay in the database, checked there. */
export interface LeafCheckRow {
  index: number;
  eventId: string;
  sealed: boolean;
  leafHash: Uint8Array;
  /** Whether the stored leaf hash is the RFC 6962 hash of the stored leaf bytes (computed in SQL). */
  hashMatchesBytes: boolean;
  /** The stored leaf's format (leafFormatOf, read in SQL from its last bytes). */
  format: LeafFormat;
  salt: Uint8Array | null;
  event: LedgerEvent | null;
}

/**
 * Leaves with index ≥ `fromIndex`, in index order, for verification. The leaf bytes are hashed by
 * PostgreSQL and only the verdict comes back, which halves what crosses the wire.
 */
export async function readLeafChecks(db: Q, fromIndex: number, limit: number): Promise<LeafCheckRow[]> {
  const { rows } = await sql<Omit<LeafRow, 'leaf'> & { hash_ok: boolean; v1: boolean }>`
    select l.idx, l.event_id, l.sealed, l.leaf_hash, sha256('\\x00'::bytea || l.leaf) = l.leaf_hash as hash_ok, s.salt,
      substring(l.leaf from octet_length(l.leaf) - 1) = '\\x317d'::bytea as v1,
      e.id as e_id, e.demand_id, e.type, e.payload, e.actor, e.occurred_at
    from ledger_leaves l
    left join ledger_salts s on s.event_id = l.event_id
    left join events e on e.id = l.event_id
    where l.idx >= ${fromIndex} order by l.idx limit ${limit}`.execute(db);
  return rows.map((r) => ({
    index: Number(r.idx),
    eventId: r.event_id,
    sealed: r.sealed,
    leafHash: bytesOf(r.leaf_hash),
    hashMatchesBytes: r.hash_ok,
    format: r.v1 ? 1 : 2,
    salt: r.salt === null ? null : bytesOf(r.salt),
    event: r.e_id === null ? null : ledgerEvent(r),
  }));
}

/** The leaf of an event, or at an index. */
export async function findLeaf(db: Q, by: { index: number } | { eventId: string }): Promise<StoredLeaf | undefined> {
  const where = 'index' in by ? sql`l.idx = ${by.index}` : sql`l.event_id = ${by.eventId}`;
  const { rows } = await sql<LeafRow>`${LEAF_SELECT} where ${where}`.execute(db);
  return rows[0] && storedLeaf(rows[0]);
}

/** Just the leaf bytes, in index order from `fromIndex` (for export). */
export async function readLeafBytes(
  db: Q,
  fromIndex: number,
  limit: number,
): Promise<{ index: number; leaf: Uint8Array }[]> {
  const { rows } = await sql<{ idx: string; leaf: Buffer }>`
    select idx, leaf from ledger_leaves where idx >= ${fromIndex} order by idx limit ${limit}`.execute(db);
  return rows.map((r) => ({ index: Number(r.idx), leaf: bytesOf(r.leaf) }));
}

/** Stored nodes in the given index ranges of the given levels, in one query. */
export async function readNodeRanges(
  db: Q,
  ranges: readonly { level: number; from: number; to: number }[],
): Promise<TreeNode[]> {
  if (ranges.length === 0) return [];
  const { rows } = await sql<{ level: number; idx: string; hash: Buffer }>`
    select n.level, n.idx, n.hash
    from unnest(${ranges.map((r) => r.level)}::int[], ${ranges.map((r) => r.from)}::bigint[], ${ranges.map((r) => r.to)}::bigint[]) as q(level, lo, hi)
    join ledger_nodes n on n.level = q.level and n.idx between q.lo and q.hi`.execute(db);
  return rows.map((r) => ({ level: r.level, index: Number(r.idx), hash: bytesOf(r.hash) }));
}

/** Number of stored nodes, all levels. */
export async function countNodes(db: Q): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from ledger_nodes`.execute(db);
  return Number(rows[0]!.n);
}

/** A stored node that covers leaves past `treeSize` (there should be none), lowest first leaf first. */
export async function firstNodeBeyond(db: Q, treeSize: number): Promise<NodeId | undefined> {
  const { rows } = await sql<{ level: number; idx: string }>`
    select level, idx from ledger_nodes
    where (idx + 1)::numeric * power(2::numeric, level) > ${treeSize}
    order by idx::numeric * power(2::numeric, level), level
    limit 1`.execute(db);
  return rows[0] && { level: rows[0].level, index: Number(rows[0].idx) };
}

/** Events that are neither in the log nor waiting for it (there should be none). */
export async function unloggedEvents(db: Q, limit: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select e.id from events e
    where not exists (select 1 from ledger_leaves l where l.event_id = e.id)
      and not exists (select 1 from ledger_pending p where p.event_id = e.id)
    order by e.id limit ${limit}`.execute(db);
  return rows.map((r) => r.id);
}

/** An event's id and demand, or undefined when there is no such event. */
export async function findEventRef(
  db: Q,
  eventId: string,
): Promise<{ id: string; demandId: string | null } | undefined> {
  const { rows } = await sql<{
    id: string;
    demand_id: string | null;
  }>`select id, demand_id from events where id = ${eventId}`.execute(db);
  return rows[0] && { id: rows[0].id, demandId: rows[0].demand_id };
}

/**
 * Whether a customer admin may see this event in the ledger: an event of a demand that targets the
 * customer once its notice has gone out (the rule for seeing the demand at all, so the ledger
 * cannot tip off a customer whose notice is held), or an event without a demand whose payload
 * names the customer.
 */
export async function eventConcernsCustomer(db: Q, eventId: string, customerId: string): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`
    select case
      when e.demand_id is not null then exists (
        select 1 from demands d join demand_targets t on t.demand_id = d.id
        where d.id = e.demand_id and d.notice_state = 'sent' and t.customer_id = ${customerId}::uuid)
      else (e.payload ->> 'customerId') = ${customerId}
        or coalesce(e.payload -> 'customerIds' ? ${customerId}, false)
    end as ok
    from events e where e.id = ${eventId}`.execute(db);
  return rows[0]?.ok === true;
}

/** Hashes of the stored nodes of one level with index in [from, from + count), in index order. */
export async function readLevelHashes(db: Q, level: number, from: number, count: number): Promise<Uint8Array[]> {
  const { rows } = await sql<{ hash: Buffer }>`
    select hash from ledger_nodes where level = ${level} and idx >= ${from} and idx < ${from + count}
    order by idx`.execute(db);
  return rows.map((r) => bytesOf(r.hash));
}
