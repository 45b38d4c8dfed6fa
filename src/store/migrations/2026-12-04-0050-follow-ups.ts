/**
 * Follow-up notices (docs/NOTIFY.md, "Follow-ups") and the customer's language:
 * - `webhook_endpoints.event_types`: the webhook event types the customer sends to this endpoint
 *   (null: every type), readable by the tenant like the other columns but the secret;
 * - `customers.language`: the language its notices are written in, where the provider has
 *   templates for it (English otherwise).
 * Append-only file.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table webhook_endpoints add column event_types text[];
    grant select (event_types) on webhook_endpoints to writ_tenant;
    alter table customers add column language text not null default 'en'
      check (language ~ '^[a-z]{2,3}(-[A-Z]{2})?$');
  `.execute(db);
}
