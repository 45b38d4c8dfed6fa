/** Witnessing: the checkpoints this deployment cosigned for other logs, and its own cosignatures. */
import { sql } from 'kysely';
import type { Db, Tx } from './database.ts';
import { bytesOf } from './ledger-repository.ts';

type Q = Db | Tx;

/** The last checkpoint cosigned for a log, locked for the rest of the transaction. */
export async function lockWitnessedLog(
  tx: Tx,
  origin: string,
): Promise<{ treeSize: number; rootHash: Uint8Array } | undefined> {
  const { rows } = await sql<{ tree_size: string; root_hash: Buffer }>`
    select tree_size, root_hash from witnessed_logs where origin = ${origin} for update`.execute(tx);
  return rows[0] && { treeSize: Number(rows[0].tree_size), rootHash: bytesOf(rows[0].root_hash) };
}

/** Records the checkpoint just cosigned for a log. */
export async function recordWitnessedCheckpoint(
  tx: Tx,
  origin: string,
  treeSize: number,
  rootHash: Uint8Array,
  checkpoint: string,
): Promise<void> {
  await sql`
    insert into witnessed_logs (origin, tree_size, root_hash, checkpoint) values (${origin}, ${treeSize}, ${Buffer.from(rootHash)}, ${checkpoint})
    on conflict (origin) do update set tree_size = excluded.tree_size, root_hash = excluded.root_hash,
      checkpoint = excluded.checkpoint, updated_at = now()`.execute(tx);
}

/** The largest size a witness has cosigned of this log (0 before any). */
export async function lastCosignedSize(q: Q, witness: string): Promise<number> {
  const { rows } = await sql<{ n: string | null }>`
    select max(tree_size) as n from ledger_cosignatures where witness = ${witness}`.execute(q);
  return Number(rows[0]?.n ?? 0);
}

/** Stores a verified cosignature of one of this log's checkpoints. */
export async function storeCosignature(q: Q, treeSize: number, witness: string, line: string, at: Date): Promise<void> {
  await sql`
    insert into ledger_cosignatures (tree_size, witness, line, cosigned_at) values (${treeSize}, ${witness}, ${line}, ${at})
    on conflict do nothing`.execute(q);
}

/** The cosignature lines of a checkpoint, by witness name. */
export async function cosignaturesOf(q: Q, treeSize: number): Promise<{ witness: string; line: string }[]> {
  const { rows } = await sql<{ witness: string; line: string }>`
    select witness, line from ledger_cosignatures where tree_size = ${treeSize} order by witness`.execute(q);
  return rows;
}

/** The largest checkpoint size cosigned by at least `quorum` witnesses, or undefined. */
export async function largestCosignedSize(q: Q, quorum: number): Promise<number | undefined> {
  const { rows } = await sql<{ n: string | null }>`
    select max(tree_size) as n from (
      select tree_size from ledger_cosignatures group by tree_size having count(*) >= ${quorum}) c`.execute(q);
  return rows[0]?.n == null ? undefined : Number(rows[0].n);
}
