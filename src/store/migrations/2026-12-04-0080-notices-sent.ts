/**
 * The report facts of a customer notice actually sent, kept on the demand row as the `notice.sent`
 * event records them (how many enterprise customers and how many consumers were told), so that a
 * transparency report counts sent notices in its one scan of `demands`. Null until the notice is
 * sent. Rows whose notice was sent before the event carried these facts stay null: their
 * `notice.sent` leaves carry no received date either, so neither the database nor the ledger counts
 * them, and the two agree (docs/REPORTS.md). Append-only file.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table demands
      add column report_notified_enterprise integer,
      add column report_notified_consumers integer`.execute(db);
}
