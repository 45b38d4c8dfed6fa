/**
 * A demand's events in plain words, for the staff timeline: a summary line and labelled details,
 * no raw keys, codes or ids. People are named by the caller (`names`: principal id → name), so a
 * reassignment reads "From Dana Reviewer to Sam Counsel".
 */
import { DISPOSITION_LABELS, type Disposition } from '../../domain/vocabulary.ts';
import { flagWords, humanizeCode, routeWords, stateWords } from '../../domain/plain-words.ts';

export interface Detail {
  label: string;
  value: string;
}

type Payload = Record<string, unknown>;
type Names = (principalId: string | null) => string;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const date = (v: unknown): string | null => {
  const s = str(v);
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t)
    ? s
    : new Date(t)
        .toISOString()
        .replace('T', ' ')
        .replace(/:\d\d\.\d{3}Z$/, ' UTC');
};
const disposition = (v: unknown) => DISPOSITION_LABELS[v as Disposition] ?? humanizeCode(String(v));
const list = (v: unknown, words: (s: string) => string = humanizeCode) =>
  Array.isArray(v) && v.length ? v.map((x) => words(String(x))).join(', ') : null;

const TRIGGER_WORDS: Record<string, string> = {
  intake: 'the demand arrived',
  requester_verified: 'the requester was verified',
  secrecy_order_changed: 'the secrecy order changed',
  targets_corrected: 'the targets were corrected',
  document_added: 'a document was added',
  manual: 'a reviewer asked for it',
};
export const triggerWords = (t: string) => TRIGGER_WORDS[t] ?? humanizeCode(t);

const ANSWER_WORDS: Record<string, string> = {
  withdrawn: 'Withdrawn',
  will_go_to_customer: 'Will go to the customer',
  insists_with_process: 'Insists, with legal process',
  will_answer_agency: 'Will answer the agency itself',
  objects: 'Objects',
  asks_provider_to_produce: 'Asks the provider to produce',
};

const ACTION_WORDS: Record<string, string> = {
  redirect: 'Redirect to the customer',
  accept: 'Accept as compelled',
  reject: 'Reject',
  close: 'Close',
  reopen: 'Reopen',
  produce: 'Record production',
  approve: 'Approve disclosure',
};
export const actionWords = (a: string) => ACTION_WORDS[a] ?? humanizeCode(a);

/** [summary, details] of one event. */
export function describeEvent(type: string, p: Payload, names: Names): { summary: string; details: Detail[] } {
  const details: Detail[] = [];
  const add = (label: string, value: string | null) => {
    if (value !== null) details.push({ label, value });
  };
  let summary: string;
  switch (type) {
    case 'demand.received':
      summary = p.emergency ? 'Emergency request received' : 'Demand received';
      add('Data asked for', list(p.dataCategories));
      add('Targets', typeof p.targetCount === 'number' ? String(p.targetCount) : null);
      add('Secrecy order', p.secrecyOrder ? 'Yes' : 'None');
      break;
    case 'demand.decision_recorded':
      summary = 'Policy recommendation recorded';
      add('Recommendation', str(p.route) && routeWords(p.route as string));
      add('Flags', list(p.flags, flagWords));
      break;
    case 'demand.reweighed':
      summary = `Weighed again: ${triggerWords(String(p.trigger))}`;
      add('Recommendation', str(p.route) && routeWords(p.route as string));
      add('Before', str(p.previousRoute) && routeWords(p.previousRoute as string));
      break;
    case 'demand.verification_requested':
      summary = 'Requester verification requested';
      add('Why', str(p.reason));
      break;
    case 'demand.callback_recorded':
      summary = 'Call-back to the agency recorded';
      add('Number called', str(p.phone));
      add('Note', str(p.note));
      break;
    case 'demand.review_started':
      summary = p.requesterConfirmed ? 'Requester confirmed; legal review started' : 'Legal review started';
      add('Call-back note', str(p.callbackNote));
      break;
    case 'demand.rejected':
      summary = 'Rejected';
      add('Reason', str(p.reason));
      break;
    case 'demand.redirected':
      summary = 'Redirected to the customer';
      add('Note', str(p.note));
      break;
    case 'demand.accepted':
      summary = 'Accepted as compelled';
      add('Note', str(p.note));
      break;
    case 'demand.reopened':
      summary = 'Reopened for legal review';
      add('Reason', str(p.reason));
      break;
    case 'demand.approval_recorded':
      summary = `Disclosure approval ${p.approvalsSoFar ?? ''} of 2 recorded`.replace('  ', ' ');
      add('Approver', str(p.approver) && names(p.approver as string));
      break;
    case 'demand.approved':
      summary = 'Disclosure approved by two people';
      add('Approvers', Array.isArray(p.approvers) ? p.approvers.map((a) => names(String(a))).join(', ') : null);
      break;
    case 'demand.produced':
      summary = 'Data produced';
      add('Note', str(p.note));
      break;
    case 'demand.closed':
      summary = `Closed: ${disposition(p.disposition)}`;
      add('Closed from', str(p.from) && stateWords(p.from as string));
      add('Note', str(p.note));
      break;
    case 'demand.assigned':
      summary = p.to
        ? p.from
          ? `Reassigned to ${names(p.to as string)}`
          : `Assigned to ${names(p.to as string)}`
        : 'Unassigned';
      add('From', p.from ? names(p.from as string) : 'Nobody');
      add('To', p.to ? names(p.to as string) : 'Nobody');
      break;
    case 'demand.note_added':
      summary = 'Internal note added';
      break;
    case 'demand.targets_corrected':
      summary = 'Targets corrected';
      add('Targets now', typeof p.targetCount === 'number' ? String(p.targetCount) : null);
      break;
    case 'demand.document_added':
      summary = 'Document added';
      add('SHA-256', str(p.sha256));
      break;
    case 'demand.advice_overridden':
      summary = `${actionWords(String(p.action))}, against the recommendation`;
      add("Counsel's reason", str(p.reason));
      break;
    case 'disclosure.package_prepared':
      summary = 'Disclosure package prepared';
      add('Files', typeof p.files === 'number' ? String(p.files) : null);
      add('SHA-256 of the files', str(p.filesSha256));
      break;
    case 'disclosure.link_issued':
      summary = 'Download link issued to the requesting officer';
      add('Expires', date(p.expiresAt));
      break;
    case 'disclosure.downloaded':
      summary = 'Disclosure package downloaded';
      break;
    case 'disclosure.follow_up_required':
      summary = 'Follow-up legal process required';
      add('Due', date(p.due));
      break;
    case 'disclosure.follow_up_received':
      summary = 'Follow-up legal process received';
      add('Process', str(p.process) && humanizeCode(p.process as string));
      add('Note', str(p.note));
      break;
    case 'notice.queued':
      summary = 'Customer notice queued';
      break;
    case 'notice.held':
      summary = 'Customer notice held';
      add('Until', p.until ? date(p.until) : 'Further order');
      add('Legal basis', str(p.legalBasis));
      break;
    case 'notice.release_moved':
      summary = 'Notice release date moved';
      add('From', p.from ? date(p.from) : 'No date');
      add('To', p.to ? date(p.to) : 'No date');
      add('Reason', str(p.reason));
      break;
    case 'notice.released':
      summary = 'Customer notice released';
      add('Reason', str(p.reason));
      break;
    case 'notice.sent':
      summary = 'Customer notice sent';
      add('Recipients', typeof p.recipients === 'number' ? String(p.recipients) : null);
      add('By', list(p.channels));
      break;
    case 'notice.waived':
      summary = 'Customer notice not required';
      add('Reason', str(p.reason));
      break;
    case 'challenge.changed':
      summary = `Secrecy-order challenge: ${humanizeCode(String(p.from))} → ${humanizeCode(String(p.to))}`;
      add('Grounds', list(p.grounds));
      add('Note', str(p.note));
      break;
    case 'challenge.draft_created':
      summary = 'Draft application against the secrecy order created';
      add('Grounds', list(p.grounds));
      break;
    case 'preservation.started':
      summary = 'Preservation started';
      add('Until', date(p.until));
      break;
    case 'preservation.extended':
      summary = 'Preservation extended';
      add('Until', date(p.until));
      break;
    case 'preservation.released':
      summary = 'Preservation released';
      add('Note', str(p.note));
      break;
    case 'preservation.reminder_sent':
      summary = 'Reminder: preservation ends soon';
      add('Ends', date(p.until));
      break;
    case 'redirect.letter_sent':
      summary = 'Redirect letter sent to the agency';
      add("Customer's legal contact shared", p.legalContactShared ? 'Yes' : 'No');
      break;
    case 'redirect.agency_answered':
      summary = 'The agency answered the redirect';
      add('Answer', ANSWER_WORDS[String(p.answer)] ?? humanizeCode(String(p.answer)));
      add('Note', str(p.note));
      break;
    case 'redirect.customer_answered':
      summary = 'The customer answered the redirect';
      add('Answer', ANSWER_WORDS[String(p.answer)] ?? humanizeCode(String(p.answer)));
      add('Note', str(p.note));
      break;
    case 'agency.clarification_requested':
      summary = 'The agency was asked to clarify the demand';
      add('Question', str(p.text));
      add('Answer by', date(p.answerBy));
      break;
    case 'agency.clarification_mailed':
      summary = 'The question was e-mailed to the requester';
      break;
    case 'agency.message_received':
      summary =
        p.kind === 'withdrawal' ? 'The agency withdrew the demand' : 'The agency answered a request for clarification';
      add('Message', str(p.text));
      break;
    case 'deadline.reminder_sent':
      summary = 'Reminder: a deadline is near';
      add('Deadline', date(p.deadline));
      break;
    case 'delivery.failed':
      summary = `Delivery failed: ${humanizeCode(String(p.kind ?? 'message'))}`;
      add('Attempts', typeof p.attempts === 'number' ? String(p.attempts) : null);
      add('Error', str(p.error));
      break;
    default:
      summary = humanizeCode(type);
  }
  return { summary, details };
}
