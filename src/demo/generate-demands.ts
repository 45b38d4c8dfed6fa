/**
 * Demo demands: which agency sends what, about whom, with which secrecy orders and emergencies,
 * spread over the last three years. Pure and seeded; the loader runs each through intake.
 */
import type { DataCategory, Instrument } from '../domain/vocabulary.ts';
import type { DemandIntake } from '../workflow/schemas/demand-intake.ts';
import type { DemoAgency } from './directory-data.ts';
import { FIRST_NAMES, LAST_NAMES, OFFENCES } from './directory-data.ts';
import type { Random } from './random.ts';

export interface DemoTargetPool {
  /** Account e-mail addresses of consumers and of enterprise users, with their customer kind. */
  consumerEmails: string[];
  enterpriseEmails: string[];
  enterpriseDomains: string[];
}

const DAY = 86_400_000;
const EU = new Set(['DE', 'FR', 'NL', 'IE', 'ES', 'IT', 'PL']);

function instrumentFor(rng: Random, a: DemoAgency): Instrument {
  if (a.kind === 'civil_litigant') return 'civil_subpoena';
  if (a.kind === 'national_security') return rng.chance(0.7) ? 'national_security_letter' : 'fisa_order';
  if (a.country === 'US') {
    if (a.kind === 'court') return rng.weighted([['search_warrant', 6], ['court_order_2703d', 4]] as const);
    return rng.weighted([['subpoena', 30], ['grand_jury_subpoena', 8], ['court_order_2703d', 15], ['search_warrant', 25], ['emergency_request', 10], ['preservation_request', 12]] as const);
  }
  if (EU.has(a.country)) return rng.weighted([['european_production_order', 55], ['european_preservation_order', 20], ['emergency_request', 8], ['mlat_request', 7], ['foreign_court_order', 10]] as const);
  if (a.country === 'GB') return rng.weighted([['overseas_production_order', 50], ['emergency_request', 15], ['preservation_request', 15], ['foreign_court_order', 20]] as const);
  return rng.weighted([['foreign_court_order', 40], ['mlat_request', 30], ['emergency_request', 15], ['preservation_request', 15]] as const);
}

function categoriesFor(rng: Random, i: Instrument): DataCategory[] {
  switch (i) {
    case 'subpoena':
    case 'grand_jury_subpoena':
    case 'civil_subpoena':
      // Now and then a subpoena over-reaches and asks for content: the engine must catch it.
      return rng.chance(0.12) ? ['subscriber', 'content'] : ['subscriber'];
    case 'court_order_2703d':
      return ['subscriber', 'non_content'];
    case 'search_warrant':
    case 'overseas_production_order':
    case 'mlat_request':
    case 'foreign_court_order':
      return rng.weighted([[['subscriber', 'non_content', 'content'], 5], [['content'], 3], [['subscriber'], 2]] as const).slice();
    case 'national_security_letter':
      return ['subscriber'];
    case 'fisa_order':
      return rng.chance(0.5) ? ['content'] : ['non_content'];
    case 'european_production_order':
      return rng.weighted([[['subscriber'], 5], [['subscriber', 'non_content'], 3], [['content'], 2]] as const).slice();
    case 'emergency_request':
      return rng.chance(0.6) ? ['subscriber', 'non_content'] : ['subscriber'];
    default:
      return ['subscriber', 'non_content', 'content'];
  }
}

const iso = (t: number) => new Date(t).toISOString();

export interface DemoDemand {
  input: DemandIntake;
  receivedAt: Date;
}

/** `count` demands received between three years before `now` and `now`, oldest first. */
export function generateDemands(rng: Random, count: number, agencies: (DemoAgency & { id: string })[], pool: DemoTargetPool, now: Date): DemoDemand[] {
  const start = now.getTime() - 3 * 365 * DAY;
  const times = Array.from({ length: count }, () => start + Math.floor(Math.pow(rng.next(), 0.8) * (now.getTime() - start - DAY)))
    .sort((a, b) => a - b);
  const weights = agencies.map((a) => [a, a.country === 'US' ? 5 : EU.has(a.country) ? 3 : 1.5] as const);
  return times.map((received) => {
    const agency = rng.weighted(weights);
    const instrument = instrumentFor(rng, agency);
    const enterprise = rng.chance(0.3);
    const targets: DemandIntake['targets'] = [];
    if (enterprise && rng.chance(0.08)) targets.push({ kind: 'domain', value: rng.pick(pool.enterpriseDomains) });
    else {
      const n = rng.weighted([[1, 8], [2, 2], [3, 1]] as const);
      const emails = enterprise ? pool.enterpriseEmails : pool.consumerEmails;
      const seen = new Set<string>();
      for (let i = 0; i < n; i++) {
        const e = rng.pick(emails);
        if (!seen.has(e)) targets.push({ kind: 'email', value: e });
        seen.add(e);
      }
    }
    const officer = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    const emailDomain = rng.weighted([[agency.domain, 92], ['gmail.com', 4], [agency.domain.replace(/^(\w)(\w)/, '$2$1'), 4]] as const);
    const issued = received - rng.int(0, 6) * DAY - rng.int(0, 8) * 3600_000;
    const fromYears = rng.int(1, 3);
    const secrecy =
      instrument === 'national_security_letter' || instrument === 'fisa_order' || (agency.country === 'US' && rng.chance(0.3))
        ? {
            legalBasis: instrument === 'national_security_letter' ? '18 U.S.C. 2709(c)' : instrument === 'fisa_order' ? '50 U.S.C. 1861(d)' : '18 U.S.C. 2705(b)',
            issuedAt: iso(issued),
            expiresAt: rng.chance(0.3) ? null : iso(issued + rng.weighted([[90, 4], [180, 3], [365, 2], [730, 1]] as const) * DAY),
            individualizedFindings: rng.chance(0.6),
          }
        : null;
    const offence = rng.pick(OFFENCES);
    const isEu = EU.has(agency.country);
    const input: DemandIntake = {
      channel: rng.weighted([['agency_portal', 6], ['email', 3], ['post', 1]] as const),
      receivedAt: iso(received),
      agencyId: agency.id,
      requester: { name: officer, email: `${officer.toLowerCase().replace(/[^a-z]+/g, '.')}@${emailDomain}`, phone: null },
      jurisdiction: agency.country,
      jurisdictionSubdivision: agency.subdivision ?? null,
      instrument,
      issuedAt: iso(issued),
      issuingCourt: agency.kind === 'court' ? agency.name : null,
      caseNumber: `${agency.country}-${new Date(issued).getUTCFullYear()}-${rng.int(1000, 99999)}`,
      signed: rng.chance(0.97),
      targets,
      dataCategories: categoriesFor(rng, instrument),
      dateRange: rng.chance(0.1) ? { from: null, to: null } : { from: iso(received - fromYears * 365 * DAY), to: iso(received - rng.int(0, 30) * DAY) },
      emergency: instrument === 'emergency_request' ? { description: rng.pick(['Credible threat to life posted from the account', 'Missing child last seen using the account', 'Kidnapping with ransom demand sent from the account', 'Stated intent to self-harm']) } : null,
      secrecyOrder: secrecy,
      offence: { description: offence.description, maxSentenceYears: offence.years, listedOffence: false },
      legalFacts: isEu
        ? {
            issuingAuthority: agency.kind === 'court' ? 'judge' : agency.kind === 'prosecutor' ? 'prosecutor' : 'police',
            validatedByJudge: agency.kind === 'police' ? rng.chance(0.5) : false,
            offenceCommittedInIssuingState: rng.chance(0.8),
            personResidesInIssuingState: rng.chance(0.7),
          }
        : {},
    };
    return { input, receivedAt: new Date(received) };
  });
}
