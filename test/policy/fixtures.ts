/**
 * Baseline demands, one per regime, and a way to vary them. Each baseline is a valid, ordinary
 * demand that the packs would let through; a case changes only what it is about.
 */
import type { EuFacts, IssuingAuthority, PolicyInput, PolicyTarget, RequesterFacts } from '../../src/policy/types.ts';

/** A change to a baseline. Nested objects are merged; `target` patches every existing target. */
export type Patch = Partial<Omit<PolicyInput, 'issuingAuthority' | 'requester' | 'eu'>> & {
  issuingAuthority?: Partial<IssuingAuthority>;
  requester?: Partial<RequesterFacts>;
  eu?: Partial<EuFacts> | null;
  target?: Partial<PolicyTarget>;
};

export function vary(base: PolicyInput, patch: Patch = {}): PolicyInput {
  const { issuingAuthority, requester, eu, target, ...rest } = patch;
  const targets = rest.targets ?? base.targets;
  return {
    ...base,
    ...rest,
    issuingAuthority: { ...base.issuingAuthority, ...issuingAuthority },
    requester: { ...base.requester, ...requester },
    eu:
      eu === null
        ? null
        : base.eu === null && eu === undefined
          ? null
          : ({ ...EU_FACTS, ...base.eu, ...eu } as EuFacts),
    targets: target ? targets.map((t) => ({ ...t, ...target })) : targets,
  };
}

const EU_FACTS: EuFacts = {
  offenceCommittedInIssuingState: true,
  personResidesInIssuingState: true,
  enforcingStateAnswer: 'none',
};

export const consumer = (t: Partial<PolicyTarget> = {}): PolicyTarget => ({
  customerKind: 'consumer',
  wholeTenant: false,
  residenceCountry: 'US',
  usPerson: true,
  storageCountry: 'US',
  ...t,
});

export const enterprise = (t: Partial<PolicyTarget> = {}): PolicyTarget =>
  consumer({ customerKind: 'enterprise', ...t });

const VERIFIED: RequesterFacts = { verification: 'verified', emailDomainClass: 'verified', callbackConfirmed: true };

/** A federal search warrant for a US consumer, served two days after issue. */
export const US_WARRANT: PolicyInput = {
  now: '2026-09-03T12:00:00Z',
  receivedAt: '2026-09-03T09:00:00Z',
  instrument: 'search_warrant',
  jurisdiction: 'US',
  jurisdictionSubdivision: null,
  issuingAuthority: { kind: 'court', judicialRole: null, validatedBy: null },
  issuedAt: '2026-09-01T15:00:00Z',
  signed: true,
  issuingCourt: 'U.S. District Court for the Northern District of California',
  dataCategories: ['subscriber', 'non_content', 'content'],
  dateRange: { from: '2026-01-01T00:00:00Z', to: '2026-06-30T00:00:00Z' },
  identificationOnly: false,
  targets: [consumer()],
  emergency: null,
  requester: VERIFIED,
  secrecyOrder: null,
  offence: null,
  eu: null,
  preservationRenewals: 0,
  statedDeadline: null,
  noDataFound: false,
};

/** A German judge's production order for subscriber data of a German resident, after 18 Aug 2026. */
export const EU_ORDER: PolicyInput = vary(US_WARRANT, {
  now: '2026-10-01T10:00:00Z',
  receivedAt: '2026-10-01T10:00:00Z',
  instrument: 'european_production_order',
  jurisdiction: 'DE',
  issuingAuthority: { kind: 'court', judicialRole: 'judge' },
  issuedAt: '2026-09-29T00:00:00Z',
  issuingCourt: 'Amtsgericht Berlin-Tiergarten',
  dataCategories: ['subscriber'],
  targets: [consumer({ residenceCountry: 'DE', usPerson: false, storageCountry: 'IE' })],
  offence: { description: 'fraud', maxSentenceYears: 5, listedOffence: false },
  eu: EU_FACTS,
});

/** A UK judge's overseas production order for a UK resident's content. */
export const UK_ORDER: PolicyInput = vary(US_WARRANT, {
  now: '2026-10-01T10:00:00Z',
  receivedAt: '2026-10-01T10:00:00Z',
  instrument: 'overseas_production_order',
  jurisdiction: 'GB',
  issuedAt: '2026-09-15T00:00:00Z',
  issuingCourt: 'Crown Court at Southwark',
  targets: [consumer({ residenceCountry: 'GB', usPerson: false, storageCountry: 'US' })],
  offence: { description: 'conspiracy to defraud', maxSentenceYears: 10, listedOffence: false },
});

/** A Brazilian court order for a Brazilian resident's subscriber data held in the US. */
export const FOREIGN_ORDER: PolicyInput = vary(US_WARRANT, {
  instrument: 'foreign_court_order',
  jurisdiction: 'BR',
  issuingCourt: 'Tribunal de Justiça de São Paulo',
  dataCategories: ['subscriber'],
  targets: [consumer({ residenceCountry: 'BR', usPerson: false, storageCountry: 'US' })],
});

export const us = (p: Patch = {}) => vary(US_WARRANT, p);
export const eu = (p: Patch = {}) => vary(EU_ORDER, p);
export const uk = (p: Patch = {}) => vary(UK_ORDER, p);
export const foreign = (p: Patch = {}) => vary(FOREIGN_ORDER, p);
