/**
 * Everything a customer notice needs, read in one statement: the demand with its targets, the
 * agency, each targeted customer with its contacts, their enabled webhook endpoints, and which
 * parts of this delivery job already went out. Notices are the hottest job in the outbox; one
 * round trip for a whole batch of them, instead of a dozen each, is what lets a worker keep up
 * with a burst of releases.
 */
import { sql } from 'kysely';
import type { Demand } from '../domain/demand.ts';
import type { Agency, Customer } from '../domain/directory.ts';
import type { CustomerKind } from '../domain/vocabulary.ts';
import { type AgencyRowLike, toAgency } from './agency-mapper.ts';
import type { Db } from './database.ts';
import { toDemand } from './demand-mapper.ts';
import type { DemandRow } from './schema.ts';
import type { WebhookEndpoint } from './webhook-repository.ts';

export interface NoticeFacts {
  demand: Demand;
  agency: Agency;
  customers: Customer[];
  endpoints: WebhookEndpoint[];
  /** Recipients ("email:<contact id>", "webhook:<endpoint id>") this job already reached. */
  delivered: Set<string>;
  /** The steps of the demand a customer message tells of, oldest first (see HISTORY_TYPES). */
  history: HistoryEvent[];
}

/** One recorded step, as a customer message reads it. */
export interface HistoryEvent {
  id: string;
  type: string;
  payload: Record<string, any>;
  at: string;
  actor: string;
}

/** The event types a notice or follow-up may tell of (what happened while a notice was held, the step itself). */
export const HISTORY_TYPES = [
  'notice.held',
  'notice.release_moved',
  'notice.released',
  'redirect.letter_sent',
  'redirect.agency_answered',
  'demand.produced',
  'disclosure.package_prepared',
  'demand.closed',
];

type J = Record<string, any>;
type FactsRow = {
  demand: J;
  targets: J[];
  documents: J[];
  agency: J;
  customers: { customer: J; contacts: J[] }[];
  endpoints: J[];
  receipts: string[];
  history: { id: string; type: string; payload: J; at: string; actor: string }[];
};

/**
 * The facts of several notice jobs in one statement, by job id (a job whose demand no longer
 * exists is missing). A worker claims notices in batches; reading their facts together costs one
 * round trip per batch instead of one per notice.
 */
export async function loadNoticeFactsMany(
  db: Db,
  jobs: { demandId: string; jobId: string }[],
): Promise<Map<string, NoticeFacts>> {
  if (!jobs.length) return new Map();
  const { rows } = await sql<FactsRow & { job_id: string }>`
    -- The stored policy decision is the largest column and a notice does not need it.
    select x.job_id::text as job_id, to_jsonb(d.*) - 'decision' as demand,
      (select coalesce(jsonb_agg(to_jsonb(t.*) order by t.ordinal), '[]') from demand_targets t where t.demand_id = d.id) as targets,
      -- The documents' rows, not their bytes: a customer's copy of the legal process is chosen from them.
      (select coalesce(jsonb_agg(to_jsonb(o.*) order by o.created_at, o.id), '[]') from documents o where o.demand_id = d.id) as documents,
      to_jsonb(a.*) as agency,
      (select coalesce(jsonb_agg(jsonb_build_object('customer', to_jsonb(c.*),
          'contacts', (select coalesce(jsonb_agg(to_jsonb(k.*) order by k.name, k.id), '[]') from customer_contacts k where k.customer_id = c.id))
          order by c.id), '[]')
        from customers c where c.id in (select customer_id from demand_targets where demand_id = d.id)) as customers,
      (select coalesce(jsonb_agg(to_jsonb(e.*) order by e.created_at, e.id), '[]') from webhook_endpoints e
        where e.enabled and e.customer_id in (select customer_id from demand_targets where demand_id = d.id)) as endpoints,
      (select coalesce(jsonb_agg(r.recipient), '[]') from delivery_receipts r where r.job_id = x.job_id) as receipts,
      (select coalesce(jsonb_agg(jsonb_build_object('id', ev.id::text, 'type', ev.type, 'payload', ev.payload,
          'at', ev.occurred_at, 'actor', ev.actor) order by ev.id), '[]')
        from events ev where ev.demand_id = d.id and ev.type = any(${HISTORY_TYPES}::text[])) as history
    from unnest(${jobs.map((j) => j.demandId)}::uuid[], ${jobs.map((j) => j.jobId)}::bigint[]) as x(demand_id, job_id)
      join demands d on d.id = x.demand_id join agencies a on a.id = d.agency_id`.execute(db);
  return new Map(rows.map((r) => [String(r.job_id), toFacts(r)]));
}

function toFacts(r: FactsRow): NoticeFacts {
  return {
    demand: toDemand(r.demand as DemandRow, r.targets as never, r.documents as never),
    agency: toAgency(r.agency as AgencyRowLike),
    customers: r.customers.map(({ customer: c, contacts }) => ({
      id: c.id,
      kind: c.kind as CustomerKind,
      name: c.name,
      country: c.country,
      usPerson: c.us_person,
      domains: c.domains,
      shareLegalContact: c.share_legal_contact,
      notificationPrefs: c.notification_prefs ?? {},
      language: c.language ?? 'en',
      contacts: contacts.map((k) => ({
        id: k.id,
        name: k.name,
        email: k.email,
        role: k.role,
        designated: k.designated,
      })),
      createdAt: new Date(c.created_at).toISOString(),
    })),
    endpoints: r.endpoints.map((e) => ({
      id: e.id,
      customerId: e.customer_id,
      url: e.url,
      secret: e.secret,
      enabled: e.enabled,
      failureCount: e.failure_count,
      eventTypes: e.event_types ?? null,
    })),
    delivered: new Set(r.receipts),
    history: r.history.map((h) => ({ ...h, at: new Date(h.at).toISOString() })),
  };
}
