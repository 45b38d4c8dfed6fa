/** Reading and writing demands. Queries are explicit so that a reviewer sees what each one touches. */
import { sql } from 'kysely';
import { clockInHours, clockLabel } from '../domain/clocks.ts';
import { DomainError } from '../domain/errors.ts';
import { isUuid } from '../domain/formats.ts';
import type { Demand } from '../domain/demand.ts';
import type { MatterState } from '../domain/matter-state.ts';
import type { Instrument } from '../domain/vocabulary.ts';
import type { Db, Tx } from './database.ts';
import { toDemand } from './demand-mapper.ts';
import type { Updateable } from 'kysely';
import type { DemandRow, DemandsTable } from './schema.ts';

type Q = Db | Tx;

type PartsColumns = {
  _targets: { kind: string; value: string; account_id: string | null; customer_id: string }[];
  _documents: {
    id: string;
    filename: string;
    media_type: string;
    size_bytes: string;
    sha256: string;
    internal: boolean;
    made_by_provider: boolean;
  }[];
};

// A demand's targets and documents come as two JSON columns of its own row: one round trip, not
// three (every use case reads its demand twice, so this is most of a use case's reads).
const TARGETS = sql<
  PartsColumns['_targets']
>`(select coalesce(jsonb_agg(jsonb_build_object('kind', t.kind, 'value', t.value, 'account_id', t.account_id, 'customer_id', t.customer_id) order by t.ordinal), '[]') from demand_targets t where t.demand_id = demands.id)`;
const DOCUMENTS = sql<
  PartsColumns['_documents']
>`(select coalesce(jsonb_agg(jsonb_build_object('id', x.id, 'filename', x.filename, 'media_type', x.media_type, 'size_bytes', x.size_bytes::text, 'sha256', x.sha256, 'internal', x.internal, 'made_by_provider', x.made_by_provider) order by x.created_at), '[]') from documents x where x.demand_id = demands.id)`;

function hydrate({ _targets, _documents, ...row }: DemandRow & PartsColumns): Demand {
  return toDemand(row, _targets, _documents);
}

/** A demand by id or reference, or undefined. */
export async function findDemand(db: Q, idOrReference: string): Promise<Demand | undefined> {
  const byId = isUuid(idOrReference);
  const row = await db
    .selectFrom('demands')
    .selectAll()
    .select([TARGETS.as('_targets'), DOCUMENTS.as('_documents')])
    .where(byId ? 'id' : 'reference', '=', idOrReference)
    .executeTakeFirst();
  return row && hydrate(row);
}

/** Lock a demand's row for the rest of the transaction (serialises actions on one demand). */
export async function lockDemand(tx: Tx, idOrReference: string): Promise<Demand> {
  const byId = isUuid(idOrReference);
  const row = await tx
    .selectFrom('demands')
    .selectAll()
    .select([TARGETS.as('_targets'), DOCUMENTS.as('_documents')])
    .where(byId ? 'id' : 'reference', '=', idOrReference)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new DomainError('not_found', `No demand ${idOrReference}`);
  return hydrate(row);
}

/** Columns a use case may change on a demand. */
export type DemandPatch = Partial<
  Pick<
    Updateable<DemandsTable>,
    | 'state'
    | 'notice_state'
    | 'notice_held_until'
    | 'challenge_state'
    | 'preservation_state'
    | 'preserved_until'
    | 'disposition'
    | 'requester_verification'
    | 'decision'
    | 'response_deadline'
    | 'secrecy_order'
  >
>;

export async function updateDemand(tx: Tx, id: string, patch: DemandPatch, at: Date): Promise<void> {
  await tx
    .updateTable('demands')
    .set({ ...patch, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export interface DemandFilter {
  state?: MatterState;
  /** Only demands not yet closed (the legal team's queue). */
  openOnly?: boolean;
  country?: string;
  instrument?: Instrument;
  customerId?: string;
  dueBefore?: Date;
  /** Part of a reference, e.g. "000123" or "WR-2026-0001" (case-insensitive). */
  referenceContains?: string;
  /** Scope: only this agency's demands (an officer's view). */
  agencyId?: string;
  /** Scope: only demands whose customer notice has gone out (a customer's view). */
  noticeSentOnly?: boolean;
  /** A staff member's id, or null for unassigned demands. */
  assignee?: string | null;
  /** overdue: next deadline passed; due_soon: within 24 h; due_72h: within 72 h; ageing: open longer than 30 days. */
  view?: QueueView;
  /** Every flag must hold. */
  flags?: QueueFlag[];
  /** The time `view` and `due_24h` are measured from. */
  now?: Date;
  /** Name each row's assignee (staff reads only). */
  withAssigneeNames?: boolean;
}

export const QUEUE_VIEWS = ['overdue', 'due_soon', 'due_72h', 'ageing'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];
export const QUEUE_FLAGS = ['emergency', 'secrecy_order', 'overbroad', 'unverified_requester', 'due_24h'] as const;
export type QueueFlag = (typeof QUEUE_FLAGS)[number];

/** Newest first (the default), or the legal team's queue order: soonest next deadline first, none last. */
export type DemandOrder = 'received' | 'deadline';

/** Where the previous page ended, in the order asked for. */
export type DemandCursor = { receivedAt: string; id: string } | { deadline: string | null; id: string };

export interface DemandSummary {
  id: string;
  reference: string;
  receivedAt: string;
  jurisdiction: string;
  instrument: Instrument;
  state: MatterState;
  noticeState: string;
  responseDeadline: string | null;
  emergency: boolean;
  secrecyOrder: boolean;
  disposition: string | null;
  agencyName: string;
  dataCategories: string[];
  /** The provider's own assessment (staff only: presenters strip these for other audiences). */
  requesterVerification: string;
  flags: string[];
  assignee: { id: string; name: string } | null;
  nextDeadline: { kind: string; label: string; dueAt: string; hours: boolean } | null;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One page of demands, keyset-paginated so that a deep page costs the same as the first: on
 * (received_at, id) newest first, or on (next_deadline, id) soonest first with undated demands
 * last (the partial index demands_next_deadline serves the open queue).
 */
export async function listDemands(
  db: Q,
  f: DemandFilter,
  limit: number,
  after?: DemandCursor,
  order: DemandOrder = 'received',
): Promise<DemandSummary[]> {
  let q = db
    .selectFrom('demands as d')
    .innerJoin('agencies as a', 'a.id', 'd.agency_id')
    .select([
      'd.assignee_id',
      // Names of staff are the staff's to read (a customer's scoped reads may not see principals).
      f.withAssigneeNames
        ? sql<string | null>`(select p.name from principals p where p.id = d.assignee_id)`.as('assignee_name')
        : sql<string | null>`null::text`.as('assignee_name'),
      'd.next_deadline',
      'd.next_deadline_kind',
      'd.id',
      'd.reference',
      'd.received_at',
      'd.jurisdiction',
      'd.instrument',
      'd.state',
      'd.notice_state',
      'd.response_deadline',
      'd.disposition',
      'd.data_categories',
      'd.requester_verification',
      'a.name as agency_name',
      sql<boolean>`d.emergency is not null`.as('is_emergency'),
      sql<boolean>`d.secrecy_order is not null`.as('has_secrecy_order'),
      sql<string[]>`coalesce(jsonb_path_query_array(d.decision, '$.flags[*].code'), '[]'::jsonb)`.as('flag_codes'),
    ]);
  if (f.state) q = q.where('d.state', '=', f.state);
  if (f.openOnly) q = q.where('d.state', '<>', 'closed');
  if (f.country) q = q.where('d.jurisdiction', '=', f.country);
  if (f.instrument) q = q.where('d.instrument', '=', f.instrument);
  if (f.dueBefore) q = q.where('d.response_deadline', '<', f.dueBefore);
  // References are upper case: a case-sensitive LIKE on the upper-cased term scans several times faster than ILIKE.
  if (f.referenceContains) q = q.where('d.reference', 'like', `%${escapeLike(f.referenceContains.toUpperCase())}%`);
  if (f.agencyId) q = q.where('d.agency_id', '=', f.agencyId);
  if (f.noticeSentOnly) q = q.where('d.notice_state', '=', 'sent');
  if (f.assignee !== undefined)
    q = f.assignee === null ? q.where('d.assignee_id', 'is', null) : q.where('d.assignee_id', '=', f.assignee);
  const now = f.now ?? new Date();
  const dayAhead = new Date(now.getTime() + 24 * 3_600_000);
  if (f.view === 'overdue') q = q.where('d.next_deadline', '<', now);
  if (f.view === 'due_soon') q = q.where('d.next_deadline', '>=', now).where('d.next_deadline', '<', dayAhead);
  if (f.view === 'due_72h')
    q = q.where('d.next_deadline', '>=', now).where('d.next_deadline', '<', new Date(now.getTime() + 72 * 3_600_000));
  if (f.view === 'ageing')
    q = q.where('d.state', '<>', 'closed').where('d.received_at', '<', new Date(now.getTime() - 30 * 86_400_000));
  for (const flag of f.flags ?? []) {
    if (flag === 'emergency') q = q.where('d.emergency', 'is not', null);
    if (flag === 'secrecy_order')
      q = q.where('d.secrecy_order', 'is not', null).where('d.challenge_state', '<>', 'vacated');
    if (flag === 'overbroad') q = q.where(sql<boolean>`d.decision -> 'flags' @> '[{"code":"overbroad"}]'::jsonb`);
    if (flag === 'unverified_requester') q = q.where('d.requester_verification', '<>', 'verified');
    if (flag === 'due_24h') q = q.where('d.next_deadline', '<', dayAhead);
  }
  if (f.customerId) {
    const customerId = f.customerId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('demand_targets as t')
          .select('t.demand_id')
          .whereRef('t.demand_id', '=', 'd.id')
          .where('t.customer_id', '=', customerId),
      ),
    );
  }
  if (order === 'deadline') {
    if (after && 'deadline' in after) {
      const { deadline, id } = after;
      q = q.where((eb) =>
        deadline === null
          ? eb.and([eb('d.next_deadline', 'is', null), eb('d.id', '>', id)])
          : eb.or([
              eb(eb.refTuple('d.next_deadline', 'd.id'), '>', eb.tuple(new Date(deadline), id)),
              eb('d.next_deadline', 'is', null),
            ]),
      );
    }
    q = q.orderBy(sql`d.next_deadline asc nulls last`).orderBy('d.id', 'asc');
  } else {
    if (after && 'receivedAt' in after) {
      q = q.where((eb) =>
        eb(eb.refTuple('d.received_at', 'd.id'), '<', eb.tuple(new Date(after.receivedAt), after.id)),
      );
    }
    q = q.orderBy('d.received_at', 'desc').orderBy('d.id', 'desc');
  }
  const rows = await q.limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    receivedAt: new Date(r.received_at).toISOString(),
    jurisdiction: r.jurisdiction,
    instrument: r.instrument as Instrument,
    state: r.state as MatterState,
    noticeState: r.notice_state,
    responseDeadline: r.response_deadline ? new Date(r.response_deadline).toISOString() : null,
    emergency: r.is_emergency,
    secrecyOrder: r.has_secrecy_order,
    disposition: r.disposition,
    agencyName: r.agency_name,
    dataCategories: r.data_categories,
    requesterVerification: r.requester_verification,
    flags: r.flag_codes,
    assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? r.assignee_id } : null,
    nextDeadline:
      r.next_deadline && r.next_deadline_kind
        ? {
            kind: r.next_deadline_kind,
            label: clockLabel(r.next_deadline_kind),
            dueAt: new Date(r.next_deadline).toISOString(),
            hours: clockInHours(r.next_deadline_kind),
          }
        : null,
  }));
}

/** Idempotent intake: the demand an earlier request with this key made, if any. */
export async function findIdempotentDemand(db: Q, scope: string, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'demand_id'])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
}
