/**
 * The per-demand facts a transparency report counts, kept on the demand row as intake recorded them
 * in the demand.received event: its reporting dimensions (jurisdiction, instrument, data
 * categories, emergency, enterprise target, data stored abroad, secrecy term as received, notice
 * plan) as one compact JSON text, the targets named and those of enterprise customers. With them
 * a provider report is one scan of `demands` grouped by three columns (the dimensions, the
 * disposition, the challenge state), like the bare GROUP BY it is measured against: no join to
 * targets, customers and accounts, no reading of the JSON decision. The figures equal the public
 * leaves' by construction: both come from the same event payload. Existing rows are filled from
 * their demand.received event, in the text src/domain/report-facts.ts writes (JSON.stringify: no
 * spaces). Append-only file.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table demands
      add column report_dimensions text not null default '',
      add column report_target_count integer not null default 0,
      add column report_enterprise_targets integer not null default 0`.execute(db);
  await fillReportFacts(db);
}

/** Fills the report columns of existing demands from their demand.received events (exported for its test). */
export async function fillReportFacts(db: Kysely<unknown>): Promise<void> {
  await sql`
    update demands d set
      report_dimensions = concat('[',
        to_json(e.payload ->> 'jurisdiction'), ',', to_json(e.payload ->> 'instrument'), ',',
        (select '[' || coalesce(string_agg(to_json(c)::text, ',' order by o), '') || ']'
           from jsonb_array_elements_text(e.payload -> 'dataCategories') with ordinality x(c, o)), ',',
        to_json(coalesce((e.payload ->> 'emergency')::boolean, false)), ',', to_json(coalesce((e.payload ->> 'enterpriseTargets')::int, 0) > 0), ',',
        to_json(coalesce((e.payload ->> 'extraterritorial')::boolean, false)), ',', coalesce(to_json(e.payload ->> 'secrecyTerm')::text, 'null'), ',',
        to_json(coalesce(e.payload ->> 'noticePlan', 'at_once')), ']'),
      report_target_count = (e.payload ->> 'targetCount')::int,
      report_enterprise_targets = coalesce((e.payload ->> 'enterpriseTargets')::int, 0)
    from events e
    where e.demand_id = d.id and e.type = 'demand.received'`.execute(db);
}
