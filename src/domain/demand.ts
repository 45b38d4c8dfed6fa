/**
 * A government demand for customer data, as Writ keeps it. Pure data: the store maps rows to
 * these shapes, the API presents them, the policy engine reads them.
 */
import type {
  Channel,
  DataCategory,
  Disposition,
  IdentifierKind,
  Instrument,
  RequesterVerification,
} from './vocabulary.ts';
import type { ChallengeState, MatterState, NoticeState, PreservationState } from './matter-state.ts';

/** One identifier a demand names, and what Writ resolved it to. */
export interface Target {
  kind: IdentifierKind;
  value: string;
  /** The account the identifier belongs to (a domain target names the whole tenant: no single account). */
  accountId: string | null;
  customerId: string;
}

/** A non-disclosure (secrecy) order that comes with a demand. */
export interface SecrecyOrder {
  /** The provision the order rests on, e.g. "18 U.S.C. 2705(b)". */
  legalBasis: string;
  issuedAt: string;
  /** When the order lapses; null when it states no end (indefinite). */
  expiresAt: string | null;
  /** Whether the court made findings specific to this case (DOJ policy of 19 Oct 2017, point 1). */
  individualizedFindings: boolean;
  /**
   * Whether the order finds that telling the enterprise customer itself (its officers) would put
   * the investigation at risk; absent means no such finding.
   */
  enterpriseNoticeRisk?: boolean;
}

/** The emergency a requester claims, for voluntary disclosure without process. */
export interface EmergencyClaim {
  /** The danger of death or serious physical injury, in the requester's words. */
  description: string;
}

/** A document filed with a demand; the bytes live in the document store under their SHA-256. */
export interface DemandDocument {
  id: string;
  filename: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  /** The provider's own working paper (a draft challenge): shown to staff only. */
  internal?: boolean;
  /** Made by the provider (a letter, a form, a draft), not part of the legal process served. */
  madeByProvider?: boolean;
}

/** The date range of the data asked for; `to` null means "up to now" (unbounded). */
export interface DateRange {
  from: string | null;
  to: string | null;
}

/** A demand as stored, with its current position on every track. */
export interface Demand {
  id: string;
  /** Human reference used in letters and on the phone, e.g. "WR-2026-000123". */
  reference: string;
  receivedAt: string;
  channel: Channel;
  agencyId: string;
  requesterId: string | null;
  requesterVerification: RequesterVerification;
  /** ISO 3166-1 country whose law the demand is made under. */
  jurisdiction: string;
  /** ISO 3166-2 subdivision for state-level process (e.g. a California warrant), else null. */
  jurisdictionSubdivision: string | null;
  instrument: Instrument;
  issuedAt: string | null;
  issuingCourt: string | null;
  caseNumber: string | null;
  signed: boolean;
  targets: Target[];
  dataCategories: DataCategory[];
  dateRange: DateRange;
  emergency: EmergencyClaim | null;
  secrecyOrder: SecrecyOrder | null;
  /** Offence the demand is about, with its maximum custodial sentence where given (EU e-Evidence Art. 5). */
  offence: { description: string; maxSentenceYears: number | null } | null;
  documents: DemandDocument[];
  responseDeadline: string | null;
  state: MatterState;
  noticeState: NoticeState;
  noticeHeldUntil: string | null;
  challengeState: ChallengeState;
  preservationState: PreservationState;
  preservedUntil: string | null;
  disposition: Disposition | null;
  createdAt: string;
  updatedAt: string;
}
