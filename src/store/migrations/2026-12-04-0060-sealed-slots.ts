/**
 * Sealed slots (leaf format 2): events of national-security demands enter the public log only in
 * fixed-size batches on a fixed schedule, padded with `ledger.padding` events, so that neither
 * their number nor their time shows (docs/LEDGER.md). One row per filled window, append-only like
 * the rest of the ledger. Append-only file.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table ledger_slot_windows (
      window_start timestamptz primary key,
      slots integer not null check (slots > 0),
      sealed integer not null check (sealed >= 0 and sealed <= slots),
      filled_at timestamptz not null default now()
    );
    create trigger ledger_slot_windows_append_only before update or delete on ledger_slot_windows
      for each row execute function refuse_ledger_change();
    create trigger ledger_slot_windows_no_truncate before truncate on ledger_slot_windows
      for each statement execute function refuse_ledger_change();
  `.execute(db);
}
