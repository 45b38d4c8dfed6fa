/** Cases for the EU e-Evidence pack: issuing authorities, thresholds, notification, deadlines, preservation. */
import { enterprise, eu, type Patch } from './fixtures.ts';
import type { PolicyCase } from './harness.ts';

const prosecutor = { kind: 'prosecutor', judicialRole: 'prosecutor' } as const;
const content: Patch = { dataCategories: ['content'] };
const abroad = { eu: { offenceCommittedInIssuingState: false } };

export const EU_CASES: PolicyCase[] = [
  {
    name: 'judge orders subscriber data: 10-day deadline',
    rule: 'eu.epo.subscriber_issuer',
    input: eu(),
    expect: {
      route: 'comply',
      sufficient: ['subscriber'],
      responseDeadline: '2026-10-11T10:00:00.000Z',
      noFlags: ['enforcing_state_review'],
      packs: ['eu-e-evidence', 'provider'],
    },
  },
  {
    name: 'the standard deadline is 10 days from receipt',
    rule: 'eu.epo.deadline_standard',
    input: eu({ receivedAt: '2026-10-01T23:15:00Z', now: '2026-10-02T08:00:00Z' }),
    expect: { responseDeadline: '2026-10-11T23:15:00.000Z' },
  },
  {
    name: 'prosecutor may order subscriber data',
    rule: 'eu.epo.subscriber_issuer',
    input: eu({ issuingAuthority: prosecutor }),
    expect: { route: 'comply', sufficient: ['subscriber'] },
  },
  {
    name: 'police order validated by a prosecutor',
    rule: 'eu.epo.subscriber_issuer',
    input: eu({ issuingAuthority: { kind: 'police', judicialRole: 'other', validatedBy: 'prosecutor' } }),
    expect: { route: 'comply', sufficient: ['subscriber'] },
  },
  {
    name: 'police order nobody validated',
    rule: 'eu.epo.issuer_not_competent',
    input: eu({ issuingAuthority: { kind: 'police', judicialRole: 'other', validatedBy: null } }),
    expect: { route: 'reject', flags: ['issuer_not_competent'], insufficient: ['subscriber'] },
  },
  {
    name: 'prosecutor may order identification data for any offence',
    rule: 'eu.epo.identification_issuer',
    input: eu({
      issuingAuthority: prosecutor,
      dataCategories: ['non_content'],
      identificationOnly: true,
      offence: { description: 'insult', maxSentenceYears: 1, listedOffence: false },
      ...abroad,
    }),
    expect: {
      route: 'comply',
      sufficient: ['non_content'],
      noFlags: ['enforcing_state_review', 'offence_threshold_not_met'],
    },
  },
  {
    name: 'EPO for content issued by a prosecutor',
    rule: 'eu.epo.content_issuer_not_judicial',
    input: eu({ issuingAuthority: prosecutor, ...content }),
    expect: { route: 'reject', flags: ['issuer_not_competent'], insufficient: ['content'] },
  },
  {
    name: 'prosecutor asks for subscriber data and content: subscriber only',
    rule: 'eu.epo.content_issuer_not_judicial',
    input: eu({ issuingAuthority: prosecutor, dataCategories: ['subscriber', 'content'] }),
    expect: { route: 'comply', sufficient: ['subscriber'], insufficient: ['content'] },
  },
  {
    name: 'prosecutor may not order traffic data',
    rule: 'eu.epo.traffic_issuer_not_judicial',
    input: eu({ issuingAuthority: prosecutor, dataCategories: ['non_content'] }),
    expect: { route: 'reject', flags: ['issuer_not_competent'], insufficient: ['non_content'] },
  },
  {
    name: 'content order validated by an investigating judge',
    rule: 'eu.epo.content_sufficient',
    input: eu({
      issuingAuthority: { kind: 'police', judicialRole: 'other', validatedBy: 'investigating_judge' },
      ...content,
    }),
    expect: { route: 'comply', sufficient: ['content'] },
  },
  {
    name: 'content for an offence under 3 years',
    rule: 'eu.epo.content_threshold_not_met',
    input: eu({ ...content, offence: { description: 'theft', maxSentenceYears: 2, listedOffence: false } }),
    expect: { route: 'reject', flags: ['offence_threshold_not_met'], insufficient: ['content'] },
  },
  {
    name: 'content for a listed offence under 3 years',
    rule: 'eu.epo.content_sufficient',
    input: eu({
      ...content,
      offence: { description: 'illegal access to an information system', maxSentenceYears: 2, listedOffence: true },
    }),
    expect: { route: 'comply', sufficient: ['content'], noFlags: ['offence_threshold_not_met'] },
  },
  {
    name: 'traffic data for an offence under 3 years',
    rule: 'eu.epo.traffic_threshold_not_met',
    input: eu({
      dataCategories: ['non_content'],
      offence: { description: 'theft', maxSentenceYears: 2, listedOffence: false },
    }),
    expect: { route: 'reject', flags: ['offence_threshold_not_met'], insufficient: ['non_content'] },
  },
  {
    name: 'traffic data for an offence of exactly 3 years',
    rule: 'eu.epo.traffic_sufficient',
    input: eu({
      dataCategories: ['non_content'],
      offence: { description: 'fraud', maxSentenceYears: 3, listedOffence: false },
    }),
    expect: { route: 'comply', sufficient: ['non_content'], noFlags: ['offence_threshold_not_met'] },
  },
  {
    name: 'content order that states no sentence',
    rule: 'eu.epo.offence_unknown',
    input: eu({ ...content, offence: { description: 'unspecified', maxSentenceYears: null, listedOffence: false } }),
    expect: { route: 'clarify', flags: ['information_missing'], insufficient: ['content'] },
  },
  {
    name: 'no real-time interception under the Regulation',
    rule: 'eu.stored_data_only',
    input: eu({ dataCategories: ['subscriber', 'real_time'] }),
    expect: { sufficient: ['subscriber'], insufficient: ['real_time'] },
  },
  {
    name: 'content, offence committed abroad: enforcing state notified, provider waits 10 days',
    rule: 'eu.epo.wait_for_review',
    input: eu({ ...content, ...abroad }),
    expect: {
      route: 'comply',
      flags: ['enforcing_state_review'],
      deadlines: { transmit_not_before: '2026-10-11T10:00:00.000Z' },
      responseDeadline: '2026-10-11T10:00:00.000Z',
    },
  },
  {
    name: 'content, person resides elsewhere: enforcing state notified',
    rule: 'eu.epo.enforcing_state_notified',
    input: eu({ ...content, eu: { personResidesInIssuingState: false } }),
    expect: { flags: ['enforcing_state_review'] },
  },
  {
    name: 'content, purely domestic case: no notification',
    rule: 'eu.epo.content_sufficient',
    input: eu(content),
    expect: { noFlags: ['enforcing_state_review'], deadlines: { transmit_not_before: null } },
  },
  {
    name: 'enforcing authority raises no objection: transmit at once',
    rule: 'eu.epo.no_objection',
    input: eu({ ...content, eu: { offenceCommittedInIssuingState: false, enforcingStateAnswer: 'no_objection' } }),
    expect: { route: 'comply', deadlines: { transmit_not_before: null }, responseDeadline: '2026-10-11T10:00:00.000Z' },
  },
  {
    name: 'enforcing authority raises a ground for refusal',
    rule: 'eu.epo.ground_for_refusal',
    input: eu({
      ...content,
      eu: { offenceCommittedInIssuingState: false, enforcingStateAnswer: 'ground_for_refusal' },
    }),
    expect: {
      route: 'reject',
      flags: ['enforcing_state_review'],
      insufficient: ['content'],
      deadlines: { transmit_not_before: null },
    },
  },
  {
    name: 'emergency EPO: 8-hour deadline',
    rule: 'eu.epo.deadline_emergency',
    input: eu({ emergency: { description: 'imminent attack' } }),
    expect: { route: 'comply', responseDeadline: '2026-10-01T18:00:00.000Z', notice: 'never' },
  },
  {
    name: 'emergency content EPO: 96-hour review runs alongside',
    rule: 'eu.epo.emergency_review_window',
    input: eu({ ...content, ...abroad, emergency: { description: 'child at risk' } }),
    expect: {
      responseDeadline: '2026-10-01T18:00:00.000Z',
      deadlines: { enforcing_review_ends: '2026-10-05T10:00:00.000Z', transmit_not_before: null },
    },
  },
  {
    name: 'before 18 August 2026 the Regulation does not apply',
    rule: 'eu.regime.not_yet_applicable',
    input: eu({ now: '2026-08-17T23:59:59Z', receivedAt: '2026-08-17T20:00:00Z' }),
    expect: { route: 'reject', flags: ['regime_not_applicable'], responseDeadline: null },
  },
  {
    name: 'an order issued before 18 August 2026 is refused even when it arrives later',
    rule: 'eu.regime.not_yet_applicable',
    input: eu({ issuedAt: '2026-08-17T12:00:00Z', receivedAt: '2026-08-20T09:00:00Z', now: '2026-08-20T09:00:00Z' }),
    expect: { route: 'reject', flags: ['regime_not_applicable'] },
  },
  {
    name: 'from 18 August 2026 the Regulation applies',
    rule: 'eu.epo.subscriber_issuer',
    input: eu({ now: '2026-08-18T00:00:00Z', receivedAt: '2026-08-18T00:00:00Z' }),
    expect: { route: 'comply', notFired: ['eu.regime.not_yet_applicable'] },
  },
  {
    name: 'Denmark is not bound',
    rule: 'eu.regime.state_not_bound',
    input: eu({ jurisdiction: 'DK' }),
    expect: { route: 'reject', flags: ['regime_not_applicable'] },
  },
  {
    name: 'unsigned certificate: ask the issuing authority',
    rule: 'eu.certificate.unsigned',
    input: eu({ signed: false }),
    expect: { route: 'clarify', flags: ['unsigned_instrument'] },
  },
  {
    name: 'enterprise data: the order should have gone to the controller, and is still answered in time',
    rule: 'eu.epo.controller_first',
    input: eu({ targets: [enterprise({ residenceCountry: 'DE', usPerson: false })] }),
    expect: {
      route: 'comply',
      flags: ['controller_not_addressed'],
      responseDeadline: '2026-10-11T10:00:00.000Z',
      notFired: ['provider.enterprise.redirect'],
    },
  },
  {
    name: 'preservation order: 60 days',
    rule: 'eu.epor.preserve',
    input: eu({
      instrument: 'european_preservation_order',
      issuingAuthority: prosecutor,
      dataCategories: ['subscriber', 'content'],
    }),
    expect: {
      route: 'preserve_only',
      preservationUntil: '2026-11-30T10:00:00.000Z',
      sufficient: ['content'],
      responseDeadline: null,
    },
  },
  {
    name: 'preservation order extended once: 90 days',
    rule: 'eu.epor.preserve',
    input: eu({ instrument: 'european_preservation_order', preservationRenewals: 1 }),
    expect: { preservationUntil: '2026-12-30T10:00:00.000Z', noFlags: ['preservation_extension_exhausted'] },
  },
  {
    name: 'preservation order extended twice',
    rule: 'eu.epor.extension_exhausted',
    input: eu({ instrument: 'european_preservation_order', preservationRenewals: 2 }),
    expect: { preservationUntil: '2026-12-30T10:00:00.000Z', flags: ['preservation_extension_exhausted'] },
  },
  {
    name: 'preservation order from unvalidated police',
    rule: 'eu.epor.issuer_not_competent',
    input: eu({
      instrument: 'european_preservation_order',
      issuingAuthority: { kind: 'police', judicialRole: 'other' },
    }),
    expect: { route: 'reject', flags: ['issuer_not_competent'], preservationUntil: null },
  },
  // Pack 1.3.0: Annex III as published lists "not issued by an issuing authority" among the
  // reasons for non-execution, and the form is sent whenever an order is not executed or not in
  // full. These failed on 1.2.0, which refused such orders without the form.
  {
    name: 'EPO from unvalidated police: refused, and answered on the Annex III form',
    rule: 'eu.epo.issuer_not_competent',
    input: eu({ issuingAuthority: { kind: 'police', judicialRole: 'other', validatedBy: null } }),
    expect: { route: 'reject', flags: ['issuer_not_competent', 'annex_iii_response'] },
  },
  {
    name: 'EPOC-PR from unvalidated police: refused, and answered on the Annex III form',
    rule: 'eu.epor.issuer_not_competent',
    input: eu({
      instrument: 'european_preservation_order',
      issuingAuthority: { kind: 'police', judicialRole: 'other' },
    }),
    expect: { route: 'reject', flags: ['issuer_not_competent', 'annex_iii_response'] },
  },
  {
    name: 'prosecutor asks for subscriber data and content: content refused on the Annex III form',
    rule: 'eu.epo.content_issuer_not_judicial',
    input: eu({ issuingAuthority: prosecutor, dataCategories: ['subscriber', 'content'] }),
    expect: { route: 'comply', sufficient: ['subscriber'], insufficient: ['content'], flags: ['annex_iii_response'] },
  },
  {
    name: 'prosecutor asks for traffic data: refused on the Annex III form',
    rule: 'eu.epo.traffic_issuer_not_judicial',
    input: eu({ issuingAuthority: prosecutor, dataCategories: ['non_content'] }),
    expect: { route: 'reject', flags: ['issuer_not_competent', 'annex_iii_response'] },
  },
];
