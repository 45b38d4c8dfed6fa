/**
 * DATA CONTRACT: which payload fields of each event type a public ledger leaf shows in clear. Only
 * what a transparency report needs is listed (instrument, jurisdiction, disposition, states,
 * counts, dates, closed vocabularies); everything else (ids of demands, customers, agencies,
 * documents and people, free-text notes and reasons, policy flags that describe a customer, and
 * operational detail such as deliveries, reminders and sign-ins) is replaced in the leaf by a
 * salted commitment. The default is to publish nothing: an event type without a row here, or a
 * field not listed, is committed, never shown; an empty row records that this was decided.
 *
 * Leaves already in the log were written with the rows as they were: changing a row changes how
 * later events are projected and makes earlier leaves fail to recompute. So a row, once released,
 * is never edited; a new projection is a new leaf version (LEAF_VERSION in leaf.ts).
 */
import type { EventType, WritEvent } from '../domain/events.ts';
import { NATIONAL_SECURITY_INSTRUMENTS } from '../domain/vocabulary.ts';

type PayloadFields<K extends EventType> = Exclude<keyof Extract<WritEvent, { type: K }>, 'type'>;

/** Public payload fields per event type (typed, so a misspelt or removed field does not compile). */
export const PUBLIC_FIELDS: { readonly [K in EventType]?: readonly PayloadFields<K>[] } = {
  'demand.received': [
    'instrument',
    'jurisdiction',
    'channel',
    'dataCategories',
    'targetCount',
    'emergency',
    'secrecyOrder',
    // Added for transparency reports before the log's first release (see docs/REPORTS.md).
    'receivedOn',
    'enterpriseTargets',
    'extraterritorial',
    'secrecyTerm',
    'noticePlan',
  ],
  'demand.decision_recorded': ['route', 'packs'],
  'demand.verification_requested': [],
  'demand.callback_recorded': [],
  'demand.review_started': ['requesterConfirmed'],
  'demand.rejected': ['from'],
  'demand.redirected': [],
  'demand.accepted': [],
  'demand.reopened': [],
  'demand.approval_recorded': ['approvalsSoFar'],
  'demand.approved': [],
  'demand.produced': [],
  'demand.closed': [
    'from',
    'disposition',
    'receivedOn',
    'instrument',
    'jurisdiction',
    'dataCategories',
    'emergency',
    'enterpriseTargets',
    'accountsAffected',
  ],
  'notice.queued': [],
  'notice.held': ['until'],
  'notice.release_moved': ['from', 'to'],
  'notice.released': [],
  'notice.sent': ['recipients', 'channels'],
  'notice.waived': [],
  'challenge.changed': ['from', 'to', 'receivedOn'],
  'preservation.started': ['until'],
  'preservation.extended': ['until'],
  'preservation.released': [],
  'redirect.letter_sent': [],
  'redirect.agency_answered': ['answer'],
  'redirect.customer_answered': ['answer'],
  'challenge.draft_created': [],
  'deadline.reminder_sent': [],
  'preservation.reminder_sent': [],
  'delivery.failed': [],
  'customer.created': ['kind'],
  'agency.created': ['country', 'kind'],
  'webhook.endpoint_disabled': [],
  'disclosure.package_prepared': ['files'],
  'disclosure.link_issued': [],
  'disclosure.downloaded': [],
  'disclosure.follow_up_required': [],
  'disclosure.follow_up_received': [],
  'principal.enrolled': [],
  'session.started': [],
  'session.refused': [],
  'session.ended': [],
  'principal.roles_changed': [],
  'passkey.registered': [],
  'passkey.used': [],
  'passkey.removed': [],
  'demand.viewed': [],
  // Case handling: ids and reasons stay committed; a note's text is never in any event at all.
  'demand.assigned': [],
  'demand.note_added': [],
  'demand.reweighed': [],
  'demand.targets_corrected': [],
  'demand.document_added': [],
  'demand.advice_overridden': [],
  // A question to the agency and its answer are correspondence: committed, never shown.
  'agency.clarification_requested': [],
  'agency.clarification_mailed': [],
  'demand.notes_read': [],
  'demand.reads_listed': [],
  'demands.listed': [],
  'outbound_mail.listed': [],
  'outbound_mail.viewed': [],
  'ledger.padding': [],
  'report.national_security_banded': [],
  'demand.evaluated': [],
  'document.read': [],
  'mail.received': [],
  'mail.draft_viewed': [],
  'mail.draft_confirmed': [],
  'mail.draft_discarded': [],
};

/**
 * Leaf format 2 (leaf-v2.ts): the report record of each event type a transparency report counts,
 * and nothing else. Every other event, and every event of a sealed demand, has no record (`r` is
 * null), so its leaf looks like every other leaf without a record.
 *
 * Records of leaves already in the log are fixed. A record holds only the listed fields its event
 * carries, so a field may be added to a row only when no event written before carries it (a new
 * payload field): every earlier leaf then recomputes as written, and every reader reads a record
 * without the field by one stated rule (docs/LEDGER.md, "Fields added to records"). Anything else
 * (a new type here, a field earlier events already carry) is a new leaf format.
 */
export const RECORD_FIELDS: { readonly [K in EventType]?: readonly PayloadFields<K>[] } = {
  'demand.received': [
    'instrument',
    'jurisdiction',
    'dataCategories',
    'targetCount',
    'emergency',
    'receivedOn',
    'enterpriseTargets',
    'extraterritorial',
    'secrecyTerm',
    'noticePlan',
    // Added after release: absent, reportedRequesterKind's rule applies (a civil subpoena is private).
    'requesterKind',
  ],
  // A closing's format-1 public fields but the state it left; and, added after release as for
  // demand.received, who made the demand.
  'demand.closed': [...(PUBLIC_FIELDS['demand.closed'] ?? []).filter((f) => f !== 'from'), 'requesterKind'],
  'challenge.changed': ['from', 'to', 'receivedOn'],
  'agency.created': ['country', 'kind'],
  // receivedOn and the customers told by kind added after release: a notice.sent record without
  // them was written before, and no report counts it (nor does the database's side).
  'notice.sent': ['recipients', 'channels', 'receivedOn', 'enterpriseCustomers', 'consumerCustomers'],
  'report.national_security_banded': ['period', 'nationalSecurityLetters', 'fisaContent', 'fisaNonContent'],
};

/** The report-record fields of an event type in leaf format 2; undefined when it has no record. */
export function recordFieldsOf(type: string): readonly string[] | undefined {
  return (RECORD_FIELDS as Readonly<Record<string, readonly string[] | undefined>>)[type];
}

/** The public fields of an event type; none for a type this table does not know. */
export function publicFieldsOf(type: string): readonly string[] {
  return (PUBLIC_FIELDS as Readonly<Record<string, readonly string[] | undefined>>)[type] ?? [];
}

/**
 * True when the events of a demand made under this instrument must be sealed: national-security
 * process may only be reported in bands (50 U.S.C. 1874), so its leaves show neither the event
 * type nor any field, only that an event happened at a time.
 */
export function isSealedInstrument(instrument: string | null | undefined): boolean {
  return instrument != null && (NATIONAL_SECURITY_INSTRUMENTS as ReadonlySet<string>).has(instrument);
}
