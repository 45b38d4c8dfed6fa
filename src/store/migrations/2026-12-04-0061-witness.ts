/**
 * Witnessing (c2sp.org/tlog-witness): as a witness, the latest checkpoint this deployment cosigned
 * for each log it watches; as a log, the cosignatures its witnesses returned, per checkpoint, and
 * the size each witness last cosigned. Append-only file.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table witnessed_logs (
      origin text primary key,
      tree_size bigint not null check (tree_size >= 0),
      root_hash bytea not null check (octet_length(root_hash) = 32),
      checkpoint text not null,
      updated_at timestamptz not null default now()
    );
    create table ledger_cosignatures (
      tree_size bigint not null references ledger_checkpoints(tree_size),
      witness text not null,
      line text not null,
      cosigned_at timestamptz not null,
      primary key (tree_size, witness)
    );
  `.execute(db);
}
