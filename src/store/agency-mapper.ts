/** Row ↔ domain mapping for agencies. The only place that knows both shapes. */
import type { Selectable } from 'kysely';
import type { Agency } from '../domain/directory.ts';
import type { AgencyKind } from '../domain/vocabulary.ts';
import type { AgenciesTable } from './schema.ts';

/**
 * An agencies row as any read returns it: straight from Kysely (created_at a Date) or through
 * row_to_json/to_jsonb (created_at a string).
 */
export type AgencyRowLike = Omit<Selectable<AgenciesTable>, 'time_zone' | 'created_at'> & {
  time_zone?: string | null;
  created_at: Date | string;
};

export function toAgency(r: AgencyRowLike): Agency {
  return {
    id: r.id,
    name: r.name,
    country: r.country,
    subdivision: r.subdivision,
    kind: r.kind as AgencyKind,
    verifiedDomains: r.verified_domains,
    callbackPhone: r.callback_phone,
    timeZone: r.time_zone ?? null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
