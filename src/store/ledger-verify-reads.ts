/**
 * The reads of full verification (src/workflow/verify-ledger.ts) besides the leaf rows (those are
 * one binary COPY, leaf-recompute-rows.ts): the tree is rebuilt in leaf order from the leaf hashes
 * alone, a page at a time. A page's leaf hashes and the stored nodes it completes come from two
 * binary COPYs (no ORDER BY, no aggregate: each row is placed by its index), so a page costs two
 * statements and one memcmp per level.
 *
 * The COPYs run on connections of their own that import the snapshot of the verification's
 * transaction (exportSnapshot, beginInSnapshot), so every read sees the same data.
 */
import { sql } from 'kysely';
import type pg from 'pg';
import { HASH_SIZE } from '../ledger/hashing.ts';
import type { Tx } from './database.ts';
import { BinaryRows } from './pg-binary.ts';
import { copyOutBinary } from './pg-copy.ts';

/** Exports the transaction's snapshot, for a second connection to read the same data. */
export async function exportSnapshot(tx: Tx): Promise<string> {
  const { rows } = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(tx);
  return rows[0]!.id;
}

/** Starts a read-only transaction on `client` in the exported snapshot. */
export async function beginInSnapshot(client: pg.ClientBase, snapshot: string): Promise<void> {
  await client.query('begin isolation level repeatable read read only');
  await client.query(`set transaction snapshot ${client.escapeLiteral(snapshot)}`);
  // One pass over index scans gains nothing from JIT compilation, which costs a little each time.
  await client.query('set local jit = off');
}

/** The smallest stored index above `after`, if any. */
export async function nextLeafIndex(db: Tx, after: number): Promise<number | undefined> {
  const { rows } = await sql<{
    idx: string | null;
  }>`select min(idx) as idx from ledger_leaves where idx > ${after}`.execute(db);
  return rows[0]!.idx === null ? undefined : Number(rows[0]!.idx);
}

/** An index range of one level of the tree. */
export interface LevelRange {
  level: number;
  from: number;
  to: number;
}

/** What is stored in one LevelRange, placed by index. */
export interface StoredRange extends LevelRange {
  /** (to − from) × 32 bytes; zeros where nothing is stored. */
  hashes: Buffer;
  /** 1 where a hash is stored. */
  present: Uint8Array;
  /** How many are stored. */
  found: number;
  /** Whether some stored hash is not 32 bytes long (then `hashes` holds zeros in its place). */
  malformed: boolean;
}

function emptyRange(r: LevelRange): StoredRange {
  const n = r.to - r.from;
  return { ...r, hashes: Buffer.alloc(n * HASH_SIZE), present: new Uint8Array(n), found: 0, malformed: false };
}

/** Places each (idx, hash) of a COPY's rows into its range. */
async function place(
  client: pg.ClientBase,
  copy: string,
  withLevel: boolean,
  ranges: Map<number, StoredRange>,
): Promise<void> {
  for await (const batch of copyOutBinary(client, copy)) {
    const rows = new BinaryRows(batch.bytes);
    while (rows.nextRow() >= 0) {
      const level = withLevel ? rows.int() : 0;
      const idx = rows.int();
      const hash = rows.bytes();
      const r = ranges.get(level)!;
      const at = idx - r.from;
      r.present[at] = 1;
      r.found += 1;
      if (hash !== null && hash.length === HASH_SIZE) hash.copy(r.hashes, at * HASH_SIZE);
      else r.malformed = true;
    }
  }
}

/** An integer for a COPY statement (which takes no parameters): checked, then written as it is. */
function int(v: number): string {
  if (!Number.isSafeInteger(v)) throw new Error(`${v} is not an integer`);
  return String(v);
}

/** An array literal of integers, the same way. */
function ints(values: readonly number[]): string {
  return `'{${values.map(int).join(',')}}'`;
}

/**
 * The stored leaf hashes of leaves [from, to) and the stored nodes in `nodeRanges`, placed by
 * index: two binary COPYs on `client` (a connection in the verification's snapshot).
 */
export async function readTreePage(
  client: pg.ClientBase,
  from: number,
  to: number,
  nodeRanges: readonly LevelRange[],
): Promise<{ leaves: StoredRange; nodes: Map<number, StoredRange> }> {
  const leaves = new Map([[0, emptyRange({ level: 0, from, to })]]);
  const nodes = new Map(nodeRanges.map((r) => [r.level, emptyRange(r)]));
  const leafCopy = `copy (select idx, leaf_hash from ledger_leaves where idx >= ${int(from)} and idx < ${int(to)}) to stdout (format binary)`;
  const nodeCopy = `copy (
    select n.level::int, n.idx, n.hash
    from unnest(${ints(nodeRanges.map((r) => r.level))}::int[], ${ints(nodeRanges.map((r) => r.from))}::bigint[], ${ints(nodeRanges.map((r) => r.to))}::bigint[]) as q(level, lo, hi)
    join ledger_nodes n on n.level = q.level and n.idx >= q.lo and n.idx < q.hi
  ) to stdout (format binary)`;
  // Both statements are queued on the client at once; pg runs them one after the other.
  await Promise.all([place(client, leafCopy, false, leaves), place(client, nodeCopy, true, nodes)]);
  return { leaves: leaves.get(0)!, nodes };
}
