/**
 * DATA CONTRACT: every event Writ records, as a discriminated union on `type`. Events are
 * append-only rows and (through the ledger) leaves of a public Merkle log: a payload field, once
 * written, is never changed or removed; a new shape is a new type. A field may only be added where
 * every reader reads the events written without it by one stated rule (`requesterKind`, by
 * reportedRequesterKind; the report facts of `notice.sent`). Payloads carry ids and facts, not
 * personal data: target identifiers stay in their own tables.
 */
import type { ChallengeState, MatterState } from './matter-state.ts';
import type { NoticePlan, SecrecyTerm } from './report-facts.ts';
import type { Channel, DataCategory, Disposition, Instrument, RequesterKind } from './vocabulary.ts';

export type DemandEvent =
  /**
   * Intake stored a new demand. The last six fields are what a transparency report counts and are
   * public in the ledger: the UTC date it was received, how many targets belong to enterprise
   * customers, whether any named account keeps its data outside the requesting country, the term
   * of its secrecy order, the policy's notice plan and whether a government or a private party
   * made it.
   */
  | {
      type: 'demand.received';
      instrument: Instrument;
      jurisdiction: string;
      channel: Channel;
      agencyId: string;
      dataCategories: DataCategory[];
      targetCount: number;
      customerIds: string[];
      emergency: boolean;
      secrecyOrder: boolean;
      receivedOn: string;
      enterpriseTargets: number;
      extraterritorial: boolean;
      secrecyTerm: SecrecyTerm | null;
      noticePlan: NoticePlan;
      /** A government authority's demand or a private party's request (absent from events written before it was recorded). */
      requesterKind: RequesterKind;
    }
  /** The policy engine's recommendation was stored with the demand. */
  | { type: 'demand.decision_recorded'; route: string; flags: string[]; packs: string[] }
  /** Triage: the requester must be confirmed before review. */
  | { type: 'demand.verification_requested'; reason: string }
  /** A reviewer called the agency back on the directory's number (never one from the request). */
  | { type: 'demand.callback_recorded'; reviewer: string; phone: string; note: string }
  /** Triage or verification done: counsel reviews the demand. */
  | { type: 'demand.review_started'; requesterConfirmed: boolean; callbackNote: string | null }
  | { type: 'demand.rejected'; from: MatterState; reason: string }
  | { type: 'demand.redirected'; note: string | null }
  | { type: 'demand.accepted'; note: string | null }
  | { type: 'demand.reopened'; reason: string }
  /** One of the two approvals a disclosure needs. */
  | { type: 'demand.approval_recorded'; approver: string; approvalsSoFar: number }
  | { type: 'demand.approved'; approvers: string[] }
  | { type: 'demand.produced'; note: string | null }
  /** Compelled disclosure: the package, the link to it, its collection. */
  | { type: 'disclosure.package_prepared'; packageId: string; files: number; filesSha256: string }
  | { type: 'disclosure.link_issued'; packageId: string; expiresAt: string }
  | { type: 'disclosure.downloaded'; packageId: string }
  /** An emergency disclosure must be followed by legal process; the deadline and its arrival. */
  | { type: 'disclosure.follow_up_required'; due: string }
  | { type: 'disclosure.follow_up_received'; process: string; note: string | null }
  /**
   * The demand closed with the one disposition it is reported under. It repeats the demand's
   * reporting dimensions (and its received date), so a report can count outcomes from public
   * leaves without linking this leaf to the demand's others.
   */
  | {
      type: 'demand.closed';
      from: MatterState;
      disposition: Disposition;
      note: string | null;
      receivedOn: string;
      instrument: Instrument;
      jurisdiction: string;
      dataCategories: DataCategory[];
      emergency: boolean;
      enterpriseTargets: number;
      accountsAffected: number;
      requesterKind: RequesterKind;
    }
  /** Customer-notice track. */
  | { type: 'notice.queued'; customerIds: string[] }
  | { type: 'notice.held'; until: string | null; legalBasis: string }
  | { type: 'notice.release_moved'; from: string | null; to: string | null; reason: string }
  | { type: 'notice.released'; reason: string }
  /**
   * The notice reached every designated contact. What a report counts of it (absent from events
   * written before it was recorded, which no report counts): the day the demand was received, and
   * how many enterprise customers and consumers were told.
   */
  | {
      type: 'notice.sent';
      recipients: number;
      channels: string[];
      receivedOn: string;
      enterpriseCustomers: number;
      consumerCustomers: number;
    }
  | { type: 'notice.waived'; reason: string }
  /** A later step (its event `eventId`) told to the customers as a follow-up notice. */
  | {
      type: 'notice.follow_up_sent';
      followUp: string;
      eventId: string;
      recipients: number;
      channels: string[];
    }
  /** Secrecy-order challenge track; `receivedOn` (the demand's UTC received date) places it in a report period. */
  | {
      type: 'challenge.changed';
      from: ChallengeState;
      to: ChallengeState;
      grounds: string[];
      note: string | null;
      receivedOn: string;
    }
  /** Preservation track. */
  | { type: 'preservation.started'; until: string }
  | { type: 'preservation.extended'; until: string }
  | { type: 'preservation.released'; note: string | null }
  /** Delivery (outbox worker): the redirect letter went out, its PDF copy kept as a document. */
  | {
      type: 'redirect.letter_sent';
      requesterId: string;
      documentId: string;
      sha256: string;
      legalContactShared: boolean;
      messageId: string;
    }
  /** The agency's answer to a redirect, and each customer's. */
  | {
      type: 'redirect.agency_answered';
      answer: 'withdrawn' | 'will_go_to_customer' | 'insists_with_process';
      note: string | null;
    }
  | {
      type: 'redirect.customer_answered';
      customerId: string;
      answer: 'will_answer_agency' | 'objects' | 'asks_provider_to_produce';
      note: string | null;
    }
  /** An officer wrote to the legal team: an answer to a request for clarification, or a withdrawal. */
  | { type: 'agency.message_received'; kind: 'clarification' | 'withdrawal'; text: string }
  /** Staff asked the agency to clarify its demand (by e-mail to the requester and in the agency portal). */
  | { type: 'agency.clarification_requested'; text: string; answerBy: string | null }
  /** The request for clarification left by e-mail (recorded with its delivery receipt). */
  | { type: 'agency.clarification_mailed'; messageId: string }
  /** A draft application to set aside or narrow the secrecy order, kept as an editable text document. */
  | { type: 'challenge.draft_created'; documentId: string; sha256: string; grounds: string[] }
  /** Staff were reminded of a coming response deadline, or of a preservation about to end. */
  | { type: 'deadline.reminder_sent'; deadline: string; leadHours: number }
  | { type: 'preservation.reminder_sent'; until: string; daysBefore: number }
  /** A message or timer kept failing and was given up: staff were alerted. */
  | { type: 'delivery.failed'; jobId: string; kind: string; attempts: number; error: string }
  /** Case handling: the demand's owner changed (principal ids; null: nobody). */
  | { type: 'demand.assigned'; from: string | null; to: string | null }
  /** An internal note was added: its id only, never its text (the note stays in its own table). */
  | { type: 'demand.note_added'; noteId: string }
  /** The engine weighed the demand again after a fact changed (the decision is kept in decision_history). */
  | { type: 'demand.reweighed'; trigger: string; route: string; previousRoute: string | null; packs: string[] }
  /** Counsel corrected the demand's targets (the identifiers stay in their own table). */
  | { type: 'demand.targets_corrected'; targetCount: number }
  /** A document was added to the demand after intake. */
  | { type: 'demand.document_added'; documentId: string; sha256: string }
  /** Counsel took an action the decision advises against, with a written reason. */
  | { type: 'demand.advice_overridden'; action: string; reason: string };

/** Sign-in and enrolment: who got in, who was refused (no passwords, no codes). */
export type IdentityEvent =
  | { type: 'principal.enrolled'; principalId: string; kind: string }
  /** `method`: how the person got in; absent for password and TOTP code. */
  | { type: 'session.started'; principalId: string; method?: SignInMethod }
  | {
      type: 'session.refused';
      principalId: string | null;
      reason: 'unknown' | 'password' | 'second_factor' | 'locked' | 'disabled' | SingleSignOnRefusal | 'passkey';
    }
  | { type: 'session.ended'; principalId: string }
  /** Single sign-on set a staff member's roles from the provider's claims (added and removed alike). */
  | {
      type: 'principal.roles_changed';
      principalId: string;
      roles: string[];
      previous: string[];
      source: 'single_sign_on';
    }
  /** A passkey (WebAuthn credential) as second factor: registered, used to sign in, removed. */
  | { type: 'passkey.registered'; principalId: string; passkeyId: string }
  | { type: 'passkey.used'; principalId: string; passkeyId: string }
  | { type: 'passkey.removed'; principalId: string; passkeyId: string };

export type SignInMethod = 'password' | 'passkey' | 'single_sign_on';

/**
 * Why a single sign-on was refused: its state unknown, used, expired or not this browser's; the
 * provider's answer or tokens failed a check (issuer, audience, signature, nonce, PKCE); the e-mail
 * is missing or unverified; the claims grant no staff role; the e-mail belongs to someone who is not
 * staff or is tied to another subject.
 */
export type SingleSignOnRefusal = 'sso_state' | 'sso_token' | 'sso_email' | 'sso_no_role' | 'sso_not_staff';

/** Reads of case data: every look at a demand is on the record. */
export type AccessEvent =
  | { type: 'demand.viewed'; viewer: string }
  | { type: 'demands.listed'; viewer: string; count: number }
  /** Case handling: a demand's internal notes, or the list of its reads, were read. */
  | { type: 'demand.notes_read'; viewer: string }
  | { type: 'demand.reads_listed'; viewer: string }
  /**
   * The demo's local mailbox read by staff: its list, or one message (`attachment`: the index of the
   * attachment downloaded, null for the message itself). Notices and letters hold case data.
   */
  | { type: 'outbound_mail.listed'; viewer: string; count: number }
  | { type: 'outbound_mail.viewed'; viewer: string; mailId: string; attachment: number | null }
  /** A dry-run evaluation (POST /api/v1/evaluate): it reads the directory about the targets. */
  | { type: 'demand.evaluated'; viewer: string; targetCount: number }
  /**
   * A document read to pre-fill a demand (POST /api/v1/documents/read): nothing of it is kept but
   * this record, its hash (the demand filed with it holds the same one) and whether its
   * identifiers were looked up among customer accounts (never for an agency officer).
   */
  | {
      type: 'document.read';
      viewer: string;
      sha256: string;
      bytes: number;
      /** Null: the document could not be read. */
      pageCount: number | null;
      accountsLookedUp: boolean;
    };

export type DirectoryEvent =
  | { type: 'customer.created'; customerId: string; kind: string }
  | { type: 'agency.created'; agencyId: string; country: string; kind: string }
  /** A customer's webhook endpoint kept failing and was switched off; its admins were told. */
  | { type: 'webhook.endpoint_disabled'; customerId: string; endpointId: string; failures: number };

/**
 * A customer admin managing its webhook endpoints. Not about a demand, so these are recorded with
 * no demand (like the directory's and sign-ins' events), carrying the customer's id so the tenant
 * can ask the ledger for their proofs. `webhook.endpoint_disabled` above is Writ switching an
 * endpoint off; `webhook.endpoint_paused` is a person doing so. Secrets are never in an event.
 */
export type WebhookEvent =
  | { type: 'webhook.endpoint_registered'; customerId: string; endpointId: string; url: string }
  | { type: 'webhook.endpoint_secret_rotated'; customerId: string; endpointId: string }
  | {
      type: 'webhook.endpoint_event_types_chosen';
      customerId: string;
      endpointId: string;
      eventTypes: string[] | null;
    }
  | { type: 'webhook.endpoint_paused'; customerId: string; endpointId: string }
  | { type: 'webhook.endpoint_enabled'; customerId: string; endpointId: string }
  | { type: 'webhook.endpoint_removed'; customerId: string; endpointId: string }
  /** A signed `ping` was sent from the API; `statusCode` is null when nothing answered. */
  | { type: 'webhook.endpoint_tested'; customerId: string; endpointId: string; ok: boolean; statusCode: number | null };

/**
 * A slot of the public ledger's fixed schedule that no sealed (national-security) event filled: it
 * makes every window hold the same number of leaves (docs/LEDGER.md, "Sealed slots").
 */
export type LedgerPaddingEvent = { type: 'ledger.padding' };

/**
 * A half-year's national-security bands, published once 50 U.S.C. § 1874(c) allows (bands only,
 * never counts): what makes a report's national-security section recomputable from the log.
 */
export type BandsPublishedEvent = {
  type: 'report.national_security_banded';
  period: string;
  nationalSecurityLetters: { demands: string; accounts: string };
  fisaContent: { demands: string; accounts: string };
  fisaNonContent: { demands: string; accounts: string };
};

/** Demands by e-mail: a message received, its draft looked at and decided (docs/MAIL-INTAKE.md). */
export type MailEvent =
  | { type: 'mail.received'; draftId: string; via: 'smtp' | 'imap'; sender: string }
  | { type: 'mail.draft_viewed'; draftId: string; viewer: string }
  | { type: 'mail.draft_confirmed'; draftId: string; demandId: string }
  | { type: 'mail.draft_discarded'; draftId: string; reason: string };

export type WritEvent =
  | DemandEvent
  | DirectoryEvent
  | IdentityEvent
  | AccessEvent
  | WebhookEvent
  | LedgerPaddingEvent
  | BandsPublishedEvent
  | MailEvent;
export type EventType = WritEvent['type'];

/** Who did something: a person by id, or Writ itself (timers, workers). */
export interface Actor {
  kind: 'staff' | 'agency' | 'customer' | 'system';
  id: string;
}

export const SYSTEM: Actor = { kind: 'system', id: 'writ' };

/** An event as the events table holds it: its type apart, and the rest as its payload. */
export function eventRow({ type, ...payload }: WritEvent): {
  type: WritEvent['type'];
  payload: Record<string, unknown>;
} {
  return { type, payload };
}

/** The single string stored in `events.actor`, e.g. "staff:ana". */
export function actorLabel(actor: Actor): string {
  return `${actor.kind}:${actor.id}`;
}
