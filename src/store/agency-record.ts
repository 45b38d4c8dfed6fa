/**
 * The steps of a demand its agency follows in the agency portal, oldest first: its status, the
 * letters sent to it, the packages prepared for it, the legal team's questions and its own answers.
 */
import type { Db, Tx } from './database.ts';

/** What an officer's status history shows. */
export const AGENCY_HISTORY_TYPES = [
  'demand.received',
  'demand.redirected',
  'demand.accepted',
  'demand.rejected',
  'demand.approved',
  'demand.produced',
  'demand.reopened',
  'demand.closed',
  'redirect.letter_sent',
  'redirect.agency_answered',
  'agency.message_received',
  'agency.clarification_requested',
  'demand.document_added',
  'disclosure.package_prepared',
  'disclosure.link_issued',
  'disclosure.downloaded',
] as const;

export interface AgencyRecordEvent {
  id: string;
  type: string;
  payload: unknown;
  occurred_at: Date | string;
}

export function loadAgencyRecordEvents(db: Db | Tx, demandId: string): Promise<AgencyRecordEvent[]> {
  return db
    .selectFrom('events')
    .select(['id', 'type', 'payload', 'occurred_at'])
    .where('demand_id', '=', demandId)
    .where('type', 'in', [...AGENCY_HISTORY_TYPES])
    .orderBy('id')
    .execute();
}
