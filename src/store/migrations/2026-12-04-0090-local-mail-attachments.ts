/**
 * The demo's local mailbox keeps each message's attachments (a redirect letter's PDF, a notice's
 * copy of the legal process), so that staff can open them from the console. Append-only file.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table local_mail_attachments (
      mail_id uuid not null references local_mail(id),
      ordinal integer not null,
      filename text not null,
      content_type text not null,
      content bytea not null,
      primary key (mail_id, ordinal)
    );
  `.execute(db);
}
