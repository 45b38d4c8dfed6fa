/**
 * The facts a transparency report counts that a demand does not store as one value: how long its
 * secrecy order runs, what the policy decided about telling the customer, and how many accounts had
 * data disclosed. Pure: intake and closing write them into events (and so into public ledger
 * leaves), and the report's SQL computes the same values from the demand's row, so the two sources
 * agree by construction.
 */
import type { SecrecyOrder } from './demand.ts';
import type { DataCategory, Disposition, Instrument } from './vocabulary.ts';

/** How long a secrecy order runs, as received: no end date, more than a year, or a year or less. */
export const SECRECY_TERMS = ['indefinite', 'over_a_year', 'a_year_or_less'] as const;
export type SecrecyTerm = (typeof SECRECY_TERMS)[number];

/** What the policy decided at intake about telling the customer. */
export const NOTICE_PLANS = ['at_once', 'delayed', 'never'] as const;
export type NoticePlan = (typeof NOTICE_PLANS)[number];

/** A year, for "longer than a year": 365 days (the SQL uses the same interval). */
export const YEAR_MS = 365 * 86_400_000;

/** The term of a secrecy order; null without one. */
export function secrecyTermOf(order: Pick<SecrecyOrder, 'issuedAt' | 'expiresAt'> | null): SecrecyTerm | null {
  if (!order) return null;
  if (order.expiresAt === null) return 'indefinite';
  return new Date(order.expiresAt).getTime() - new Date(order.issuedAt).getTime() > YEAR_MS
    ? 'over_a_year'
    : 'a_year_or_less';
}

/** The notice plan from the policy's notice mode ("now", "delayed", "after_emergency", "never"). */
export function noticePlanOf(mode: string | null | undefined): NoticePlan {
  if (mode === 'never') return 'never';
  if (mode === 'delayed' || mode === 'after_emergency') return 'delayed';
  return 'at_once';
}

/** Dispositions under which some data was handed over. */
export const DISCLOSING_DISPOSITIONS: ReadonlySet<Disposition> = new Set([
  'non_content_disclosed',
  'content_disclosed',
]);

/** Accounts for which data was disclosed: every account the demand named, when it disclosed anything. */
export function accountsAffectedOf(disposition: Disposition, accountsSpecified: number): number {
  return DISCLOSING_DISPOSITIONS.has(disposition) ? accountsSpecified : 0;
}

/** The calendar date (UTC) of a timestamp, as YYYY-MM-DD: how reports attribute events to periods. */
export function utcDate(iso: string | Date): string {
  return new Date(iso).toISOString().slice(0, 10);
}

/** A demand's reporting dimensions, fixed at intake (its disposition and challenge come later). */
export interface ReportDimensions {
  jurisdiction: string;
  instrument: Instrument;
  dataCategories: readonly DataCategory[];
  emergency: boolean;
  /** At least one target belongs to an enterprise customer. */
  enterprise: boolean;
  /** Some target's data is stored outside the requesting country. */
  extraterritorial: boolean;
  secrecyTerm: SecrecyTerm | null;
  noticePlan: NoticePlan;
}

/**
 * The dimensions as one compact JSON array: kept on the demand row so that a report groups by one
 * column. The migration that fills old rows writes the same text, element by element.
 */
export function reportDimensionsKey(d: ReportDimensions): string {
  return JSON.stringify([
    d.jurisdiction,
    d.instrument,
    d.dataCategories,
    d.emergency,
    d.enterprise,
    d.extraterritorial,
    d.secrecyTerm,
    d.noticePlan,
  ]);
}

/** The dimensions back from their key. */
export function parseReportDimensionsKey(key: string): ReportDimensions {
  const [jurisdiction, instrument, dataCategories, emergency, enterprise, extraterritorial, secrecyTerm, noticePlan] =
    JSON.parse(key) as [string, Instrument, DataCategory[], boolean, boolean, boolean, SecrecyTerm | null, NoticePlan];
  return { jurisdiction, instrument, dataCategories, emergency, enterprise, extraterritorial, secrecyTerm, noticePlan };
}
