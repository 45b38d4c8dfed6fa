/**
 * What the policy engine reads (PolicyInput) and what it returns (Decision). Both are plain,
 * JSON-serialisable objects: a decision can be stored next to the demand and re-read years later.
 */
import type {
  AgencyKind,
  CustomerKind,
  DataCategory,
  Instrument,
  RequesterVerification,
} from '../domain/vocabulary.ts';
import type {
  DeadlineKind,
  EmailDomainClass,
  EnforcingStateAnswer,
  EuInabilityGround,
  FlagCode,
  JudicialRole,
  NoticeMode,
  RequesterKind,
  Route,
} from './codes.ts';

/** Who issued the instrument. */
export interface IssuingAuthority {
  /** Court when the demand names the court that issued it; else the kind of the agency serving it. */
  kind: AgencyKind;
  /** For EU orders: which judicial authority issued it (Art. 4 of Regulation (EU) 2023/1543); else null. */
  judicialRole: JudicialRole | null;
  /** For EU orders issued by an "other competent authority": who validated it; null when not validated. */
  validatedBy: JudicialRole | null;
}

/** One account or tenant the demand names, with what the provider knows about its customer. */
export interface PolicyTarget {
  customerKind: CustomerKind;
  /** True when the target is the whole tenant (a domain, or "all users"), not one account. */
  wholeTenant: boolean;
  /** ISO 3166-1 country where the customer resides, when known. */
  residenceCountry: string | null;
  /** Whether the customer is a United States person (18 U.S.C. 2523); null when unknown. */
  usPerson: boolean | null;
  /** ISO 3166-1 country where the data is stored, when known. */
  storageCountry: string | null;
  /**
   * ISO 3166-1 country where the person is located, as the order states or the provider knows;
   * null or absent when unknown (the US-UK Agreement, Art. 4(3), excludes persons located in the US).
   */
  locatedIn?: string | null;
}

/** The requester and what has been done to confirm they act for the agency they name. */
export interface RequesterFacts {
  verification: RequesterVerification;
  emailDomainClass: EmailDomainClass;
  /** Confirmed by calling a number taken from the agency directory (never from the request). */
  callbackConfirmed: boolean;
}

/** A non-disclosure order that came with the demand. */
export interface PolicySecrecyOrder {
  legalBasis: string;
  issuedAt: string;
  /** Null when the order states no end. */
  expiresAt: string | null;
  individualizedFindings: boolean;
  /**
   * The order finds that telling the enterprise customer itself (its officers) would put the
   * investigation at risk. Absent means false: nothing shows the enterprise could not be asked.
   */
  enterpriseNoticeRisk?: boolean;
}

/** The offence the demand concerns. */
export interface OffenceFacts {
  description: string;
  /** Maximum custodial sentence in years under the issuing state's law; null when not given. */
  maxSentenceYears: number | null;
  /** One of the offences Art. 5(4)(b)-(c) of Regulation (EU) 2023/1543 lists regardless of sentence. */
  listedOffence: boolean;
}

/** Facts that only matter for EU orders (Regulation (EU) 2023/1543, Arts. 8 and 12). */
export interface EuFacts {
  offenceCommittedInIssuingState: boolean;
  personResidesInIssuingState: boolean;
  enforcingStateAnswer: EnforcingStateAnswer;
  /** The issuing authority asked the provider not to inform the controller (Art. 5(6)); absent means false. */
  controllerNotToBeInformed?: boolean;
  /** Why the provider cannot execute the order as it stands (answered on the Annex III form); absent means none. */
  inability?: EuInabilityGround;
}

/** Everything the engine needs to know about one demand, as of one moment. */
export interface PolicyInput {
  /** The evaluation clock (ISO 8601). The engine never reads the system clock. */
  now: string;
  receivedAt: string;
  instrument: Instrument;
  /** ISO 3166-1 country of the issuing authority. */
  jurisdiction: string;
  /** ISO 3166-2 subdivision for state-level process (e.g. "US-CA"), else null. */
  jurisdictionSubdivision: string | null;
  issuingAuthority: IssuingAuthority;
  issuedAt: string | null;
  signed: boolean;
  issuingCourt: string | null;
  dataCategories: DataCategory[];
  /** `from`/`to` null means unbounded on that side. */
  dateRange: { from: string | null; to: string | null };
  /** EU: the data is requested for the sole purpose of identifying the user (Art. 3(10)). */
  identificationOnly: boolean;
  targets: PolicyTarget[];
  /** The danger the requester claims, or null when no emergency is claimed. */
  emergency: { description: string } | null;
  requester: RequesterFacts;
  secrecyOrder: PolicySecrecyOrder | null;
  offence: OffenceFacts | null;
  eu: EuFacts | null;
  /** How many times the requester has asked to extend a preservation already. */
  preservationRenewals: number;
  /** A compliance date the instrument itself states (a UK overseas production order does), else null. */
  statedDeadline: string | null;
  /** True when the search was already run and found nothing. */
  noDataFound: boolean;
  /**
   * Who makes the demand, from the agency directory's kind (a civil litigant is a private party).
   * Absent: private when the issuing authority is a civil litigant, else government.
   */
  requesterKind?: RequesterKind;
  /**
   * A national security letter: whether it carries the FBI's certification under 18 U.S.C.
   * 2709(c)(1) that non-disclosure is needed. Null or absent when not stated.
   */
  nondisclosureCertified?: boolean | null;
  /** A national security letter: the non-content records asked for are toll billing records only. */
  tollBillingRecordsOnly?: boolean;
  /**
   * A preservation renewal: when the first request of the preservation it extends was received
   * (the extension runs from the end of that period). Null or absent for a first request.
   */
  preservationStartedAt?: string | null;
  /**
   * IANA time zone of the issuing court, from the directory (e.g. "America/Los_Angeles"); days of
   * execution periods are counted in it. Null or absent: UTC.
   */
  issuingTimeZone?: string | null;
}

/** Every conclusion names the rule that produced it. */
export interface Grounded {
  reason: string;
  citation: string;
  ruleId: string;
}

/** Whether the instrument reaches one requested category of data. */
export interface CategoryVerdict extends Grounded {
  category: DataCategory;
  sufficient: boolean;
}

export interface RouteVerdict extends Grounded {
  route: Route;
}

export interface NoticeVerdict extends Grounded {
  mode: NoticeMode;
  /** For `delayed`: when notice may be given; null when the hold has no end date. */
  until: string | null;
}

export interface FlagVerdict extends Grounded {
  code: FlagCode;
}

export interface DeadlineVerdict extends Grounded {
  kind: DeadlineKind;
  at: string;
}

export interface PreservationVerdict extends Grounded {
  until: string;
  /** Extensions counted towards `until` (renewals beyond the maximum are not counted). */
  extensionsGranted: number;
}

/** One line of the explanation, in words a lawyer can check against the cited provision. */
export interface ExplanationLine {
  ruleId: string;
  packId: string;
  citation: string;
  text: string;
}

/** The pack (and exact version) a decision relied on. */
export interface PackUse {
  id: string;
  version: string;
  /** SHA-256 of the pack's canonical JSON: proves which text was applied. */
  digest: string;
}

/** The engine's recommendation. A person makes the final call. */
export interface Decision {
  kind: 'recommendation';
  evaluatedAt: string;
  /** Who made the demand: `private` marks a private request (18 U.S.C. 2702), never a government demand. */
  requesterKind: RequesterKind;
  packs: PackUse[];
  categories: CategoryVerdict[];
  route: RouteVerdict;
  notice: NoticeVerdict;
  flags: FlagVerdict[];
  deadlines: DeadlineVerdict[];
  /** The earliest deadline the law fixes for producing the data, or null when none is fixed. */
  responseDeadline: DeadlineVerdict | null;
  /** Until when the data must be kept, for preservation demands (same as `preservation.until`). */
  preservationUntil: string | null;
  preservation: PreservationVerdict | null;
  /** Ids of every rule whose conditions held, in evaluation order. */
  firedRules: string[];
  explanation: ExplanationLine[];
}
