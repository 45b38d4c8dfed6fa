/**
 * The reads and the one write of intake. Intake is the hottest path (agencies' systems submit in
 * bulk), so it takes two round trips: one query that reads everything it needs, and one statement
 * that writes everything (shared with the intakes arriving at the same moment: intake-batcher.ts).
 * One statement is atomic on its own: the demand, its targets, documents, idempotency key, events
 * and outbox jobs are all written, or none is.
 */
import { sql } from 'kysely';
import type { Agency, Requester } from '../domain/directory.ts';
import type { CustomerKind, IdentifierKind, RequesterVerification } from '../domain/vocabulary.ts';
import { type AgencyRowLike, toAgency } from './agency-mapper.ts';
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
  /** The time zone the directory records for the court the request named (by name), or null. */
  courtTimeZone: string | null;
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
  n: number;
  agency: AgencyRowLike | null;
  requester: { id: string; name: string; email: string; phone: string | null; verification: string } | null;
  all_domains: string[];
  court_time_zone: string | null;
  targets:
    | {
        kind: string;
        value: string;
        customer_id: string;
        account_id: string | null;
        customer_kind: string;
        country: string;
        us_person: boolean | null;
        data_location: string | null;
      }[]
    | null;
}

/**
 * Everything intake reads for several demands, in ONE round trip (see intake-batcher.ts): for each,
 * the agency, the requester (if it wrote before) and the targets resolved to accounts and
 * customers; and every verified agency domain. Null for a demand whose agency does not exist.
 */
export async function lookupIntakeBatch(
  db: Db,
  requests: readonly {
    agencyId: string;
    email: string;
    ids: { kind: IdentifierKind; value: string }[];
    court?: string | null;
  }[],
): Promise<(IntakeLookup | null)[]> {
  const items = requests.map((r, n) => ({
    n,
    agencyId: r.agencyId,
    email: r.email,
    ids: r.ids,
    court: r.court?.trim() || null,
  }));
  // A named prepared statement: parsed and planned once per connection, not on every intake.
  const rows = await runPrepared<LookupRow>(
    db,
    'writ_intake_lookup_v3',
    sql<LookupRow>`
    with domains as (select coalesce(array_agg(distinct d), '{}') as all_domains from agencies x, unnest(x.verified_domains) d)
    select q.n,
      (select row_to_json(a) from agencies a where a.id = q."agencyId") as agency,
      (select row_to_json(r) from (select id, name, email, phone, verification from requesters
         where agency_id = q."agencyId" and email = q.email) r) as requester,
      domains.all_domains,
      (select c.time_zone from agencies c where q.court is not null and c.kind = 'court'
         and lower(c.name) = lower(q.court) and c.time_zone is not null order by c.created_at limit 1) as court_time_zone,
      (select json_agg(t) from (
         select i.kind, i.value, i.customer_id, i.account_id, c.kind as customer_kind, c.country, c.us_person, a.data_location
         from jsonb_to_recordset(q.ids) as w(kind text, value text)
         join account_identifiers i on i.kind = w.kind and i.value = w.value
         join customers c on c.id = i.customer_id
         left join accounts a on a.id = i.account_id) t) as targets
    from jsonb_to_recordset(${JSON.stringify(items)}::jsonb) as q(n int, "agencyId" uuid, email text, ids jsonb, court text), domains`,
  );
  const byN = new Map(rows.map((r) => [r.n, r]));
  return items.map((item) => {
    const r = byN.get(item.n);
    return r ? toLookup(r) : null;
  });
}

function toLookup(r: LookupRow): IntakeLookup | null {
  if (!r.agency) return null;
  const a = r.agency;
  return {
    agency: toAgency(a),
    requester: r.requester
      ? {
          id: r.requester.id,
          agencyId: a.id,
          name: r.requester.name,
          email: r.requester.email,
          phone: r.requester.phone,
          verification: r.requester.verification as RequesterVerification,
        }
      : null,
    allAgencyDomains: r.all_domains,
    courtTimeZone: r.court_time_zone,
    targets: new Map(
      (r.targets ?? []).map((t) => [
        `${t.kind}:${t.value}`,
        {
          kind: t.kind as IdentifierKind,
          value: t.value,
          customerId: t.customer_id,
          accountId: t.account_id,
          customerKind: t.customer_kind as CustomerKind,
          customerCountry: t.country,
          usPerson: t.us_person,
          dataLocation: t.data_location,
        },
      ]),
    ),
  };
}

export interface IntakeWrite {
  /** The demand row, without its reference (the statement draws it from the sequence). */
  demand: Omit<NewDemandRow, 'reference' | 'requester_id'> &
    Required<Pick<NewDemandRow, ReportFactColumn>> & { requester_id: string };
  requester: {
    id: string;
    agencyId: string;
    name: string;
    email: string;
    phone: string | null;
    verification: RequesterVerification;
  };
  /** True when the lookup found no requester with this e-mail at this agency. */
  requesterIsNew: boolean;
  targets: { kind: string; value: string; customerId: string; accountId: string | null }[];
  documents: {
    id: string;
    filename: string;
    mediaType: string;
    sizeBytes: number;
    sha256: string;
    madeByProvider?: boolean;
  }[];
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

/** What writing one intake gave: its reference, or RequesterRaced. */
export type IntakeWritten = { reference: string; requesterId: string } | RequesterRaced;

/**
 * Write several whole intakes in ONE statement (so one round trip and one commit for all of them:
 * see intake-batcher.ts). The statement is atomic: every demand of the batch, with its targets,
 * documents, idempotency key, events and outbox jobs, is written, or nothing is. A demand whose
 * first-time requester was created meanwhile by another intake is left out (with its children)
 * and answered with RequesterRaced; intake then tries it again. Any other refusal (a taken
 * idempotency key, a broken constraint) fails the whole statement and is thrown.
 */
export async function writeIntakeBatch(db: Db, batch: readonly IntakeWrite[]): Promise<IntakeWritten[]> {
  // The parameters are built as literals with their members named, not by spreading: on Node 20 an
  // object spread with members added is far slower to build and to encode as JSON.
  const j = (v: unknown) => JSON.stringify(v);
  const requesters = batch
    .filter((w) => w.requesterIsNew)
    .map(({ requester: r }) => ({
      id: r.id,
      agencyId: r.agencyId,
      name: r.name,
      email: r.email,
      phone: r.phone,
      verification: r.verification,
    }));
  const demands = batch.map((w) => w.demand);
  const targets = batch.flatMap((w) =>
    w.targets.map((t, i) => ({
      demandId: w.demand.id,
      i,
      kind: t.kind,
      value: t.value,
      customerId: t.customerId,
      accountId: t.accountId,
    })),
  );
  const documents = batch.flatMap((w) =>
    w.documents.map((d) => ({
      demandId: w.demand.id,
      id: d.id,
      filename: d.filename,
      mediaType: d.mediaType,
      sizeBytes: d.sizeBytes,
      sha256: d.sha256,
      madeByProvider: d.madeByProvider === true,
    })),
  );
  const keys = batch.flatMap((w) =>
    w.idempotency
      ? [
          {
            demandId: w.demand.id,
            scope: w.idempotency.scope,
            key: w.idempotency.key,
            requestHash: w.idempotency.requestHash,
          },
        ]
      : [],
  );
  const events = batch.flatMap((w, n) =>
    w.events.map((e, i) => ({
      demandId: w.demand.id,
      n,
      i,
      type: e.type,
      payload: e.payload,
      actor: w.actor,
      occurredAt: w.demand.created_at,
    })),
  );
  const jobs = batch.flatMap((w) =>
    w.jobs.map((job) => ({
      demandId: w.demand.id,
      kind: job.kind,
      idempotencyKey: job.idempotencyKey,
      payload: job.payload,
      runAt: job.runAt?.toISOString() ?? null,
    })),
  );
  const statement = sql<{ id: string; reference: string; requester_id: string }>`
    with r_new as (
      -- First-time requesters are created here; known ones are only referred to (no row lock:
      -- concurrent intakes from one officer must not queue behind each other).
      insert into requesters (id, agency_id, name, email, phone, verification)
      select x.id, x."agencyId", x.name, x.email, x.phone, x.verification
      from jsonb_to_recordset(${j(requesters)}::jsonb) as x(id uuid, "agencyId" uuid, name text, email text, phone text, verification text)
      on conflict (agency_id, email) do nothing
      returning id
    ), input as (
      select x.*, row_number() over () as n from jsonb_populate_recordset(null::demands, ${j(demands)}::jsonb) as x
    ), d as (
      insert into demands (id, reference, received_at, channel, agency_id, requester_id, requester_verification, jurisdiction,
        jurisdiction_subdivision, instrument, issued_at, issuing_court, case_number, signed, data_categories, date_from, date_to,
        emergency, secrecy_order, offence, legal_facts, response_deadline, state, notice_state, notice_held_until,
        challenge_state, preservation_state, preserved_until, decision, report_dimensions, report_target_count,
        report_enterprise_targets, next_deadline, next_deadline_kind, created_at, updated_at)
      select x.id, 'WR-' || to_char(x.received_at at time zone 'UTC', 'YYYY') || '-' || lpad(nextval('demand_reference_seq')::text, 6, '0'),
        x.received_at, x.channel, x.agency_id, x.requester_id, x.requester_verification, x.jurisdiction, x.jurisdiction_subdivision,
        x.instrument, x.issued_at, x.issuing_court, x.case_number, x.signed, x.data_categories, x.date_from, x.date_to,
        x.emergency, x.secrecy_order, x.offence, x.legal_facts, x.response_deadline, x.state, x.notice_state, x.notice_held_until,
        x.challenge_state, x.preservation_state, x.preserved_until, x.decision, x.report_dimensions, x.report_target_count,
        x.report_enterprise_targets, x.next_deadline, x.next_deadline_kind, x.created_at, x.updated_at
      from input x
      where x.requester_id in (select id from r_new union all select id from requesters where id in (select requester_id from input))
      order by x.n
      returning id, reference, requester_id
    ), t as (
      insert into demand_targets (demand_id, ordinal, kind, value, customer_id, account_id)
      select d.id, x.i, x.kind, x.value, x."customerId", x."accountId"
      from jsonb_to_recordset(${j(targets)}::jsonb) as x("demandId" uuid, i int, kind text, value text, "customerId" uuid, "accountId" uuid)
      join d on d.id = x."demandId"
    ), doc as (
      insert into documents (id, demand_id, filename, media_type, size_bytes, sha256, made_by_provider)
      select x.id, d.id, x.filename, x."mediaType", x."sizeBytes", x.sha256, x."madeByProvider"
      from jsonb_to_recordset(${j(documents)}::jsonb) as x("demandId" uuid, id uuid, filename text, "mediaType" text, "sizeBytes" bigint, sha256 text, "madeByProvider" boolean)
      join d on d.id = x."demandId"
    ), k as (
      insert into idempotency_keys (scope, key, request_hash, demand_id)
      select x.scope, x.key, x."requestHash", d.id
      from jsonb_to_recordset(${j(keys)}::jsonb) as x("demandId" uuid, scope text, key text, "requestHash" text)
      join d on d.id = x."demandId"
    ), e as (
      insert into events (demand_id, type, payload, actor, occurred_at)
      select d.id, x.type, x.payload, x.actor, x."occurredAt"
      from jsonb_to_recordset(${j(events)}::jsonb) as x("demandId" uuid, n int, i int, type text, payload jsonb, actor text, "occurredAt" timestamptz)
      join d on d.id = x."demandId"
      order by x.n, x.i
    ), o as (
      insert into outbox (kind, idempotency_key, demand_id, payload, run_at)
      select x.kind, x."idempotencyKey", d.id, x.payload, coalesce(x."runAt", now())
      from jsonb_to_recordset(${j(jobs)}::jsonb) as x("demandId" uuid, kind text, "idempotencyKey" text, payload jsonb, "runAt" timestamptz)
      join d on d.id = x."demandId"
      on conflict (idempotency_key) do nothing
    )
    select id, reference, requester_id from d`;
  const rows = await runPrepared<{ id: string; reference: string; requester_id: string }>(
    db,
    'writ_intake_batch_v2',
    statement,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return batch.map((w) => {
    const r = byId.get(w.demand.id);
    return r ? { reference: r.reference, requesterId: r.requester_id } : new RequesterRaced();
  });
}
