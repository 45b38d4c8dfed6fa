/**
 * The closed vocabularies of a demand. Persisted as text in the database and sent over the API:
 * renaming a value is a data migration, adding one is not.
 */

/** The legal instrument a demand is made under. */
export const INSTRUMENTS = [
  'subpoena', // administrative or trial subpoena (US: 18 USC 2703(c)(2))
  'grand_jury_subpoena',
  'civil_subpoena', // issued for a private litigant in civil proceedings
  'court_order_2703d', // US 18 USC 2703(d) order
  'search_warrant',
  'emergency_request', // voluntary disclosure request, US 18 USC 2702(b)(8)/(c)(4) or equivalents
  'preservation_request', // US 18 USC 2703(f) letter or equivalents
  'national_security_letter', // US 18 USC 2709
  'fisa_order', // US 50 USC 1801 ff.
  'european_production_order', // Regulation (EU) 2023/1543, EPOC
  'european_preservation_order', // Regulation (EU) 2023/1543, EPOC-PR
  'overseas_production_order', // under a CLOUD Act executive agreement (e.g. UK COPOA 2019)
  'foreign_court_order', // a foreign court's order outside any agreement
  'mlat_request', // request through a mutual legal assistance treaty
] as const;
export type Instrument = (typeof INSTRUMENTS)[number];

export const INSTRUMENT_LABELS: Record<Instrument, string> = {
  subpoena: 'Subpoena',
  grand_jury_subpoena: 'Grand jury subpoena',
  civil_subpoena: 'Civil subpoena',
  court_order_2703d: '2703(d) court order',
  search_warrant: 'Search warrant',
  emergency_request: 'Emergency request',
  preservation_request: 'Preservation request',
  national_security_letter: 'National security letter',
  fisa_order: 'FISA order',
  european_production_order: 'European Production Order',
  european_preservation_order: 'European Preservation Order',
  overseas_production_order: 'Overseas production order (CLOUD Act agreement)',
  foreign_court_order: 'Foreign court order',
  mlat_request: 'MLAT request',
};

/** Instruments whose existence may only be reported in bands (50 USC 1874). */
export const NATIONAL_SECURITY_INSTRUMENTS: ReadonlySet<Instrument> = new Set([
  'national_security_letter',
  'fisa_order',
]);

/** Instruments that ask to keep data, not to hand it over. */
export const PRESERVATION_INSTRUMENTS: ReadonlySet<Instrument> = new Set([
  'preservation_request',
  'european_preservation_order',
]);

/** Categories of data a demand can ask for, from least to most intrusive. */
export const DATA_CATEGORIES = [
  'subscriber', // basic subscriber information: name, address, account dates, payment means, sign-in IPs
  'non_content', // traffic and transactional records: headers, logs, connection data
  'content', // stored communications and documents
  'real_time', // prospective interception or pen register / trap and trace
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const DATA_CATEGORY_LABELS: Record<DataCategory, string> = {
  subscriber: 'Subscriber information',
  non_content: 'Non-content (traffic) data',
  content: 'Content',
  real_time: 'Real-time interception',
};

/** How a demand reached the provider. */
export const CHANNELS = ['agency_portal', 'email', 'post', 'staff_entry'] as const;
export type Channel = (typeof CHANNELS)[number];

/** What kind of authority an agency is. */
export const AGENCY_KINDS = [
  'court',
  'prosecutor',
  'police',
  'national_security',
  'civil_litigant',
  'foreign_government',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** Who makes the demand: a government authority, or a private party (a civil litigant). */
export const REQUESTER_KINDS = ['government', 'private'] as const;
export type RequesterKind = (typeof REQUESTER_KINDS)[number];

/** A civil litigant in the agency directory is a private party; every other kind is a government authority. */
export function requesterKindOfAgency(agencyKind: string): RequesterKind {
  return agencyKind === 'civil_litigant' ? 'private' : 'government';
}

/** Whether the person who sent a demand has been shown to act for the agency it names. */
export const REQUESTER_VERIFICATION = ['unverified', 'pending_callback', 'verified', 'failed'] as const;
export type RequesterVerification = (typeof REQUESTER_VERIFICATION)[number];

/** Customers: organisations (tenants with admins and legal contacts) or individual consumers. */
export const CUSTOMER_KINDS = ['enterprise', 'consumer'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];

/** Kinds of identifier that name a target account. */
export const IDENTIFIER_KINDS = ['email', 'domain', 'account_id', 'phone'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** The one outcome every closed demand is reported under (transparency reports count these). */
export const DISPOSITIONS = [
  'rejected',
  'withdrawn',
  'no_data_found',
  'redirected_to_customer',
  'non_content_disclosed',
  'content_disclosed',
  'preserved_only',
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export const DISPOSITION_LABELS: Record<Disposition, string> = {
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  no_data_found: 'No data found',
  redirected_to_customer: 'Redirected to customer',
  non_content_disclosed: 'Non-content disclosed',
  content_disclosed: 'Content disclosed',
  preserved_only: 'Preserved only',
};

/** True when `v` is one of `values` (narrows the type). */
export function isOneOf<T extends string>(values: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (values as readonly string[]).includes(v);
}
