/**
 * Outside counsel's second review of the packs: one group of cases per finding. Each case states
 * what the cited law requires. Every finding has cases that failed on the packs before the review
 * (us-federal 1.1.0, eu-e-evidence 1.1.0, uk-copoa 1.0.0, provider 1.1.0); three companion cases
 * (an enterprise gag still challenged, a warrant stale on its 15th Pacific day, the statutory
 * motion for UK content) pin the side each change must leave as it was.
 */
import { consumer, enterprise, eu, uk, us, type Patch } from './fixtures.ts';
import type { PolicyCase } from './harness.ts';

const nsl: Patch = {
  instrument: 'national_security_letter',
  issuingAuthority: { kind: 'national_security' },
  issuingCourt: null,
  dataCategories: ['subscriber'],
};
const gag = (issuedAt: string, expiresAt: string | null, extra: object = {}) => ({
  secrecyOrder: { legalBasis: '18 U.S.C. 2705(b)', issuedAt, expiresAt, individualizedFindings: true, ...extra },
});
const prosecutor = { kind: 'prosecutor', judicialRole: 'prosecutor' } as const;
const germanEnterprise = enterprise({ residenceCountry: 'DE', usPerson: false, storageCountry: 'IE' });
const privateSubpoena: Patch = {
  instrument: 'civil_subpoena',
  issuingAuthority: { kind: 'court' },
  issuingCourt: 'Superior Court of California, County of San Mateo',
  requesterKind: 'private',
};

/** 1. National-security process is never redirected. */
const NATIONAL_SECURITY: PolicyCase[] = [
  {
    name: 'certified NSL for an enterprise account: not redirected to the customer',
    rule: 'us.nsl.nondisclosure_certified',
    input: us({ ...nsl, targets: [enterprise()], nondisclosureCertified: true }),
    expect: { route: 'comply', notice: 'delayed', notFired: ['provider.enterprise.redirect'] },
  },
  {
    name: 'FISA order for an enterprise account: not redirected, never told',
    rule: 'us.fisa.order',
    input: us({ instrument: 'fisa_order', targets: [enterprise()] }),
    expect: { route: 'comply', notice: 'never', notFired: ['provider.enterprise.redirect'] },
  },
];

/** 2. NSL non-disclosure follows the FBI's certification. */
const NSL_CERTIFICATION: PolicyCase[] = [
  {
    name: 'NSL without a non-disclosure certification: nothing bars notice',
    rule: 'us.nsl.no_certification',
    input: us({ ...nsl, nondisclosureCertified: false }),
    expect: { notice: 'now', noFlags: ['secrecy_order_challenge'] },
  },
  {
    name: 'certified NSL whose requirement the FBI ends on a date: held until then, not flagged',
    rule: 'us.nsl.nondisclosure_certified',
    input: us({
      ...nsl,
      nondisclosureCertified: true,
      ...gag('2026-09-01T00:00:00Z', '2027-06-01T00:00:00Z', { legalBasis: '18 U.S.C. 2709(c)' }),
    }),
    expect: { notice: 'delayed', noticeUntil: '2027-06-01T00:00:00.000Z', noFlags: ['secrecy_order_challenge'] },
  },
  {
    name: 'certified NSL with an open-ended requirement: held and flagged for review',
    rule: 'us.nsl.nondisclosure_open_ended',
    input: us({ ...nsl, nondisclosureCertified: true }),
    expect: { notice: 'delayed', noticeUntil: null, flags: ['secrecy_order_challenge'] },
  },
  {
    name: 'NSL whose certification is not recorded: notice held and the question asked',
    rule: 'us.nsl.certification_unknown',
    input: us({ ...nsl }),
    expect: { route: 'clarify', notice: 'delayed', noticeUntil: null, flags: ['information_missing'] },
  },
];

/** 3. NSL scope: name, address, length of service, toll billing records. */
const NSL_SCOPE: PolicyCase[] = [
  {
    name: 'NSL for IP logs and headers: not reached',
    rule: 'us.nsl.transactional_records',
    input: us({ ...nsl, nondisclosureCertified: true, dataCategories: ['non_content'] }),
    expect: { route: 'reject', insufficient: ['non_content'] },
  },
  {
    name: 'NSL for subscriber data and transactional records: subscriber data only',
    rule: 'us.nsl.transactional_records',
    input: us({ ...nsl, nondisclosureCertified: true, dataCategories: ['subscriber', 'non_content'] }),
    expect: { route: 'comply', sufficient: ['subscriber'], insufficient: ['non_content'] },
  },
];

/** 4. EU e-Evidence: who is told, who answers, when, and the Annex III form. */
const EU_EVIDENCE: PolicyCase[] = [
  {
    name: 'EPO for an enterprise: the provider informs the controller',
    rule: 'eu.epo.inform_controller',
    input: eu({ targets: [germanEnterprise] }),
    expect: { route: 'comply', notice: 'now', flags: ['controller_not_addressed'] },
  },
  {
    name: 'EPO for an enterprise, authority asks the provider to refrain: notice to the controller held',
    rule: 'eu.epo.refrain_from_informing_controller',
    input: eu({ targets: [germanEnterprise], eu: { controllerNotToBeInformed: true } }),
    expect: { route: 'comply', notice: 'delayed', noticeUntil: null },
  },
  {
    name: 'EPO for a consumer: the authority informs the person, the provider keeps the order confidential',
    rule: 'eu.order.person_informed_by_authority',
    input: eu(),
    expect: { notice: 'never', route: 'comply' },
  },
  {
    name: 'EPO for a consumer and an enterprise: the strictest, confidentiality, governs',
    rule: 'eu.order.person_informed_by_authority',
    input: eu({ targets: [consumer({ residenceCountry: 'DE', usPerson: false }), germanEnterprise] }),
    expect: { notice: 'never', route: 'comply' },
  },
  {
    name: 'rejected EPO (no competent issuer) carries no response deadline',
    rule: 'eu.epo.issuer_not_competent',
    input: eu({ issuingAuthority: { kind: 'police', judicialRole: 'other', validatedBy: null } }),
    expect: { route: 'reject', responseDeadline: null },
  },
  {
    name: 'EPO for content only from a prosecutor is rejected and carries no response deadline',
    rule: 'eu.epo.content_issuer_not_judicial',
    input: eu({ issuingAuthority: prosecutor, dataCategories: ['content'] }),
    expect: { route: 'reject', responseDeadline: null },
  },
  {
    name: 'EPO with a manifest error: Annex III, ask for clarification',
    rule: 'eu.inability.clarification',
    input: eu({ eu: { inability: 'manifest_error' } }),
    expect: { route: 'clarify', flags: ['annex_iii_response'] },
  },
  {
    name: 'EPO for data the provider does not hold: Annex III, no data found',
    rule: 'eu.inability.data_not_held',
    input: eu({ eu: { inability: 'data_not_held' } }),
    expect: { flags: ['annex_iii_response', 'no_data_found'] },
  },
  {
    name: 'EPO whose search found nothing: Annex III too',
    rule: 'eu.inability.data_not_held',
    input: eu({ noDataFound: true }),
    expect: { flags: ['annex_iii_response', 'no_data_found'] },
  },
  {
    name: 'EPO impossible to execute in fact: Annex III, not executed, no deadline',
    rule: 'eu.inability.de_facto_impossibility',
    input: eu({ eu: { inability: 'de_facto_impossibility' } }),
    expect: { route: 'reject', flags: ['annex_iii_response'], responseDeadline: null },
  },
  {
    name: 'unsigned EPOC is incomplete: Annex III',
    rule: 'eu.certificate.unsigned',
    input: eu({ signed: false }),
    expect: { route: 'clarify', flags: ['annex_iii_response', 'unsigned_instrument'] },
  },
  {
    name: 'EPOC-PR extended at the authority request: 30 days from the end of the 60',
    rule: 'eu.epor.preserve',
    input: eu({
      instrument: 'european_preservation_order',
      issuingAuthority: prosecutor,
      dataCategories: ['subscriber', 'content'],
      receivedAt: '2026-11-20T10:00:00Z',
      now: '2026-11-20T10:00:00Z',
      preservationStartedAt: '2026-10-01T10:00:00Z',
      preservationRenewals: 1,
    }),
    expect: { route: 'preserve_only', preservationUntil: '2026-12-30T10:00:00.000Z', responseDeadline: null },
  },
];

/** 5. Section 2703(f): a renewal extends the preservation it is linked to. */
const PRESERVATION: PolicyCase[] = [
  {
    name: '2703(f) renewal received on day 78: the extension runs from the end of the first 90 days',
    rule: 'us.preservation.2703f',
    input: us({
      instrument: 'preservation_request',
      issuingAuthority: { kind: 'police' },
      receivedAt: '2026-11-20T09:00:00Z',
      now: '2026-11-20T09:00:00Z',
      preservationStartedAt: '2026-09-03T09:00:00Z',
      preservationRenewals: 1,
    }),
    expect: { route: 'preserve_only', preservationUntil: '2027-03-02T09:00:00.000Z' },
  },
  {
    name: 'a third 2703(f) request has no statutory extension: flagged, end unchanged',
    rule: 'us.preservation.extension_exhausted',
    input: us({
      instrument: 'preservation_request',
      issuingAuthority: { kind: 'police' },
      receivedAt: '2027-02-20T09:00:00Z',
      now: '2027-02-20T09:00:00Z',
      preservationStartedAt: '2026-09-03T09:00:00Z',
      preservationRenewals: 2,
    }),
    expect: { flags: ['preservation_extension_exhausted'], preservationUntil: '2027-03-02T09:00:00.000Z' },
  },
];

/** 6. No customer notice at preservation time. */
const PRESERVATION_NOTICE: PolicyCase[] = [
  {
    name: '2703(f) preservation: the customer is not told now',
    rule: 'provider.preservation.no_notice',
    input: us({ instrument: 'preservation_request', issuingAuthority: { kind: 'police' } }),
    expect: { notice: 'never', route: 'preserve_only' },
  },
  {
    name: 'EPOC-PR for an enterprise: no notice at preservation time',
    rule: 'provider.preservation.no_notice',
    input: eu({ instrument: 'european_preservation_order', targets: [germanEnterprise] }),
    expect: { notice: 'never', route: 'preserve_only' },
  },
];

/** 7. Secrecy-order challenges (DOJ memo of 19 October 2017 and the provider's practice). */
const SECRECY: PolicyCase[] = [
  {
    name: 'an order without findings that lapsed before the demand arrived: neither held nor challenged',
    rule: 'provider.secrecy.lapsed',
    input: us(gag('2026-03-01T00:00:00Z', '2026-08-01T00:00:00Z', { individualizedFindings: false })),
    expect: { notice: 'now', noFlags: ['secrecy_order_challenge'] },
  },
  {
    name: 'a two-year order that lapsed before the demand arrived: not challenged',
    rule: 'provider.secrecy.lapsed',
    input: us(gag('2024-06-01T00:00:00Z', '2026-06-01T00:00:00Z')),
    expect: { notice: 'now', noFlags: ['secrecy_order_challenge'], notFired: ['provider.secrecy.over_one_year'] },
  },
  {
    name: 'an order finding that telling the enterprise itself would risk the investigation: held, not challenged',
    rule: 'provider.secrecy.hold',
    input: us({
      targets: [enterprise()],
      ...gag('2026-09-01T00:00:00Z', '2027-03-01T00:00:00Z', { enterpriseNoticeRisk: true }),
    }),
    expect: { notice: 'delayed', noticeUntil: '2027-03-01T00:00:00.000Z', noFlags: ['secrecy_order_challenge'] },
  },
  {
    name: 'an order barring notice to an enterprise whose officers could be asked: challenged',
    rule: 'provider.secrecy.enterprise_target',
    input: us({ targets: [enterprise()], ...gag('2026-09-01T00:00:00Z', '2027-03-01T00:00:00Z') }),
    expect: { notice: 'delayed', flags: ['secrecy_order_challenge'] },
  },
];

/** 8. UK overseas production orders under the US-UK Agreement. */
const UK_ORDERS: PolicyCase[] = [
  {
    name: 'UK order for a UK national located in the United States: excluded',
    rule: 'uk.opo.us_person_target',
    input: uk({ target: { locatedIn: 'US' } }),
    expect: { route: 'reject', flags: ['us_person_target'] },
  },
  {
    name: 'UK order that names no offence: clarified, not complied with',
    rule: 'uk.opo.offence_missing',
    input: uk({ offence: null }),
    expect: { route: 'clarify', flags: ['information_missing'] },
  },
  {
    name: 'UK order that gives no maximum sentence: the serious-crime threshold cannot be checked',
    rule: 'uk.opo.sentence_unknown',
    input: uk({ offence: { description: 'fraud', maxSentenceYears: null, listedOffence: false } }),
    expect: { route: 'clarify', flags: ['information_missing'] },
  },
  {
    name: 'UK order with no issue date: clarified, not complied with',
    rule: 'uk.opo.issue_date_missing',
    input: uk({ issuedAt: null }),
    expect: { route: 'clarify', flags: ['information_missing'] },
  },
];

/** 9. Warrants: days in the issuing court's time zone; 2703(d) orders need a court. */
const WARRANTS: PolicyCase[] = [
  {
    name: 'federal warrant served at 18:00 Pacific on its 14th day: in time',
    rule: 'us.warrant.content',
    input: us({
      issuingTimeZone: 'America/Los_Angeles',
      issuedAt: '2026-09-01T17:00:00Z',
      receivedAt: '2026-09-16T01:00:00Z',
      now: '2026-09-16T02:00:00Z',
    }),
    expect: { route: 'comply', notFired: ['us.warrant.federal_execution_period'] },
  },
  {
    name: 'federal warrant served at 09:00 Pacific on its 15th day: stale',
    rule: 'us.warrant.federal_execution_period',
    input: us({
      issuingTimeZone: 'America/Los_Angeles',
      issuedAt: '2026-09-01T17:00:00Z',
      receivedAt: '2026-09-16T16:00:00Z',
      now: '2026-09-16T17:00:00Z',
    }),
    expect: { route: 'reject', flags: ['execution_period_expired'] },
  },
  {
    name: 'California warrant served at 20:00 Pacific on its 10th day: in time',
    rule: 'us.warrant.content',
    input: us({
      jurisdictionSubdivision: 'US-CA',
      issuingTimeZone: 'America/Los_Angeles',
      issuedAt: '2026-09-01T16:00:00Z',
      receivedAt: '2026-09-12T03:00:00Z',
      now: '2026-09-12T04:00:00Z',
    }),
    expect: { route: 'comply', notFired: ['us.warrant.california_execution_period'] },
  },
  {
    name: '2703(d) order naming no court: refused',
    rule: 'us.order_2703d.no_court',
    input: us({
      instrument: 'court_order_2703d',
      issuingAuthority: { kind: 'prosecutor' },
      issuingCourt: null,
      dataCategories: ['non_content'],
    }),
    expect: { route: 'reject', flags: ['issuer_not_competent'], insufficient: ['non_content'] },
  },
  {
    name: 'state warrant whose period is not encoded: held for counsel, not complied with',
    rule: 'us.warrant.other_state_period',
    input: us({ jurisdictionSubdivision: 'US-NY' }),
    expect: { route: 'clarify', flags: ['state_law_review'] },
  },
];

/** 10. Data stored abroad: statutory motion for qualifying governments only, else common-law comity. */
const COMITY: PolicyCase[] = [
  {
    name: 'content of a German resident stored in Germany: common-law comity, no statutory motion',
    rule: 'us.cloud_act.common_law_comity',
    input: us({ target: { residenceCountry: 'DE', usPerson: false, storageCountry: 'DE' } }),
    expect: { flags: ['common_law_comity'], noFlags: ['comity_review'], deadlines: { motion_to_quash: null } },
  },
  {
    name: 'non-content records of a UK resident: the statutory motion is for content only',
    rule: 'us.cloud_act.common_law_comity',
    input: us({
      instrument: 'court_order_2703d',
      dataCategories: ['non_content'],
      target: { residenceCountry: 'GB', usPerson: false, storageCountry: 'GB' },
    }),
    expect: { flags: ['common_law_comity'], noFlags: ['comity_review'] },
  },
  {
    name: 'content of a UK resident: the statutory motion, not common-law comity',
    rule: 'us.cloud_act.comity_review',
    input: us({ target: { residenceCountry: 'GB', usPerson: false, storageCountry: 'GB' } }),
    expect: { flags: ['comity_review'], noFlags: ['common_law_comity'] },
  },
];

/** 11. A redirect never hides a rejection; no target, no compliance. */
const ROUTING: PolicyCase[] = [
  {
    name: 'subpoena for an enterprise account content only: rejected, not redirected',
    rule: 'provider.route.nothing_sufficient',
    input: us({
      instrument: 'subpoena',
      issuingAuthority: { kind: 'prosecutor' },
      issuingCourt: null,
      dataCategories: ['content'],
      targets: [enterprise()],
    }),
    expect: { route: 'reject', insufficient: ['content'] },
  },
  {
    name: 'a demand with no target: clarified, not complied with',
    rule: 'provider.targets.none',
    input: us({ targets: [] }),
    expect: { route: 'clarify', flags: ['information_missing'] },
  },
];

/** 12. Private requests. */
const PRIVATE: PolicyCase[] = [
  {
    name: 'civil subpoena from a private party: never content',
    rule: 'us.private.content_barred',
    input: us({ ...privateSubpoena, dataCategories: ['subscriber', 'content'] }),
    expect: {
      route: 'comply',
      flags: ['private_request'],
      sufficient: ['subscriber'],
      insufficient: ['content'],
    },
  },
  {
    name: 'civil subpoena from a private party: records at the provider choice',
    rule: 'us.private.records_voluntary',
    input: us({ ...privateSubpoena, dataCategories: ['non_content'] }),
    expect: { route: 'comply', sufficient: ['non_content'], flags: ['private_request'] },
  },
  {
    name: 'private request: the customer is told first and has 14 days before anything is produced',
    rule: 'provider.private.notice_first',
    input: us({ ...privateSubpoena, dataCategories: ['subscriber'] }),
    expect: { notice: 'now', deadlines: { transmit_not_before: '2026-09-17T09:00:00.000Z' } },
  },
  {
    name: 'a private party cannot use a search warrant',
    rule: 'us.private.government_process_only',
    input: us({ requesterKind: 'private' }),
    expect: { route: 'reject', flags: ['instrument_not_available', 'private_request'] },
  },
  {
    name: 'a civil litigant issuer is a private party when the input names no requester kind',
    rule: 'us.private.content_barred',
    input: us({
      instrument: 'civil_subpoena',
      issuingAuthority: { kind: 'civil_litigant' },
      issuingCourt: null,
      dataCategories: ['content'],
    }),
    expect: { route: 'reject', flags: ['private_request'] },
  },
];

export const COUNSEL_REVIEW_CASES: PolicyCase[] = [
  ...NATIONAL_SECURITY,
  ...NSL_CERTIFICATION,
  ...NSL_SCOPE,
  ...EU_EVIDENCE,
  ...PRESERVATION,
  ...PRESERVATION_NOTICE,
  ...SECRECY,
  ...UK_ORDERS,
  ...WARRANTS,
  ...COMITY,
  ...ROUTING,
  ...PRIVATE,
];
