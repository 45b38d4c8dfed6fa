/**
 * What intake reads beyond its batched lookup, only for the demands that need it: the preservation
 * a renewal extends, and the time zone of the court a warrant names.
 */
import { sql } from 'kysely';
import type { Db } from './database.ts';

/** The preservation a renewal names, when it is the same agency's. */
export interface LinkedPreservation {
  id: string;
  instrument: string;
  receivedAt: string;
  legalFacts: Record<string, unknown>;
}

/** The agency's demand with this reference, or null (another agency's demand is not found either). */
export async function findAgencyDemandByReference(
  db: Db,
  agencyId: string,
  reference: string,
): Promise<LinkedPreservation | null> {
  const row = await db
    .selectFrom('demands')
    .select(['id', 'instrument', 'received_at', 'legal_facts'])
    .where('reference', '=', reference)
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    instrument: row.instrument,
    receivedAt: new Date(row.received_at as unknown as string).toISOString(),
    legalFacts: (row.legal_facts ?? {}) as Record<string, unknown>,
  };
}

/** The time zone the directory records for a court of this name (case-insensitive), or null. */
export async function findCourtTimeZone(db: Db, courtName: string): Promise<string | null> {
  const row = await sql<{ time_zone: string | null }>`
    select time_zone from agencies
    where kind = 'court' and lower(name) = lower(${courtName.trim()}) and time_zone is not null
    order by created_at limit 1`.execute(db);
  return row.rows[0]?.time_zone ?? null;
}
