/** The queue of secrecy-order challenges: demands whose order is flagged for a challenge or challenged. */
import type { Demand } from '../domain/demand.ts';
import type { CustomerKind } from '../domain/vocabulary.ts';
import type { Db } from './database.ts';

export interface ChallengeQueueItem {
  id: string;
  reference: string;
  receivedAt: string;
  instrument: string;
  agencyName: string;
  challengeState: string;
  noticeState: string;
  noticeHeldUntil: string | null;
  secrecyOrder: Demand['secrecyOrder'];
  /** Kinds of the customers whose data is sought (for the grounds). */
  customerKinds: Record<string, CustomerKind>;
}

/** Flagged and filed challenges, oldest first (the longest-silenced customers first). */
export async function listChallengeQueue(db: Db, states: string[], limit: number): Promise<ChallengeQueueItem[]> {
  const rows = await db
    .selectFrom('demands as d')
    .innerJoin('agencies as a', 'a.id', 'd.agency_id')
    .select([
      'd.id',
      'd.reference',
      'd.received_at',
      'd.instrument',
      'a.name as agency_name',
      'd.challenge_state',
      'd.notice_state',
      'd.notice_held_until',
      'd.secrecy_order',
    ])
    .where('d.challenge_state', 'in', states)
    .orderBy('d.received_at')
    .orderBy('d.id')
    .limit(limit)
    .execute();
  const kinds = rows.length
    ? await db
        .selectFrom('demand_targets as t')
        .innerJoin('customers as c', 'c.id', 't.customer_id')
        .select(['t.demand_id', 't.customer_id', 'c.kind'])
        .where(
          't.demand_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    receivedAt: new Date(r.received_at).toISOString(),
    instrument: r.instrument,
    agencyName: r.agency_name,
    challengeState: r.challenge_state,
    noticeState: r.notice_state,
    noticeHeldUntil: r.notice_held_until ? new Date(r.notice_held_until).toISOString() : null,
    secrecyOrder: r.secrecy_order as Demand['secrecyOrder'],
    customerKinds: Object.fromEntries(
      kinds.filter((k) => k.demand_id === r.id).map((k) => [k.customer_id, k.kind as CustomerKind]),
    ),
  }));
}
