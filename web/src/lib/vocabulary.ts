/**
 * Labels for the codes the API sends. The vocabularies themselves come from src/domain, the
 * same modules the server validates with, so a new instrument or state shows up here at once.
 */
import { COUNTRY_CODES, countryName } from '../../../src/domain/countries.ts';
import { MATTER_STATES, type MatterState } from '../../../src/domain/matter-state.ts';
import {
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  DISPOSITION_LABELS,
  IDENTIFIER_KINDS,
  INSTRUMENTS,
  INSTRUMENT_LABELS,
  type DataCategory,
  type Disposition,
  type IdentifierKind,
  type Instrument,
} from '../../../src/domain/vocabulary.ts';
import type { FlagCode } from '../../../src/policy/codes.ts';
import { humanize } from './format.ts';

export { DATA_CATEGORIES, IDENTIFIER_KINDS, INSTRUMENTS, MATTER_STATES, countryName };
export type { DataCategory, IdentifierKind, Instrument, MatterState };

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
  held: 'Held (secrecy order)',
  sent: 'Sent',
  not_required: 'Not required',
};

export const IDENTIFIER_LABELS: Record<IdentifierKind, string> = {
  email: 'E-mail address',
  domain: 'Domain',
  account_id: 'Account ID',
  phone: 'Phone number',
};

export const ROUTE_LABELS: Record<string, string> = {
  reject: 'Reject the demand',
  clarify: 'Hold and clarify with the requester',
  redirect_to_customer: 'Redirect the requester to the customer',
  mlat: 'Refer the requester to the mutual legal assistance channel',
  preserve_only: 'Preserve the data; disclose nothing',
  comply: 'Comply, within the categories found sufficient',
};

export const NOTICE_MODE_LABELS: Record<string, string> = {
  now: 'Tell the customer now',
  delayed: 'Delay notice',
  after_emergency: 'Tell the customer once the emergency is over',
  never: 'Never (a statute forbids it)',
};

/** Every flag the policy engine can raise (a new code without a label fails the type check). */
export const FLAG_LABELS: Record<FlagCode, string> = {
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
};

export const flagLabel = (f: string) => FLAG_LABELS[f as FlagCode] ?? humanize(f);
export const instrumentLabel = (i: string) => INSTRUMENT_LABELS[i as Instrument] ?? humanize(i);
export const categoryLabel = (c: string) => DATA_CATEGORY_LABELS[c as DataCategory] ?? humanize(c);
export const stateLabel = (s: string) => STATE_LABELS[s as MatterState] ?? humanize(s);
export const dispositionLabel = (d: string) => DISPOSITION_LABELS[d as Disposition] ?? humanize(d);
export const noticeLabel = (n: string) => NOTICE_LABELS[n] ?? humanize(n);

/** Every country, by English name, for pickers. */
export const COUNTRIES: { code: string; name: string }[] = [...COUNTRY_CODES]
  .map((code) => ({ code, name: countryName(code) }))
  .sort((a, b) => a.name.localeCompare(b.name));
