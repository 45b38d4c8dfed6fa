/** Cases where several rules meet, and the precedence between their conclusions decides. */
import { enterprise, eu, uk, us } from './fixtures.ts';
import type { PolicyCase } from './harness.ts';

const indefiniteGag = {
  legalBasis: '18 U.S.C. 2705(b)',
  issuedAt: '2026-09-01T00:00:00Z',
  expiresAt: null,
  individualizedFindings: true,
};
const datedGag = { ...indefiniteGag, expiresAt: '2026-12-01T00:00:00Z' };
const unverified = { verification: 'unverified', emailDomainClass: 'free_mail', callbackConfirmed: false } as const;

export const INTERACTION_CASES: PolicyCase[] = [
  {
    name: 'enterprise target under an indefinite secrecy order',
    rule: 'provider.secrecy.enterprise_target',
    input: us({ targets: [enterprise()], secrecyOrder: indefiniteGag }),
    expect: { route: 'redirect_to_customer', notice: 'delayed', noticeUntil: null, flags: ['secrecy_order_challenge'] },
  },
  {
    name: 'indefinite secrecy order is challenged on its own ground too',
    rule: 'provider.secrecy.indefinite',
    input: us({ targets: [enterprise()], secrecyOrder: indefiniteGag }),
    expect: { flags: ['secrecy_order_challenge'] },
  },
  {
    name: 'emergency from an unverified requester is held, not disclosed',
    rule: 'provider.requester.emergency_domain',
    input: us({
      instrument: 'emergency_request',
      issuingAuthority: { kind: 'police' },
      emergency: { description: 'hostage' },
      requester: unverified,
    }),
    expect: {
      route: 'clarify',
      flags: ['requester_verification_required'],
      sufficient: ['content'],
      notice: 'after_emergency',
    },
  },
  {
    name: 'stale warrant for an enterprise: rejection beats redirection',
    rule: 'us.warrant.federal_execution_period',
    input: us({ targets: [enterprise()], issuedAt: '2026-08-01T00:00:00Z' }),
    expect: { route: 'reject', flags: ['execution_period_expired'] },
  },
  {
    name: 'unsigned and stale: both defects are reported',
    rule: 'us.process.unsigned',
    input: us({ signed: false, issuedAt: '2026-08-01T00:00:00Z' }),
    expect: { route: 'reject', flags: ['unsigned_instrument', 'execution_period_expired'] },
  },
  {
    name: 'emergency under a secrecy order: the order governs notice',
    rule: 'provider.secrecy.hold',
    input: us({
      instrument: 'emergency_request',
      issuingAuthority: { kind: 'police' },
      emergency: { description: 'bomb threat' },
      secrecyOrder: datedGag,
    }),
    expect: { notice: 'delayed', noticeUntil: '2026-12-01T00:00:00.000Z' },
  },
  {
    name: 'certified NSL with a dated end of its non-disclosure requirement: held until then',
    rule: 'us.nsl.nondisclosure_certified',
    input: us({
      instrument: 'national_security_letter',
      dataCategories: ['subscriber'],
      secrecyOrder: datedGag,
      nondisclosureCertified: true,
    }),
    expect: { notice: 'delayed', noticeUntil: '2026-12-01T00:00:00.000Z' },
  },
  {
    name: 'certified NSL for an enterprise: no redirect, no notice while the bar stands',
    rule: 'us.nsl.scope',
    input: us({
      instrument: 'national_security_letter',
      dataCategories: ['subscriber'],
      targets: [enterprise()],
      nondisclosureCertified: true,
    }),
    expect: {
      route: 'comply',
      notice: 'delayed',
      noticeUntil: null,
      flags: ['national_security_band'],
      notFired: ['provider.enterprise.redirect'],
    },
  },
  {
    name: 'emergency EPO from an unconfirmed requester keeps its 8-hour clock',
    rule: 'provider.requester.emergency_callback',
    input: eu({
      emergency: { description: 'abduction' },
      requester: { verification: 'pending_callback', callbackConfirmed: false },
    }),
    expect: { route: 'clarify', responseDeadline: '2026-10-01T18:00:00.000Z' },
  },
  {
    name: 'UK order for an enterprise: redirect to the customer',
    rule: 'provider.enterprise.redirect',
    input: uk({ targets: [enterprise({ residenceCountry: 'GB', usPerson: false })] }),
    expect: { route: 'redirect_to_customer', responseDeadline: '2026-10-08T00:00:00.000Z' },
  },
  {
    name: 'UK order for an enterprise with a US person: rejection wins',
    rule: 'uk.opo.us_person_target',
    input: uk({ targets: [enterprise({ residenceCountry: 'GB', usPerson: true })] }),
    expect: { route: 'reject', flags: ['us_person_target'] },
  },
  {
    name: 'comity, GDPR and overbreadth together on one warrant',
    rule: 'us.cloud_act.comity_review',
    input: us({
      target: { residenceCountry: 'GB', usPerson: false, storageCountry: 'IE', wholeTenant: true },
      dateRange: { from: null, to: null },
    }),
    expect: { flags: ['comity_review', 'gdpr_transfer_review', 'overbroad'], route: 'comply' },
  },
  {
    name: 'two targets: one enterprise is enough to redirect',
    rule: 'provider.enterprise.redirect',
    input: us({ targets: [us().targets[0]!, enterprise()] }),
    expect: { route: 'redirect_to_customer' },
  },
  {
    name: 'EU preservation from Denmark is refused even so',
    rule: 'eu.regime.state_not_bound',
    input: eu({ jurisdiction: 'DK', instrument: 'european_preservation_order' }),
    expect: {
      route: 'reject',
      flags: ['regime_not_applicable'],
      preservationUntil: null,
      notFired: ['eu.epor.preserve'],
    },
  },
];
