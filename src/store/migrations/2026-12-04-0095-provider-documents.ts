/**
 * Documents the provider made itself (a redirect letter's copy, the Annex III answer, a draft
 * challenge) are marked, so that a customer's copy of the legal process holds only what the agency
 * served. Earlier ones are found by their events and by the Annex III form's file name.
 * Append-only file.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table documents add column made_by_provider boolean not null default false;
    update documents d set made_by_provider = true
     where d.internal
        or d.filename = 'annex-iii-inability-to-execute.pdf'
        or exists (select 1 from events e
                    where e.type in ('redirect.letter_sent', 'challenge.draft_created')
                      and e.demand_id = d.demand_id
                      and e.payload->>'documentId' = d.id::text);
  `.execute(db);
}
