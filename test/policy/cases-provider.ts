/** Cases for the provider's own policy: redirect, notice, secrecy challenges, scope, requester checks, routing. */
import { enterprise, foreign, us } from './fixtures.ts';
import type { PolicyCase } from './harness.ts';

const gag = (issuedAt: string, expiresAt: string | null, individualizedFindings = true) => ({
  secrecyOrder: { legalBasis: '18 U.S.C. 2705(b)', issuedAt, expiresAt, individualizedFindings },
});
// us() fixtures are received 2026-09-03T09:00:00Z: 30 days later.
const FOLLOW_UP_AT = '2026-10-03T09:00:00.000Z';
const usEmergency = {
  instrument: 'emergency_request',
  issuingAuthority: { kind: 'police' },
  emergency: { description: 'suicide threat' },
} as const;

export const PROVIDER_CASES: PolicyCase[] = [
  {
    name: 'enterprise data: redirect to the customer, who is told now',
    rule: 'provider.enterprise.redirect',
    input: us({ targets: [enterprise()] }),
    expect: { route: 'redirect_to_customer', notice: 'now', sufficient: ['content'] },
  },
  {
    name: 'enterprise preservation is carried out, not redirected',
    rule: 'us.preservation.2703f',
    input: us({ instrument: 'preservation_request', targets: [enterprise()] }),
    expect: { route: 'preserve_only', notFired: ['provider.enterprise.redirect'] },
  },
  {
    name: 'enterprise emergency is not redirected',
    rule: 'provider.notice.after_emergency',
    input: us({ ...usEmergency, targets: [enterprise()] }),
    expect: { route: 'comply', notice: 'after_emergency', notFired: ['provider.enterprise.redirect'] },
  },
  { name: 'the customer is told by default', rule: 'provider.notice.default', input: us(), expect: { notice: 'now' } },
  {
    name: 'a secrecy order holds notice until it ends',
    rule: 'provider.secrecy.hold',
    input: us(gag('2026-09-01T00:00:00Z', '2027-01-01T00:00:00Z')),
    expect: { notice: 'delayed', noticeUntil: '2027-01-01T00:00:00.000Z', noFlags: ['secrecy_order_challenge'] },
  },
  {
    name: 'a lapsed secrecy order holds nothing',
    rule: 'provider.secrecy.lapsed',
    input: us(gag('2026-06-01T00:00:00Z', '2026-09-02T00:00:00Z')),
    expect: { notice: 'now', notFired: ['provider.secrecy.hold'] },
  },
  {
    name: 'a secrecy order ending this very moment has lapsed',
    rule: 'provider.secrecy.lapsed',
    input: us(gag('2026-06-01T00:00:00Z', '2026-09-03T12:00:00Z')),
    expect: { notice: 'now' },
  },
  {
    name: 'indefinite secrecy order is challenged',
    rule: 'provider.secrecy.indefinite',
    input: us(gag('2026-09-01T00:00:00Z', null)),
    expect: { flags: ['secrecy_order_challenge'], notice: 'delayed', noticeUntil: null },
  },
  {
    name: 'secrecy for exactly one year is within the yardstick',
    rule: 'provider.secrecy.hold',
    input: us(gag('2026-03-01T00:00:00Z', '2027-03-01T00:00:00Z')),
    expect: {
      noFlags: ['secrecy_order_challenge'],
      notFired: ['provider.secrecy.over_one_year'],
      noticeUntil: '2027-03-01T00:00:00.000Z',
    },
  },
  {
    name: 'secrecy for one year and a day is challenged',
    rule: 'provider.secrecy.over_one_year',
    input: us(gag('2026-03-01T00:00:00Z', '2027-03-02T00:00:00Z')),
    expect: { flags: ['secrecy_order_challenge'], notice: 'delayed' },
  },
  {
    name: 'secrecy covering an enterprise customer is challenged',
    rule: 'provider.secrecy.enterprise_target',
    input: us({ ...gag('2026-09-01T00:00:00Z', '2026-12-01T00:00:00Z'), targets: [enterprise()] }),
    expect: { flags: ['secrecy_order_challenge'], route: 'redirect_to_customer' },
  },
  {
    name: 'a whole tenant is overbroad',
    rule: 'provider.scope.whole_tenant',
    input: us({ targets: [enterprise({ wholeTenant: true })] }),
    expect: { flags: ['overbroad'] },
  },
  {
    name: 'a date range with no end is overbroad',
    rule: 'provider.scope.unbounded_dates',
    input: us({ dateRange: { from: '2020-01-01T00:00:00Z', to: null } }),
    expect: { flags: ['overbroad'], route: 'comply' },
  },
  {
    name: 'a date range with no start is overbroad',
    rule: 'provider.scope.unbounded_dates',
    input: us({ dateRange: { from: null, to: '2026-01-01T00:00:00Z' } }),
    expect: { flags: ['overbroad'] },
  },
  {
    name: 'a preservation request needs no date range',
    rule: 'us.preservation.2703f',
    input: us({ instrument: 'preservation_request', dateRange: { from: null, to: null } }),
    expect: { noFlags: ['overbroad'] },
  },
  {
    name: 'an emergency disclosure must be followed by legal process within 30 days',
    rule: 'provider.emergency.follow_up',
    input: us({
      ...usEmergency,
      requester: { verification: 'verified', emailDomainClass: 'verified', callbackConfirmed: true },
    }),
    expect: { route: 'comply', deadlines: { follow_up_process: FOLLOW_UP_AT } },
  },
  {
    name: 'emergency not yet confirmed by call-back is held',
    rule: 'provider.requester.emergency_callback',
    input: us({ ...usEmergency, requester: { verification: 'pending_callback', callbackConfirmed: false } }),
    expect: { route: 'clarify', flags: ['requester_verification_required'], notice: 'after_emergency' },
  },
  {
    name: 'emergency from a free-mail address is held',
    rule: 'provider.requester.emergency_domain',
    input: us({
      ...usEmergency,
      requester: { verification: 'unverified', emailDomainClass: 'free_mail', callbackConfirmed: true },
    }),
    expect: { route: 'clarify', flags: ['requester_verification_required'] },
  },
  {
    name: 'emergency from an unknown domain, requester verified by call-back',
    rule: 'us.emergency.voluntary_disclosure',
    input: us({
      ...usEmergency,
      requester: { verification: 'verified', emailDomainClass: 'unknown', callbackConfirmed: true },
    }),
    expect: { route: 'comply', noFlags: ['requester_verification_required'] },
  },
  {
    name: 'look-alike domain on an ordinary warrant is held',
    rule: 'provider.requester.look_alike_domain',
    input: us({ requester: { verification: 'unverified', emailDomainClass: 'look_alike' } }),
    expect: { route: 'clarify', flags: ['requester_verification_required'] },
  },
  {
    name: 'failed verification: reject',
    rule: 'provider.requester.failed',
    input: us({ requester: { verification: 'failed' } }),
    expect: { route: 'reject', insufficient: ['content'] },
  },
  {
    name: 'unsigned foreign court order: ask for an authenticated copy',
    rule: 'provider.process.unsigned_local',
    input: foreign({ signed: false }),
    expect: { route: 'clarify', flags: ['unsigned_instrument'] },
  },
  {
    name: 'a foreign authority cannot issue a grand jury subpoena',
    rule: 'provider.instrument.us_only',
    input: foreign({ jurisdiction: 'CA', instrument: 'grand_jury_subpoena' }),
    expect: { route: 'reject', flags: ['instrument_not_available'] },
  },
  {
    name: 'search found nothing',
    rule: 'provider.search.no_data_found',
    input: us({ noDataFound: true }),
    expect: { flags: ['no_data_found'], route: 'comply' },
  },
  {
    name: 'a category no rule speaks to is not sufficient',
    rule: 'provider.category.unaddressed',
    input: foreign({ instrument: 'civil_subpoena', issuingAuthority: { kind: 'civil_litigant' } }),
    expect: { route: 'reject', insufficient: ['subscriber'] },
  },
  {
    name: 'nothing requested is reachable: reject',
    rule: 'provider.route.nothing_sufficient',
    input: us({ instrument: 'court_order_2703d', dataCategories: ['content'] }),
    expect: { route: 'reject' },
  },
  {
    name: 'some of it is reachable: comply in part',
    rule: 'provider.route.comply_in_part',
    input: us({ instrument: 'subpoena', dataCategories: ['subscriber', 'content'] }),
    expect: { route: 'comply', sufficient: ['subscriber'], insufficient: ['content'] },
  },
  { name: 'all of it is reachable: comply', rule: 'provider.route.comply', input: us(), expect: { route: 'comply' } },
];
