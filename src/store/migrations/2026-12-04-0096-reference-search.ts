/**
 * The console's search by reference ("B012345", any part of "WR-2026-B012345") is a substring
 * search; without an index it reads every reference (426 ms at a million demands, bench/console.ts).
 * A trigram index (pg_trgm, shipped with PostgreSQL and trusted: the database's owner may create it)
 * answers it from the index. A server without the extension keeps working, only slower: the
 * migration then leaves the index out. Append-only file.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    do $$
    begin
      create extension if not exists pg_trgm;
      create index if not exists demands_reference_trgm on demands using gin (reference gin_trgm_ops);
    exception when others then
      raise notice 'pg_trgm is not available (%): search by reference reads every demand', sqlerrm;
    end
    $$;
  `.execute(db);
}
