/**
 * Documents Writ keeps for the provider's own eyes (a draft application against a secrecy order)
 * are marked internal: staff read them, the agency that filed the demand does not. Drafts made
 * before this migration are found by their `challenge.draft_created` event. Append-only file.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table documents add column internal boolean not null default false;
    update documents d set internal = true
     where exists (select 1 from events e
                    where e.type = 'challenge.draft_created' and e.demand_id = d.demand_id
                      and e.payload->>'documentId' = d.id::text);
  `.execute(db);
}
