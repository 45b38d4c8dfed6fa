/**
 * The JSON shapes the pages read, as the API sends them. Domain types come from src/domain (pure
 * types shared with the server); what differs per audience is spelled out here.
 */
import type { Demand } from '../../../src/domain/demand.ts';
import type { MatterState } from '../../../src/domain/matter-state.ts';
import type { Principal } from '../../../src/domain/principal.ts';
import type { DataCategory, Instrument } from '../../../src/domain/vocabulary.ts';
import type { Decision } from '../../../src/policy/types.ts';

export type Me = Principal;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A row of GET /api/v1/demands. */
export interface DemandRow {
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
  dataCategories: DataCategory[];
  /** Staff only. */
  requesterVerification?: string;
  /** Staff only: the policy engine's flag codes. */
  flags?: string[];
}

export interface TimelineEvent {
  id: string;
  type: string;
  at: string;
  actor: { kind: string; id: string; name: string };
  /** Plain words: what happened, and its details. */
  summary: string;
  details: { label: string; value: string }[];
  [detail: string]: unknown;
}

/** What staff see of a demand. */
export type StaffDemand = Demand & { decision?: Decision | null; timeline?: TimelineEvent[] };

/** What an agency officer or a customer admin sees: the demand itself, not the provider's assessment. */
export type SharedDemand = Pick<
  Demand,
  | 'id'
  | 'reference'
  | 'receivedAt'
  | 'jurisdiction'
  | 'instrument'
  | 'issuedAt'
  | 'issuingCourt'
  | 'caseNumber'
  | 'dataCategories'
  | 'dateRange'
  | 'responseDeadline'
  | 'state'
  | 'disposition'
  | 'agencyId'
> & {
  targets: { kind: string; value: string }[];
  documents?: Demand['documents'];
  noticeState?: Demand['noticeState'];
};

export interface AgencyInfo {
  id: string;
  name: string;
  country: string;
  subdivision: string | null;
  kind: string;
  verifiedDomains: string[];
}

export interface CustomerInfo {
  id: string;
  kind: 'enterprise' | 'consumer';
  name: string;
  country: string;
}

export interface Workload {
  asOf: string;
  receivedPerWeek: { weekStart: string; count: number }[];
  openByState: Record<string, number>;
  deadlines: { overdue: number; within24h: number; within72h: number };
  atRisk: {
    reference: string;
    responseDeadline: string;
    state: MatterState;
    instrument: Instrument;
    agencyName: string;
  }[];
}
