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
import {
  FLAG_LABELS as DOMAIN_FLAG_LABELS,
  NOTICE_LABELS,
  ROUTE_LABELS,
  STATE_LABELS,
  flagWords,
  noticeWords,
  stateWords,
} from '../../../src/domain/plain-words.ts';

export { NOTICE_LABELS, ROUTE_LABELS, STATE_LABELS };

export { DATA_CATEGORIES, IDENTIFIER_KINDS, INSTRUMENTS, MATTER_STATES, countryName };
export type { DataCategory, IdentifierKind, Instrument, MatterState };

export const IDENTIFIER_LABELS: Record<IdentifierKind, string> = {
  email: 'E-mail address',
  domain: 'Domain',
  account_id: 'Account ID',
  phone: 'Phone number',
};

export const NOTICE_MODE_LABELS: Record<string, string> = {
  now: 'Tell the customer now',
  delayed: 'Delay notice',
  after_emergency: 'Tell the customer once the emergency is over',
  never: 'Never (a statute forbids it)',
};

/** Every flag the policy engine can raise (test/domain/clocks.test.ts checks each has a label). */
export const FLAG_LABELS = DOMAIN_FLAG_LABELS as Record<FlagCode, string>;

export const flagLabel = flagWords;
export const instrumentLabel = (i: string) => INSTRUMENT_LABELS[i as Instrument] ?? humanize(i);
export const categoryLabel = (c: string) => DATA_CATEGORY_LABELS[c as DataCategory] ?? humanize(c);
export const stateLabel = stateWords;
export const dispositionLabel = (d: string) => DISPOSITION_LABELS[d as Disposition] ?? humanize(d);
export const noticeLabel = noticeWords;

/** Every country, by English name, for pickers. */
export const COUNTRIES: { code: string; name: string }[] = [...COUNTRY_CODES]
  .map((code) => ({ code, name: countryName(code) }))
  .sort((a, b) => a.name.localeCompare(b.name));
