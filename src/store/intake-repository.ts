/**
 * The reads and the one write of intake. Intake is the hottest path (agencies' systems submit in
 * bulk), so it takes three round trips: the agency with the requester, the targets, and a single
 * statement that writes everything. One statement is atomic on its own: the demand, its targets,
 * documents, idempotency key, events and outbox jobs are all written, or none is.
 */
import { sql } from 'kysely';
import type { Agency, Requester } from '../domain/directory.ts';
import type { AgencyKind, CustomerKind, IdentifierKind, RequesterVerification } from '../domain/vocabulary.ts';
import type { Db } from './database.ts';
import type { OutboxJob } from './outbox-repository.ts';
import type { NewDemandRow } from './schema.ts';

export interface IntakeLookup {
  agency: Agency;
  /** The requester at this agency with this e-mail, if it has written before. */
  requester: Requester | null;
  /** Every verified domain in the directory (to spot look-alikes of any agency). */
  allAgencyDomains: string[];
}

export async function lookupAgencyAndRequester(db: Db, agencyId: string, email: string): Promise<IntakeLookup | undefined> {
  const { rows } = await sql<{
    id: string; name: string; country: string; subdivision: string | null; kind: string; verified_domains: string[]; callback_phone: string | null; created_at: Date;
    r_id: string | null; r_name: string | null; r_email: string | null; r_phone: string | null; r_verification: string | null; all_domains: string[];
  }>`
    select a.*, r.id as r_id, r.name as r_name, r.email as r_email, r.phone as r_phone, r.verification as r_verification,
      (select coalesce(array_agg(distinct d), '{}') from agencies x, unnest(x.verified_domains) d) as all_domains
    from agencies a
    left join requesters r on r.agency_id = a.id and r.email = ${email}
    where a.id = ${agencyId}`.execute(db);
  const r = rows[0];
  if (!r) return undefined;
  return {
    agency: { id: r.id, name: r.name, country: r.country, subdivision: r.subdivision, kind: r.kind as AgencyKind, verifiedDomains: r.verified_domains, callbackPhone: r.callback_phone, createdAt: new Date(r.created_at).toISOString() },
    requester: r.r_id ? { id: r.r_id, agencyId: r.id, name: r.r_name!, email: r.r_email!, phone: r.r_phone, verification: r.r_verification as RequesterVerification } : null,
    allAgencyDomains: r.all_domains,
  };
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

/** Resolve identifiers to accounts and customers, with what the policy needs of each, in one query. */
export async function resolveTargets(db: Db, ids: { kind: IdentifierKind; value: string }[]): Promise<Map<string, ResolvedTarget>> {
  const rows = await db
    .selectFrom('account_identifiers as i')
    .innerJoin('customers as c', 'c.id', 'i.customer_id')
    .leftJoin('accounts as a', 'a.id', 'i.account_id')
    .select(['i.kind', 'i.value', 'i.customer_id', 'i.account_id', 'c.kind as customer_kind', 'c.country', 'c.us_person', 'a.data_location'])
    .where((eb) => eb.or(ids.map((i) => eb.and([eb('i.kind', '=', i.kind), eb('i.value', '=', i.value)]))))
    .execute();
  return new Map(
    rows.map((r) => [
      `${r.kind}:${r.value}`,
      { kind: r.kind as IdentifierKind, value: r.value, customerId: r.customer_id, accountId: r.account_id, customerKind: r.customer_kind as CustomerKind, customerCountry: r.country, usPerson: r.us_person, dataLocation: r.data_location },
    ]),
  );
}

export interface IntakeWrite {
  /** The demand row, without its reference (the statement draws it from the sequence). */
  demand: Omit<NewDemandRow, 'reference' | 'requester_id'>;
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
    const { rows } = await sql<{ reference: string; requester_id: string }>`
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
          challenge_state, preservation_state, preserved_until, decision, created_at, updated_at)
        select ${d.id}, 'WR-' || ${received.getUTCFullYear()}::text || '-' || lpad(nextval('demand_reference_seq')::text, 6, '0'),
          ${received}, ${d.channel}, ${d.agency_id}, r.id, ${d.requester_verification}, ${d.jurisdiction}, ${d.jurisdiction_subdivision},
          ${d.instrument}, ${d.issued_at}, ${d.issuing_court}, ${d.case_number}, ${d.signed}, ${d.data_categories}::text[],
          ${d.date_from}, ${d.date_to}, ${d.emergency}::jsonb, ${d.secrecy_order}::jsonb, ${d.offence}::jsonb, ${d.legal_facts}::jsonb,
          ${d.response_deadline}, ${d.state}, ${d.notice_state}, ${d.notice_held_until}, ${d.challenge_state}, ${d.preservation_state},
          ${d.preserved_until}, ${d.decision}::jsonb, ${d.created_at}, ${d.updated_at}
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
      select reference, requester_id from d`.execute(db);
    if (!rows[0]) throw new RequesterRaced();
    return { reference: rows[0].reference, requesterId: rows[0].requester_id };
  } catch (e) {
    if ((e as { code?: string; constraint?: string }).code === '23505' && (e as { constraint?: string }).constraint === 'idempotency_keys_pkey') throw new IdempotencyKeyTaken();
    throw e;
  }
}
