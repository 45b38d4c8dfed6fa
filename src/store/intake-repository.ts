/**
 * The reads and the one write of intake. Intake is the hottest path (agencies' systems submit in
 * bulk), so it takes two round trips: one query that reads everything it needs, and one statement
 * that writes everything. One statement is atomic on its own: the demand, its targets,
 * documents, idempotency key, events and outbox jobs are all written, or none is.
 */
import { sql } from 'kysely';
import type { Agency, Requester } from '../domain/directory.ts';
import type { AgencyKind, CustomerKind, IdentifierKind, RequesterVerification } from '../domain/vocabulary.ts';
import { runPrepared, type Db } from './database.ts';
import type { OutboxJob } from './outbox-repository.ts';
import type { NewDemandRow } from './schema.ts';

export interface IntakeLookup {
  agency: Agency;
  /** The requester at this agency with this e-mail, if it has written before. */
  requester: Requester | null;
  /** Every verified domain in the directory (to spot look-alikes of any agency). */
  allAgencyDomains: string[];
  /** The targets that resolved, by "kind:value". */
  targets: Map<string, ResolvedTarget>;
}

export interface ResolvedTarget {
  kind: IdentifierKind;
  value: string;
  customerId: string;
  accountId: string | null;
  customerKind: CustomerKind;
  customerCountry: string;
  usPerson: boolean | null;
  /** Where the account's data is stored; null for a whole-tenant (domain) target. */
  dataLocation: string | null;
}

interface LookupRow {
  agency: { id: string; name: string; country: string; subdivision: string | null; kind: string; verified_domains: string[]; callback_phone: string | null; created_at: string } | null;
  requester: { id: string; name: string; email: string; phone: string | null; verification: string } | null;
  all_domains: string[];
  targets: { kind: string; value: string; customer_id: string; account_id: string | null; customer_kind: string; country: string; us_person: boolean | null; data_location: string | null }[] | null;
}

/**
 * Everything intake reads, in ONE round trip: the agency, the requester (if it wrote before), every
 * verified agency domain, and the targets resolved to accounts and customers.
 */
export async function lookupIntake(db: Db, agencyId: string, email: string, ids: { kind: IdentifierKind; value: string }[]): Promise<IntakeLookup | undefined> {
  const { rows } = await sql<LookupRow>`
    select
      (select row_to_json(a) from agencies a where a.id = ${agencyId}) as agency,
      (select row_to_json(r) from (select id, name, email, phone, verification from requesters
         where agency_id = ${agencyId} and email = ${email}) r) as requester,
      (select coalesce(array_agg(distinct d), '{}') from agencies x, unnest(x.verified_domains) d) as all_domains,
      (select json_agg(t) from (
         select i.kind, i.value, i.customer_id, i.account_id, c.kind as customer_kind, c.country, c.us_person, a.data_location
         from jsonb_to_recordset(${JSON.stringify(ids)}::jsonb) as q(kind text, value text)
         join account_identifiers i on i.kind = q.kind and i.value = q.value
         join customers c on c.id = i.customer_id
         left join accounts a on a.id = i.account_id) t) as targets`.execute(db);
  const r = rows[0]!;
  if (!r.agency) return undefined;
  const a = r.agency;
  return {
    agency: { id: a.id, name: a.name, country: a.country, subdivision: a.subdivision, kind: a.kind as AgencyKind, verifiedDomains: a.verified_domains, callbackPhone: a.callback_phone, createdAt: new Date(a.created_at).toISOString() },
    requester: r.requester ? { id: r.requester.id, agencyId: a.id, name: r.requester.name, email: r.requester.email, phone: r.requester.phone, verification: r.requester.verification as RequesterVerification } : null,
    allAgencyDomains: r.all_domains,
    targets: new Map(
      (r.targets ?? []).map((t) => [
        `${t.kind}:${t.value}`,
        { kind: t.kind as IdentifierKind, value: t.value, customerId: t.customer_id, accountId: t.account_id, customerKind: t.customer_kind as CustomerKind, customerCountry: t.country, usPerson: t.us_person, dataLocation: t.data_location },
      ]),
    ),
  };
}

export interface IntakeWrite {
  /** The demand row, without its reference (the statement draws it from the sequence). */
  demand: Omit<NewDemandRow, 'reference' | 'requester_id'> & Required<Pick<NewDemandRow, ReportFactColumn>>;
  requester: { id: string; agencyId: string; name: string; email: string; phone: string | null; verification: RequesterVerification };
  /** True when the lookup found no requester with this e-mail at this agency. */
  requesterIsNew: boolean;
  targets: { kind: string; value: string; customerId: string; accountId: string | null }[];
  documents: { id: string; filename: string; mediaType: string; sizeBytes: number; sha256: string }[];
  idempotency: { scope: string; key: string; requestHash: string } | null;
  events: { type: string; payload: unknown }[];
  actor: string;
  jobs: OutboxJob[];
}

/** The report facts of migration 0009: intake must write them (the columns' defaults are only for old rows). */
type ReportFactColumn = 'report_dimensions' | 'report_target_count' | 'report_enterprise_targets';

/** Thrown when the idempotency key was claimed by another request first. */
export class IdempotencyKeyTaken extends Error {}

/** Thrown when a concurrent intake created the same new requester first; intake retries once. */
export class RequesterRaced extends Error {}

/** Write a whole intake in one statement; returns the reference the sequence gave. */
export async function writeIntake(db: Db, w: IntakeWrite): Promise<{ reference: string; requesterId: string }> {
  const d = w.demand;
  const j = (v: unknown) => JSON.stringify(v);
  const received = new Date(d.received_at as string | Date);
  const key = w.idempotency;
  try {
    const statement = sql<{ reference: string; requester_id: string }>`
      with r_new as (
        -- A first-time requester is created here; a known one is only referred to (no row lock:
        -- concurrent intakes from one officer must not queue behind each other).
        insert into requesters (id, agency_id, name, email, phone, verification)
        select ${w.requester.id}, ${w.requester.agencyId}, ${w.requester.name}, ${w.requester.email}, ${w.requester.phone}, ${w.requester.verification}
        where ${w.requesterIsNew}
        on conflict (agency_id, email) do nothing
        returning id
      ), r as (
        select id from r_new union all select id from requesters where id = ${w.requester.id} and not ${w.requesterIsNew}
      ), d as (
        insert into demands (id, reference, received_at, channel, agency_id, requester_id, requester_verification, jurisdiction,
          jurisdiction_subdivision, instrument, issued_at, issuing_court, case_number, signed, data_categories, date_from, date_to,
          emergency, secrecy_order, offence, legal_facts, response_deadline, state, notice_state, notice_held_until,
          challenge_state, preservation_state, preserved_until, decision, report_dimensions, report_target_count,
          report_enterprise_targets, created_at, updated_at)
        select ${d.id}, 'WR-' || ${received.getUTCFullYear()}::text || '-' || lpad(nextval('demand_reference_seq')::text, 6, '0'),
          ${received}, ${d.channel}, ${d.agency_id}, r.id, ${d.requester_verification}, ${d.jurisdiction}, ${d.jurisdiction_subdivision},
          ${d.instrument}, ${d.issued_at}, ${d.issuing_court}, ${d.case_number}, ${d.signed}, ${d.data_categories}::text[],
          ${d.date_from}, ${d.date_to}, ${d.emergency}::jsonb, ${d.secrecy_order}::jsonb, ${d.offence}::jsonb, ${d.legal_facts}::jsonb,
          ${d.response_deadline}, ${d.state}, ${d.notice_state}, ${d.notice_held_until}, ${d.challenge_state}, ${d.preservation_state},
          ${d.preserved_until}, ${d.decision}::jsonb, ${d.report_dimensions}, ${d.report_target_count}::int,
          ${d.report_enterprise_targets}::int, ${d.created_at}, ${d.updated_at}
        from r
        returning id, reference, requester_id
      ), t as (
        insert into demand_targets (demand_id, ordinal, kind, value, customer_id, account_id)
        select d.id, x.i, x.kind, x.value, x."customerId", x."accountId"
        from d, jsonb_to_recordset(${j(w.targets.map((t, i) => ({ ...t, i })))}::jsonb) as x(i int, kind text, value text, "customerId" uuid, "accountId" uuid)
      ), doc as (
        insert into documents (id, demand_id, filename, media_type, size_bytes, sha256)
        select x.id, d.id, x.filename, x."mediaType", x."sizeBytes", x.sha256
        from d, jsonb_to_recordset(${j(w.documents)}::jsonb) as x(id uuid, filename text, "mediaType" text, "sizeBytes" bigint, sha256 text)
      ), k as (
        insert into idempotency_keys (scope, key, request_hash, demand_id)
        select ${key?.scope ?? ''}, ${key?.key ?? ''}, ${key?.requestHash ?? ''}, d.id from d where ${key !== null}
      ), e as (
        insert into events (demand_id, type, payload, actor, occurred_at)
        select d.id, x.type, x.payload, ${w.actor}, ${d.created_at}
        from d, jsonb_to_recordset(${j(w.events.map((e, i) => ({ ...e, i })))}::jsonb) as x(i int, type text, payload jsonb)
        order by x.i
      ), o as (
        insert into outbox (kind, idempotency_key, demand_id, payload, run_at)
        select x.kind, x."idempotencyKey", d.id, x.payload, coalesce(x."runAt", now())
        from d, jsonb_to_recordset(${j(w.jobs)}::jsonb) as x(kind text, "idempotencyKey" text, payload jsonb, "runAt" timestamptz)
        on conflict (idempotency_key) do nothing
      )
      select reference, requester_id from d`;
    const rows = await runPrepared<{ reference: string; requester_id: string }>(db, 'writ_intake_v2', statement);
    if (!rows[0]) throw new RequesterRaced();
    return { reference: rows[0].reference, requesterId: rows[0].requester_id };
  } catch (e) {
    if ((e as { code?: string; constraint?: string }).code === '23505' && (e as { constraint?: string }).constraint === 'idempotency_keys_pkey') throw new IdempotencyKeyTaken();
    throw e;
  }
}
