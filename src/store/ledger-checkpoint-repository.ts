/** Signed checkpoints of the ledger: inserted once each, never changed. */
import { sql } from 'kysely';
import type { Db, Tx } from './database.ts';
import { bytesOf } from './ledger-repository.ts';

type Q = Db | Tx;

/** A checkpoint as stored: the signed note and the two values it commits to, for indexing. */
export interface StoredCheckpoint {
  treeSize: number;
  rootHash: Uint8Array;
  /** The signed note (c2sp.org/tlog-checkpoint), exactly as published. */
  note: string;
  createdAt: Date;
}

interface CheckpointRow {
  tree_size: string;
  root_hash: Buffer;
  note: string;
  created_at: Date;
}

function storedCheckpoint(r: CheckpointRow): StoredCheckpoint {
  return { treeSize: Number(r.tree_size), rootHash: bytesOf(r.root_hash), note: r.note, createdAt: r.created_at };
}

/** The checkpoint with the largest tree, or undefined before the first. */
export async function latestCheckpoint(db: Q): Promise<StoredCheckpoint | undefined> {
  const { rows } = await sql<CheckpointRow>`
    select tree_size, root_hash, note, created_at from ledger_checkpoints order by tree_size desc limit 1`.execute(db);
  return rows[0] && storedCheckpoint(rows[0]);
}

/** The checkpoint for exactly this tree size, if one was cut. */
export async function findCheckpoint(db: Q, treeSize: number): Promise<StoredCheckpoint | undefined> {
  const { rows } = await sql<CheckpointRow>`
    select tree_size, root_hash, note, created_at from ledger_checkpoints where tree_size = ${treeSize}`.execute(db);
  return rows[0] && storedCheckpoint(rows[0]);
}

/** Every checkpoint, smallest tree first. */
export async function listCheckpoints(db: Q): Promise<StoredCheckpoint[]> {
  const { rows } = await sql<CheckpointRow>`
    select tree_size, root_hash, note, created_at from ledger_checkpoints order by tree_size`.execute(db);
  return rows.map(storedCheckpoint);
}

/** Stores a new checkpoint; returns it as stored (with its creation time). */
export async function insertCheckpoint(
  tx: Tx,
  cp: { treeSize: number; rootHash: Uint8Array; note: string },
): Promise<StoredCheckpoint> {
  const { rows } = await sql<CheckpointRow>`
    insert into ledger_checkpoints (tree_size, root_hash, note) values (${cp.treeSize}, ${cp.rootHash}, ${cp.note})
    returning tree_size, root_hash, note, created_at`.execute(tx);
  return storedCheckpoint(rows[0]!);
}
