/**
 * What intake reads beyond its batched lookup, only for the demands that need it: the preservation
 * a renewal extends.
 */
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
