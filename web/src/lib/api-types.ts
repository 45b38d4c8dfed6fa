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
  /** Staff only: the owner, and the soonest pending clock. */
  assignee?: Named | null;
  nextDeadline?: NextDeadline | null;
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
export type StaffDemand = Demand & { decision?: Decision | null; timeline?: TimelineEvent[] } & CaseExtras;

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

/** A person, as the case-handling API names them. */
export interface Named {
  id: string;
  name: string;
}

/** A clock that binds the provider (src/domain/clocks.ts). */
export interface DemandClock {
  kind: string;
  label: string;
  dueAt: string;
  basis: string;
  state: 'running' | 'overdue' | 'met' | 'stopped';
  hours: boolean;
  window?: boolean;
}

export interface NextDeadline {
  kind: string;
  label: string;
  dueAt: string;
  hours: boolean;
}

/** What the staff view adds to a demand (GET /api/v1/demands/:ref as staff). */
export interface CaseExtras {
  assignee?: Named | null;
  clocks?: DemandClock[];
  nextDeadline?: NextDeadline | null;
  decisionHistory?: {
    at: string;
    trigger: string;
    changed: string[];
    recommendation: string;
    packVersions: Record<string, string> | string[];
  }[];
  notice?: { state: string; label: string; heldUntil: string | null };
  actions?: {
    action: string;
    label: string;
    allowed: boolean;
    advisedAgainst: string | null;
    requiresReason: boolean;
    why: string | null;
  }[];
  nextStep?: { label: string; action: string | null };
}

export interface StaffMember extends Named {
  email: string;
  roles: string[];
}

export interface DemandNote {
  id: string;
  at: string;
  author: Named;
  text: string;
}

export interface DemandRead {
  at: string;
  actor: { kind: string; id: string; name: string };
  what: string;
}

export interface SavedView {
  id: string;
  name: string;
  query: string;
}

export interface SecrecyOrderRow {
  reference: string;
  basis: string;
  endsAt: string | null;
  state: 'in_force' | 'lapsed';
  challenge: { state: string; filedAt: string | null; draftDocumentId: string | null } | null;
  holdsBack: string;
}
