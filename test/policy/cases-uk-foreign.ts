/** Cases for the UK overseas production order pack and for foreign governments without an agreement. */
import { consumer, foreign, uk } from './fixtures.ts';
import type { PolicyCase } from './harness.ts';

const inGermany = consumer({ residenceCountry: 'BR', usPerson: false, storageCountry: 'DE' });
const emergency = {
  instrument: 'emergency_request',
  emergency: { description: 'threat to life' },
  issuingAuthority: { kind: 'police' },
} as const;

export const UK_CASES: PolicyCase[] = [
  {
    name: 'judge-made order reaches content',
    rule: 'uk.opo.judge_made',
    input: uk(),
    expect: { route: 'comply', sufficient: ['subscriber', 'non_content', 'content'], packs: ['uk-copoa', 'provider'] },
  },
  {
    name: 'no period stated: 7 days beginning with the day of service',
    rule: 'uk.opo.default_deadline',
    input: uk({ receivedAt: '2026-10-01T16:45:00Z' }),
    expect: { responseDeadline: '2026-10-08T00:00:00.000Z' },
  },
  {
    name: 'the order states its own period',
    rule: 'uk.opo.stated_deadline',
    input: uk({ statedDeadline: '2026-10-20T17:00:00Z' }),
    expect: { responseDeadline: '2026-10-20T17:00:00.000Z', notFired: ['uk.opo.default_deadline'] },
  },
  {
    name: 'order targeting a US person',
    rule: 'uk.opo.us_person_target',
    input: uk({ target: { usPerson: true } }),
    expect: { route: 'reject', flags: ['us_person_target'], insufficient: ['content'] },
  },
  {
    name: 'order targeting a person in the United States',
    rule: 'uk.opo.us_person_target',
    input: uk({ target: { residenceCountry: 'US', usPerson: false } }),
    expect: { route: 'reject', flags: ['us_person_target'] },
  },
  {
    name: 'order made by the police, not a judge',
    rule: 'uk.opo.not_judge_made',
    input: uk({ issuingAuthority: { kind: 'police' } }),
    expect: { route: 'reject', flags: ['issuer_not_competent'] },
  },
  {
    name: 'no interception under an overseas production order',
    rule: 'uk.opo.stored_data_only',
    input: uk({ dataCategories: ['content', 'real_time'] }),
    expect: { sufficient: ['content'], insufficient: ['real_time'] },
  },
  {
    name: 'served on the last day of the 3-month window',
    rule: 'uk.opo.judge_made',
    input: uk({ issuedAt: '2026-07-01T09:00:00Z', receivedAt: '2026-09-30T22:00:00Z', now: '2026-10-01T08:00:00Z' }),
    expect: { route: 'comply', notFired: ['uk.opo.not_served_in_time'] },
  },
  {
    name: 'served the day after the 3-month window: treated as quashed',
    rule: 'uk.opo.not_served_in_time',
    input: uk({ issuedAt: '2026-07-01T09:00:00Z', receivedAt: '2026-10-01T00:10:00Z' }),
    expect: { route: 'reject', flags: ['execution_period_expired'] },
  },
  {
    name: 'offence below the serious-crime threshold',
    rule: 'uk.opo.serious_crime',
    input: uk({ offence: { description: 'common assault', maxSentenceYears: 0.5, listedOffence: false } }),
    expect: { route: 'reject', flags: ['offence_threshold_not_met'] },
  },
];

export const FOREIGN_CASES: PolicyCase[] = [
  {
    name: 'foreign court order for subscriber data: voluntary answer',
    rule: 'foreign.records.voluntary',
    input: foreign(),
    expect: { route: 'comply', sufficient: ['subscriber'], packs: ['foreign-mlat', 'provider'] },
  },
  {
    name: 'foreign court order for content: MLAT',
    rule: 'foreign.content.mlat_required',
    input: foreign({ dataCategories: ['content'] }),
    expect: { route: 'mlat', flags: ['mlat_required'], insufficient: ['content'] },
  },
  {
    name: 'subscriber data and content: MLAT for the content',
    rule: 'foreign.content.mlat_required',
    input: foreign({ dataCategories: ['subscriber', 'content'] }),
    expect: { route: 'mlat', sufficient: ['subscriber'], insufficient: ['content'] },
  },
  {
    name: 'UK request outside the Agreement: MLAT for content',
    rule: 'foreign.content.mlat_required',
    input: foreign({ jurisdiction: 'GB', dataCategories: ['content'] }),
    expect: { route: 'mlat', packs: ['foreign-mlat', 'provider'] },
  },
  {
    name: 'German national court order (not an EPO): MLAT for content',
    rule: 'foreign.content.mlat_required',
    input: foreign({ jurisdiction: 'DE', dataCategories: ['content'], target: { storageCountry: 'US' } }),
    expect: { route: 'mlat' },
  },
  {
    name: 'foreign emergency: records only',
    rule: 'foreign.emergency.records',
    input: foreign({ ...emergency, dataCategories: ['subscriber', 'non_content'] }),
    expect: { route: 'comply', sufficient: ['subscriber', 'non_content'], notice: 'after_emergency' },
  },
  {
    name: 'foreign emergency asking for content: still MLAT',
    rule: 'foreign.emergency.records',
    input: foreign({ ...emergency, dataCategories: ['subscriber', 'content'] }),
    expect: { route: 'mlat', insufficient: ['content'] },
  },
  {
    name: 'foreign preservation request: 90 days',
    rule: 'foreign.preservation.voluntary',
    input: foreign({ instrument: 'preservation_request', dataCategories: ['content'] }),
    expect: { route: 'preserve_only', preservationUntil: '2026-12-02T09:00:00.000Z', noFlags: ['mlat_required'] },
  },
  {
    name: 'MLAT request sent straight to the provider',
    rule: 'foreign.mlat_request.direct',
    input: foreign({ instrument: 'mlat_request' }),
    expect: { route: 'mlat', flags: ['mlat_required'] },
  },
  {
    name: 'foreign order for EEA-held data: GDPR Art. 48',
    rule: 'foreign.gdpr.eu_stored_data',
    input: foreign({ targets: [inGermany] }),
    expect: { route: 'mlat', flags: ['gdpr_transfer_review', 'mlat_required'], insufficient: ['subscriber'] },
  },
  {
    name: 'foreign emergency for EEA-held data: vital interests review',
    rule: 'foreign.gdpr.emergency_vital_interests',
    input: foreign({ ...emergency, targets: [inGermany] }),
    expect: { route: 'comply', flags: ['gdpr_transfer_review'], notFired: ['foreign.gdpr.eu_stored_data'] },
  },
  {
    name: 'EPO from a non-EU state',
    rule: 'foreign.eu_order_outside_eu',
    input: foreign({ instrument: 'european_production_order' }),
    expect: { route: 'reject', flags: ['instrument_not_available'] },
  },
  {
    name: 'production order under an agreement the packs do not hold',
    rule: 'foreign.opo.no_agreement',
    input: foreign({ jurisdiction: 'AU', instrument: 'overseas_production_order', dataCategories: ['content'] }),
    expect: { route: 'mlat', flags: ['instrument_not_available', 'mlat_required'] },
  },
];
