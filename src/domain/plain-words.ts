/**
 * Plain-word labels for the codes of a demand's tracks and of the policy's recommendation, shared
 * by the API's timeline (server) and the web application, so both say the same thing.
 */
import type { MatterState } from './matter-state.ts';

export const STATE_LABELS: Record<MatterState, string> = {
  received: 'Received',
  verifying_requester: 'Verifying requester',
  legal_review: 'Legal review',
  rejected: 'Rejected',
  redirected: 'Redirected to customer',
  awaiting_disclosure: 'Awaiting disclosure',
  approved: 'Approved',
  produced: 'Produced',
  closed: 'Closed',
};

export const NOTICE_LABELS: Record<string, string> = {
  pending: 'Due to be sent',
  held: 'Held',
  sent: 'Sent',
  not_required: 'Not required',
};

export const ROUTE_LABELS: Record<string, string> = {
  reject: 'Reject the demand',
  clarify: 'Hold and clarify with the requester',
  redirect_to_customer: 'Redirect the requester to the customer',
  mlat: 'Refer the requester to the mutual legal assistance channel',
  preserve_only: 'Preserve the data; disclose nothing',
  comply: 'Comply, within the categories found sufficient',
};

/** Every flag the policy engine can raise (the web application checks this covers FLAG_CODES). */
export const FLAG_LABELS: Record<string, string> = {
  secrecy_order_challenge: 'Secrecy order to challenge',
  overbroad: 'Overbroad',
  requester_verification_required: 'Requester must be verified',
  comity_review: 'Comity review',
  enforcing_state_review: 'Enforcing state review',
  national_security_band: 'National security (reported in bands)',
  execution_period_expired: 'Execution period expired',
  no_data_found: 'No data found',
  unsigned_instrument: 'Unsigned instrument',
  mlat_required: 'MLAT required',
  us_person_target: 'US person targeted',
  issuer_not_competent: 'Issuer not competent',
  offence_threshold_not_met: 'Offence threshold not met',
  information_missing: 'Information missing',
  regime_not_applicable: 'Regime not applicable',
  instrument_not_available: 'Instrument not available',
  preservation_extension_exhausted: 'Preservation extension used up',
  gdpr_transfer_review: 'GDPR transfer review',
  private_request: 'Private request (not a government demand)',
  controller_not_addressed: 'Should have been addressed to the controller',
  annex_iii_response: 'Answer on the Annex III form',
  common_law_comity: 'Common-law comity review',
  state_law_review: 'State law review',
};

/** "some_code" → "Some code", for a code no table names. */
export const humanizeCode = (s: string): string => {
  const t = s.replace(/[._]/g, ' ').trim();
  return t.charAt(0).toUpperCase() + t.slice(1);
};

export const stateWords = (s: string) => STATE_LABELS[s as MatterState] ?? humanizeCode(s);
export const routeWords = (r: string) => ROUTE_LABELS[r] ?? humanizeCode(r);
export const flagWords = (f: string) => FLAG_LABELS[f] ?? humanizeCode(f);
export const noticeWords = (n: string) => NOTICE_LABELS[n] ?? humanizeCode(n);

/**
 * The reads of a demand's data that its list of reads shows, in words (administrators and
 * auditors see it on the demand's page). Reads are on the demand's record but are not steps of the
 * case, so the timeline leaves them out.
 */
export const DEMAND_READ_WORDS: Record<string, string> = {
  'demand.viewed': 'Opened the demand',
  'demand.notes_read': 'Read the internal notes',
  'demand.reads_listed': 'Read the list of reads',
  'outbound_mail.viewed': 'Read a message sent about it (outbound mail)',
};
