/** Cases for the United States pack: the SCA ladder, warrants, emergencies, preservation, NSLs, FISA, CLOUD Act. */
import { consumer, us } from './fixtures.ts';
import type { PolicyCase } from './harness.ts';

const gbResident = consumer({ residenceCountry: 'GB', usPerson: false, storageCountry: 'GB' });

export const US_CASES: PolicyCase[] = [
  {
    name: 'warrant from a court reaches content',
    rule: 'us.warrant.content',
    input: us(),
    expect: {
      route: 'comply',
      sufficient: ['subscriber', 'non_content', 'content'],
      notice: 'now',
      responseDeadline: null,
      packs: ['us-federal', 'provider'],
    },
  },
  {
    name: 'unsigned warrant is invalid',
    rule: 'us.process.unsigned',
    input: us({ signed: false }),
    expect: { route: 'reject', flags: ['unsigned_instrument'], insufficient: ['content'] },
  },
  {
    name: 'unsigned subpoena is invalid',
    rule: 'us.process.unsigned',
    input: us({ instrument: 'subpoena', signed: false, dataCategories: ['subscriber'] }),
    expect: { route: 'reject', flags: ['unsigned_instrument'], insufficient: ['subscriber'] },
  },
  {
    name: 'EPO presented by a US authority',
    rule: 'us.instrument.foreign_only',
    input: us({ instrument: 'european_production_order' }),
    expect: { route: 'reject', flags: ['instrument_not_available'] },
  },
  {
    name: 'subpoena reaches subscriber information',
    rule: 'us.subpoena.basic_subscriber',
    input: us({
      instrument: 'subpoena',
      issuingAuthority: { kind: 'prosecutor' },
      issuingCourt: null,
      dataCategories: ['subscriber'],
    }),
    expect: { route: 'comply', sufficient: ['subscriber'] },
  },
  {
    name: 'subpoena asking for content too: produce subscriber data only',
    rule: 'us.subpoena.basic_subscriber',
    input: us({
      instrument: 'subpoena',
      issuingAuthority: { kind: 'prosecutor' },
      dataCategories: ['subscriber', 'content'],
    }),
    expect: { route: 'comply', sufficient: ['subscriber'], insufficient: ['content'] },
  },
  {
    name: 'grand jury subpoena for content only is rejected',
    rule: 'us.subpoena.basic_subscriber',
    input: us({ instrument: 'grand_jury_subpoena', dataCategories: ['content'] }),
    expect: { route: 'reject', insufficient: ['content'] },
  },
  {
    name: 'subpoena does not reach non-content records',
    rule: 'us.subpoena.basic_subscriber',
    input: us({ instrument: 'subpoena', dataCategories: ['non_content'] }),
    expect: { route: 'reject', insufficient: ['non_content'] },
  },
  {
    name: '2703(d) order reaches non-content records',
    rule: 'us.order_2703d.non_content',
    input: us({ instrument: 'court_order_2703d', dataCategories: ['subscriber', 'non_content'] }),
    expect: { route: 'comply', sufficient: ['subscriber', 'non_content'] },
  },
  {
    name: '2703(d) order does not reach content',
    rule: 'us.order_2703d.non_content',
    input: us({ instrument: 'court_order_2703d', dataCategories: ['content'] }),
    expect: { route: 'reject', insufficient: ['content'] },
  },
  {
    name: 'warrant issued by the police is no warrant',
    rule: 'us.warrant.not_a_court',
    input: us({ issuingAuthority: { kind: 'police' } }),
    expect: { route: 'reject', flags: ['issuer_not_competent'], insufficient: ['content'] },
  },
  {
    name: 'warrant naming no issuing court',
    rule: 'us.warrant.not_a_court',
    input: us({ issuingCourt: null }),
    expect: { route: 'reject', flags: ['issuer_not_competent'] },
  },
  {
    name: 'warrant served exactly 14 days after issue is in time',
    rule: 'us.warrant.content',
    input: us({ issuedAt: '2026-09-01T15:00:00Z', receivedAt: '2026-09-15T23:30:00Z', now: '2026-09-16T08:00:00Z' }),
    expect: {
      route: 'comply',
      noFlags: ['execution_period_expired'],
      notFired: ['us.warrant.federal_execution_period'],
    },
  },
  {
    name: 'warrant served 15 days after issue is stale',
    rule: 'us.warrant.federal_execution_period',
    input: us({ issuedAt: '2026-09-01T15:00:00Z', receivedAt: '2026-09-16T00:30:00Z', now: '2026-09-16T08:00:00Z' }),
    expect: { route: 'reject', flags: ['execution_period_expired'], insufficient: ['subscriber', 'content'] },
  },
  {
    name: 'California warrant served on day 10 is in time',
    rule: 'us.warrant.content',
    input: us({
      jurisdictionSubdivision: 'US-CA',
      issuedAt: '2026-09-01T10:00:00Z',
      receivedAt: '2026-09-11T18:00:00Z',
      now: '2026-09-12T00:00:00Z',
    }),
    expect: {
      route: 'comply',
      notFired: ['us.warrant.california_execution_period', 'us.warrant.federal_execution_period'],
    },
  },
  {
    name: 'California warrant served on day 11 is void',
    rule: 'us.warrant.california_execution_period',
    input: us({
      jurisdictionSubdivision: 'US-CA',
      issuedAt: '2026-09-01T10:00:00Z',
      receivedAt: '2026-09-12T08:00:00Z',
      now: '2026-09-12T09:00:00Z',
    }),
    expect: { route: 'reject', flags: ['execution_period_expired'] },
  },
  {
    name: 'Texas warrant: state period not encoded, counsel checks',
    rule: 'us.warrant.other_state_period',
    input: us({ jurisdictionSubdivision: 'US-TX', issuedAt: '2026-08-01T10:00:00Z' }),
    expect: { route: 'clarify', flags: ['state_law_review'], noFlags: ['execution_period_expired'] },
  },
  {
    name: 'warrant without a date of issue',
    rule: 'us.warrant.issue_date_missing',
    input: us({ issuedAt: null }),
    expect: { route: 'clarify', flags: ['information_missing'] },
  },
  {
    name: 'civil subpoena never reaches content',
    rule: 'us.civil.no_content',
    input: us({
      instrument: 'civil_subpoena',
      issuingAuthority: { kind: 'civil_litigant' },
      dataCategories: ['content'],
    }),
    expect: { route: 'reject', insufficient: ['content'] },
  },
  {
    name: 'civil subpoena may obtain subscriber records',
    rule: 'us.civil.no_content',
    input: us({
      instrument: 'civil_subpoena',
      issuingAuthority: { kind: 'civil_litigant' },
      dataCategories: ['subscriber', 'non_content'],
    }),
    expect: { route: 'comply', sufficient: ['subscriber', 'non_content'] },
  },
  {
    name: 'verified emergency request: voluntary disclosure',
    rule: 'us.emergency.voluntary_disclosure',
    input: us({
      instrument: 'emergency_request',
      issuingAuthority: { kind: 'police' },
      issuingCourt: null,
      emergency: { description: 'kidnapping in progress' },
    }),
    expect: { route: 'comply', sufficient: ['subscriber', 'content'], notice: 'after_emergency' },
  },
  {
    name: 'emergency request that describes no emergency',
    rule: 'us.emergency.no_emergency_stated',
    input: us({ instrument: 'emergency_request', issuingAuthority: { kind: 'police' } }),
    expect: { route: 'clarify', flags: ['information_missing'], insufficient: ['subscriber'] },
  },
  {
    name: '2703(f) preservation for 90 days',
    rule: 'us.preservation.2703f',
    input: us({
      instrument: 'preservation_request',
      issuingAuthority: { kind: 'police' },
      dataCategories: ['subscriber', 'content'],
    }),
    expect: {
      route: 'preserve_only',
      preservationUntil: '2026-12-02T09:00:00.000Z',
      sufficient: ['content'],
      noFlags: ['preservation_extension_exhausted'],
    },
  },
  {
    name: '2703(f) preservation renewed once: 180 days',
    rule: 'us.preservation.2703f',
    input: us({ instrument: 'preservation_request', preservationRenewals: 1 }),
    expect: {
      route: 'preserve_only',
      preservationUntil: '2027-03-02T09:00:00.000Z',
      noFlags: ['preservation_extension_exhausted'],
    },
  },
  {
    name: '2703(f) preservation renewed twice: no further extension',
    rule: 'us.preservation.extension_exhausted',
    input: us({ instrument: 'preservation_request', preservationRenewals: 2 }),
    expect: {
      route: 'preserve_only',
      preservationUntil: '2027-03-02T09:00:00.000Z',
      flags: ['preservation_extension_exhausted'],
    },
  },
  {
    name: 'preservation cannot capture future communications',
    rule: 'us.preservation.existing_data_only',
    input: us({ instrument: 'preservation_request', dataCategories: ['content', 'real_time'] }),
    expect: { route: 'preserve_only', sufficient: ['content'], insufficient: ['real_time'] },
  },
  {
    name: 'NSL reaches subscriber data, never content',
    rule: 'us.nsl.scope',
    input: us({
      instrument: 'national_security_letter',
      issuingAuthority: { kind: 'national_security' },
      issuingCourt: null,
      dataCategories: ['subscriber', 'content'],
      nondisclosureCertified: true,
    }),
    expect: {
      route: 'comply',
      sufficient: ['subscriber'],
      insufficient: ['content'],
      notice: 'delayed',
      flags: ['national_security_band'],
    },
  },
  {
    name: 'NSL reaches toll billing records',
    rule: 'us.nsl.toll_billing_records',
    input: us({
      instrument: 'national_security_letter',
      issuingAuthority: { kind: 'national_security' },
      dataCategories: ['non_content'],
      nondisclosureCertified: true,
      tollBillingRecordsOnly: true,
    }),
    expect: { route: 'comply', sufficient: ['non_content'], notice: 'delayed' },
  },
  {
    name: 'FISA order reaches what it specifies, in secret',
    rule: 'us.fisa.order',
    input: us({
      instrument: 'fisa_order',
      issuingAuthority: { kind: 'court' },
      dataCategories: ['content', 'real_time'],
    }),
    expect: {
      route: 'comply',
      sufficient: ['content', 'real_time'],
      notice: 'never',
      notFired: ['us.real_time.needs_interception_order'],
    },
  },
  {
    name: 'FISA orders are reported only in bands',
    rule: 'us.national_security.reporting_bands',
    input: us({ instrument: 'fisa_order' }),
    expect: { flags: ['national_security_band'] },
  },
  {
    name: 'warrant does not reach real-time interception',
    rule: 'us.real_time.needs_interception_order',
    input: us({ dataCategories: ['content', 'real_time'] }),
    expect: { route: 'comply', sufficient: ['content'], insufficient: ['real_time'] },
  },
  {
    name: 'data stored abroad is within reach of a US warrant',
    rule: 'us.cloud_act.data_abroad',
    input: us({ target: { storageCountry: 'JP' } }),
    expect: { route: 'comply', sufficient: ['content'], noFlags: ['comity_review'] },
  },
  {
    name: 'non-US person in a qualifying state: comity review within 14 days',
    rule: 'us.cloud_act.comity_review',
    input: us({ targets: [gbResident] }),
    expect: { route: 'comply', flags: ['comity_review'], deadlines: { motion_to_quash: '2026-09-17T09:00:00.000Z' } },
  },
  {
    name: 'comity review when it is not known whether the customer is a US person (the motion window must not pass unseen)',
    rule: 'us.cloud_act.comity_review',
    input: us({ target: { residenceCountry: 'GB', usPerson: null, storageCountry: 'IE' } }),
    expect: { flags: ['comity_review'] },
  },
  {
    name: 'no comity review for a US person abroad',
    rule: 'us.warrant.content',
    input: us({ target: { residenceCountry: 'GB', usPerson: true, storageCountry: 'IE' } }),
    expect: { noFlags: ['comity_review'], notFired: ['us.cloud_act.comity_review'] },
  },
  {
    name: 'comity review also when data sits in a qualifying state',
    rule: 'us.cloud_act.comity_review',
    input: us({ target: { residenceCountry: 'FR', usPerson: false, storageCountry: 'AU' } }),
    expect: { flags: ['comity_review'] },
  },
  {
    name: 'no statutory comity motion for subscriber data',
    rule: 'us.subpoena.basic_subscriber',
    input: us({ instrument: 'subpoena', dataCategories: ['subscriber'], targets: [gbResident] }),
    expect: { noFlags: ['comity_review'], deadlines: { motion_to_quash: null } },
  },
  {
    name: 'no comity motion where no qualifying government is involved',
    rule: 'us.cloud_act.data_abroad',
    input: us({ target: { residenceCountry: 'FR', usPerson: false, storageCountry: 'JP' } }),
    expect: { noFlags: ['comity_review'] },
  },
  {
    name: 'no comity motion for a US person abroad',
    rule: 'us.cloud_act.data_abroad',
    input: us({ target: { residenceCountry: 'GB', usPerson: true, storageCountry: 'GB' } }),
    expect: { noFlags: ['comity_review'] },
  },
  {
    name: 'EEA-held data: GDPR transfer review',
    rule: 'us.gdpr.eu_stored_data',
    input: us({ target: { storageCountry: 'DE' } }),
    expect: { route: 'comply', flags: ['gdpr_transfer_review'] },
  },
  {
    name: '2705(b) order without individual findings is challenged',
    rule: 'us.secrecy.not_individualized',
    input: us({
      secrecyOrder: {
        legalBasis: '18 U.S.C. 2705(b)',
        issuedAt: '2026-09-01T00:00:00Z',
        expiresAt: '2027-03-01T00:00:00Z',
        individualizedFindings: false,
      },
    }),
    expect: { flags: ['secrecy_order_challenge'], notice: 'delayed', noticeUntil: '2027-03-01T00:00:00.000Z' },
  },
];
