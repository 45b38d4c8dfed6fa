/**
 * The one input every report figure is computed from: rows that each count some demands sharing the
 * same reporting dimensions. The database produces them with one GROUP BY (report-repository.ts);
 * the ledger check produces them from public leaves, one row per leaf (rows-from-leaves.ts). The
 * same aggregation then runs over either, so a report and its recomputation agree exactly when the
 * underlying facts do.
 *
 * National-security process never appears in these rows: it is counted apart, in bands only.
 */
import type { ChallengeState } from '../domain/matter-state.ts';
import type { NoticePlan, SecrecyTerm } from '../domain/report-facts.ts';
import type { DataCategory, Disposition, Instrument, RequesterKind } from '../domain/vocabulary.ts';

/** Dimensions shared by received and closed rows. */
interface Dimensions {
  jurisdiction: string;
  instrument: Instrument;
  dataCategories: readonly DataCategory[];
  emergency: boolean;
  /** At least one target belongs to an enterprise customer. */
  enterprise: boolean;
  /** A government authority's demand, or a private party's request (reported apart). */
  requesterKind: RequesterKind;
}

/** Demands received in the period. */
export interface ReceivedRow extends Dimensions {
  kind: 'received';
  extraterritorial: boolean;
  secrecyTerm: SecrecyTerm | null;
  noticePlan: NoticePlan;
  demands: number;
  /** Targets named (Google's "users/accounts specified"). */
  accountsSpecified: number;
  /** Of those, targets that belong to enterprise customers. */
  enterpriseAccounts: number;
  /** Demands naming an account of a consumer (the base of the notices sent to consumers). */
  consumerDemands: number;
}

/** Demands received in the period that have closed, by disposition. */
export interface ClosedRow extends Dimensions {
  kind: 'closed';
  disposition: Disposition;
  demands: number;
  /** Accounts for which data was disclosed. */
  accountsAffected: number;
}

/**
 * Demands received in the period by the state of their secrecy-order challenge. The ledger yields
 * one +1 row per transition into a state and one −1 row per transition out of it; summed per
 * state, that is the number of demands now in it, without linking any two leaves.
 */
export interface ChallengeRow {
  kind: 'challenge';
  state: ChallengeState;
  demands: number;
}

/**
 * Customer notices actually sent, of demands received in the period (all requesters): how many,
 * how many told an enterprise customer and how many a consumer, and the customers told. The
 * ledger yields one row per `notice.sent` leaf; it carries no other dimension, so a notice cannot
 * be matched to its demand's leaves by them.
 */
export interface NoticeRow {
  kind: 'notice';
  demands: number;
  toEnterprise: number;
  toConsumers: number;
  enterpriseCustomers: number;
  consumerCustomers: number;
}

export type FactRow = ReceivedRow | ClosedRow | ChallengeRow | NoticeRow;

/** Received and disclosing demands of one half-year, for the trend chart. */
export interface TrendPoint {
  period: string;
  received: number;
  /** Demands received in that half-year that ended with some data disclosed. */
  disclosed: number;
}

/** The dimensions of a row as one string: rows with the same key count the same kind of demand. */
export function rowKey(r: FactRow): string {
  switch (r.kind) {
    case 'received':
      return JSON.stringify([
        r.kind,
        r.jurisdiction,
        r.instrument,
        r.dataCategories,
        r.emergency,
        r.enterprise,
        r.requesterKind,
        r.extraterritorial,
        r.secrecyTerm,
        r.noticePlan,
      ]);
    case 'closed':
      return JSON.stringify([
        r.kind,
        r.jurisdiction,
        r.instrument,
        r.dataCategories,
        r.emergency,
        r.enterprise,
        r.requesterKind,
        r.disposition,
      ]);
    case 'challenge':
      return JSON.stringify([r.kind, r.state]);
    case 'notice':
      return JSON.stringify([r.kind]);
  }
}
