/**
 * The demo's local mailbox: with no mail relay configured, Writ receives its own notices and
 * letters over SMTP on a loopback port and keeps each message here, for staff to read in the
 * console. Append-only file.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table local_mail (
      id uuid primary key,
      received_at timestamptz not null,
      envelope_from text not null,
      envelope_to text[] not null,
      subject text not null,
      message_id text,
      kind text not null,
      text text,
      html text,
      attachments jsonb not null,
      size_bytes integer not null
    );
    create index local_mail_received on local_mail (received_at desc, id desc);
  `.execute(db);
}
