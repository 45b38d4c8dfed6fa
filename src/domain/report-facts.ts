/**
 * The facts a transparency report counts that a demand does not store as one value: how long its
 * secrecy order runs, what the policy decided about telling the customer, and how many accounts had
 * data disclosed. Pure: intake and closing write them into events (and so into public ledger
 * leaves), and the report's SQL computes the same values from the demand's row, so the two sources
 * agree by construction.
 */
import type { SecrecyOrder } from './demand.ts';
import {
  type DataCategory,
  type Disposition,
  type Instrument,
  REQUESTER_KINDS,
  type RequesterKind,
  isOneOf,
} from './vocabulary.ts';

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

/**
 * Who made a demand, as a report counts it. Its `demand.received` and `demand.closed` events carry
 * it (`requesterKind`); events written before they did are read by one rule, the same for the
 * database's rows and the ledger's leaves, so both give the same figures: a civil subpoena was a
 * private party's, anything else a government's.
 */
export function reportedRequesterKind(recorded: unknown, instrument: Instrument): RequesterKind {
  if (isOneOf(REQUESTER_KINDS, recorded)) return recorded;
  return instrument === 'civil_subpoena' ? 'private' : 'government';
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
  /** A government authority's demand, or a private party's request. */
  requesterKind: RequesterKind;
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
    d.requesterKind,
  ]);
}

/** A key's elements, in reportDimensionsKey's order; the ninth is missing from keys written before it. */
type DimensionsKey = [
  string,
  Instrument,
  DataCategory[],
  boolean,
  boolean,
  boolean,
  SecrecyTerm | null,
  NoticePlan,
  unknown,
];

/** The dimensions back from their key (a key written before it held the requester kind has eight elements). */
export function parseReportDimensionsKey(key: string): ReportDimensions {
  const k = JSON.parse(key) as DimensionsKey;
  return {
    jurisdiction: k[0],
    instrument: k[1],
    dataCategories: k[2],
    emergency: k[3],
    enterprise: k[4],
    extraterritorial: k[5],
    secrecyTerm: k[6],
    noticePlan: k[7],
    requesterKind: reportedRequesterKind(k[8], k[1]),
  };
}
