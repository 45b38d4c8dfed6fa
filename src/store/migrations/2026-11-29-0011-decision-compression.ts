/**
 * The decision record (about 2 KB of JSON) makes a demand row long enough for PostgreSQL to
 * compress it on every intake. lz4 does that for a fraction of pglz's CPU: measured with intake's
 * write, 3–7 % less PostgreSQL CPU per demand (bench/intake-usecase.ts). Only on a server built with
 * lz4 (it is listed in default_toast_compression's values); elsewhere the column stays as it was.
 * Rows already written keep their compression until rewritten; both read the same. Append-only file.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    do $$
    begin
      if exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)) then
        alter table demands alter column decision set compression lz4;
      end if;
    end $$`.execute(db);
}
