/**
 * A message of the demo's local mailbox names the demand it concerns (a customer notice, a
 * redirect letter, a follow-up), found through the outbox job that sent it, so that reading it is
 * on that demand's list of reads like any other read of its data. The key is kept beside it: the
 * link to the outbox job that sent the message. Messages kept before carry neither (their key was
 * not stored) and stay tied to no demand. Append-only file.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table local_mail add column demand_id uuid references demands(id);
    alter table local_mail add column idempotency_key text;
  `.execute(db);
}
