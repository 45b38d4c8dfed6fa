/**
 * Demo demands: which agency sends what, about whom, with which secrecy orders and emergencies,
 * spread over the last three years. Pure and seeded; the loader runs each through intake.
 *
 * The demands are meant to be what agencies really send, so that the engine recommends rejecting
 * only the few made flawed on purpose, and a reader sees it catch them: unsigned process, subpoenas
 * that ask for content, look-alike and free-mail requesters, unbounded date ranges, whole-tenant
 * targets, and now and then a European order sent before the Regulation applies.
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
const EU_ORDERS: ReadonlySet<Instrument> = new Set(['european_production_order', 'european_preservation_order']);

/**
 * Regulation (EU) 2023/1543 applies from 18 August 2026 (Art. 34). Before that day no authority
 * could send a European Production or Preservation Order, so the demo's EU agencies only send them
 * from then on (the e-Evidence pack would rightly refuse an earlier one).
 */
export const EU_E_EVIDENCE_APPLIES_FROM = Date.parse('2026-08-18T00:00:00Z');

/**
 * Deliberate flaw: now and then an EU authority sends an order under the Regulation before it
 * applies, so the demo shows the engine refusing it. A handful over three years, no more.
 */
const PREMATURE_EU_ORDER_CHANCE = 0.02;

/**
 * Instruments only a court or judge can issue. The agency that serves one is often not its issuer
 * (a police department serves the warrant a judge signed), so the demand names the court.
 */
const COURT_ISSUED_INSTRUMENTS: ReadonlySet<Instrument> = new Set([
  'search_warrant',
  'court_order_2703d',
  'overseas_production_order',
  'foreign_court_order',
  'fisa_order',
]);

function instrumentFor(rng: Random, a: DemoAgency, received: number): Instrument {
  if (a.kind === 'civil_litigant') return 'civil_subpoena';
  if (a.kind === 'national_security') return rng.chance(0.7) ? 'national_security_letter' : 'fisa_order';
  if (a.country === 'US') {
    if (a.kind === 'court')
      return rng.weighted([
        ['search_warrant', 6],
        ['court_order_2703d', 4],
      ] as const);
    return rng.weighted([
      ['subpoena', 30],
      ['grand_jury_subpoena', 8],
      ['court_order_2703d', 15],
      ['search_warrant', 25],
      ['emergency_request', 10],
      ['preservation_request', 12],
    ] as const);
  }
  if (EU.has(a.country)) return euInstrument(rng, received);
  if (a.country === 'GB')
    return rng.weighted([
      ['overseas_production_order', 50],
      ['emergency_request', 15],
      ['preservation_request', 15],
      ['foreign_court_order', 20],
    ] as const);
  return rng.weighted([
    ['foreign_court_order', 40],
    ['mlat_request', 30],
    ['emergency_request', 15],
    ['preservation_request', 15],
  ] as const);
}

/**
 * What an EU authority sends a provider established outside its state. Before the e-Evidence
 * Regulation applies: a court order of its own law (for records), a request through mutual legal
 * assistance (for content), a preservation request to hold the data until that request arrives,
 * and emergency requests. From then on mostly European Production and Preservation Orders.
 */
function euInstrument(rng: Random, received: number): Instrument {
  if (received >= EU_E_EVIDENCE_APPLIES_FROM)
    return rng.weighted([
      ['european_production_order', 55],
      ['european_preservation_order', 20],
      ['emergency_request', 8],
      ['mlat_request', 7],
      ['foreign_court_order', 10],
    ] as const);
  if (rng.chance(PREMATURE_EU_ORDER_CHANCE))
    return rng.chance(0.7) ? 'european_production_order' : 'european_preservation_order';
  return rng.weighted([
    ['foreign_court_order', 50],
    ['preservation_request', 25],
    ['emergency_request', 15],
    ['mlat_request', 10],
  ] as const);
}

/**
 * Courts that issue what the directory's non-court agencies serve, by ISO 3166-2 subdivision or,
 * for national agencies, by country. Used when the directory holds no court of the agency's own
 * subdivision.
 */
const ISSUING_COURTS: Record<string, readonly string[]> = {
  US: [
    'United States District Court for the District of Columbia',
    'United States District Court for the Eastern District of Virginia',
    'United States District Court for the Northern District of California',
  ],
  'US-CA': ['Superior Court of California, County of Los Angeles'],
  'US-IL': ['Circuit Court of Cook County'],
  'US-NY': ['Supreme Court of the State of New York, New York County'],
  'US-TX': ['District Court of Travis County, Texas'],
  DE: ['Ermittlungsrichter des Bundesgerichtshofs'],
  'DE-BE': ['Amtsgericht Tiergarten'],
  FR: ['Tribunal judiciaire de Paris'],
  NL: ['Rechtbank Den Haag'],
  IE: ['District Court (Dublin Metropolitan District)'],
  ES: ['Juzgado Central de Instrucción nº 1, Audiencia Nacional'],
  IT: ['Tribunale di Milano, Ufficio del Giudice per le indagini preliminari'],
  PL: ['Sąd Okręgowy w Warszawie'],
  // Only a judge can make an overseas production order; in England and Wales, a Crown Court judge.
  GB: ['Crown Court at Southwark'],
  BR: ['10ª Vara Federal Criminal da Seção Judiciária do Distrito Federal'],
  IN: ['Court of the Special Judge (CBI), Rouse Avenue Court Complex, New Delhi'],
  JP: ['Tokyo District Court'],
  AU: ['Magistrates Court of the Australian Capital Territory'],
  CA: ['Ontario Court of Justice'],
  MX: ['Centro de Justicia Penal Federal en la Ciudad de México'],
};

/**
 * The court a demand names as its issuer: the agency itself when it is a court; for a
 * court-issued instrument served by another agency, a court of that agency's own place; otherwise
 * none (a subpoena, a request or a letter is the serving agency's own).
 */
function issuingCourtFor(
  rng: Random,
  instrument: Instrument,
  a: DemoAgency,
  agencies: readonly DemoAgency[],
): string | null {
  if (a.kind === 'court') return a.name;
  if (!COURT_ISSUED_INSTRUMENTS.has(instrument)) return null;
  if (instrument === 'fisa_order') return 'United States Foreign Intelligence Surveillance Court';
  // A US Attorney's Office applies to the district court of its own district.
  const district =
    a.country === 'US' && a.kind === 'prosecutor'
      ? /(?:(?:Northern|Southern|Eastern|Western|Central|Middle) )?District of [\w ]+$/.exec(a.name)?.[0]
      : undefined;
  if (district) return `United States District Court for the ${district}`;
  // A directory court counts only within the same subdivision: a court of the same country alone may
  // sit in another city (a Paris prosecutor does not apply to a court in Lyon).
  const local = agencies.find(
    (c) =>
      c.kind === 'court' && c.country === a.country && a.subdivision !== undefined && c.subdivision === a.subdivision,
  );
  if (local) return local.name;
  const courts = (a.subdivision ? ISSUING_COURTS[a.subdivision] : undefined) ?? ISSUING_COURTS[a.country];
  if (!courts)
    throw new Error(
      `no issuing court known for ${a.country}${a.subdivision ? ` (${a.subdivision})` : ''}: add one to ISSUING_COURTS`,
    );
  return rng.pick(courts);
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
      return rng
        .weighted([
          [['subscriber', 'non_content', 'content'], 5],
          [['content'], 3],
          [['subscriber'], 2],
        ] as const)
        .slice();
    case 'foreign_court_order':
      // US law lets a provider give a foreign authority records but not content (18 U.S.C. 2702), and
      // providers say so in their guidelines: local process mostly asks for records. Now and then it
      // asks for content anyway, and the engine sends it to mutual legal assistance.
      return rng
        .weighted([
          [['subscriber'], 5],
          [['subscriber', 'non_content'], 4],
          [['subscriber', 'non_content', 'content'], 1],
        ] as const)
        .slice();
    case 'national_security_letter':
      return ['subscriber'];
    case 'fisa_order':
      return rng.chance(0.5) ? ['content'] : ['non_content'];
    case 'european_production_order':
      return rng
        .weighted([
          [['subscriber'], 5],
          [['subscriber', 'non_content'], 3],
          [['content'], 2],
        ] as const)
        .slice();
    case 'emergency_request':
      return rng.chance(0.6) ? ['subscriber', 'non_content'] : ['subscriber'];
    default:
      return ['subscriber', 'non_content', 'content'];
  }
}

/** Offences punishable by at least this many years are serious enough for every regime the demo uses. */
const SERIOUS_CRIME_YEARS = 3;

/**
 * The offence under investigation. An authority does not ask for what its law refuses for the
 * offence: a European Production Order for traffic data or content (Reg. (EU) 2023/1543, Art. 5(4))
 * and an overseas production order (US-UK Agreement, serious crime only) need an offence punishable
 * by at least 3 years.
 */
function offenceFor(rng: Random, instrument: Instrument, categories: DataCategory[]): (typeof OFFENCES)[number] {
  const serious =
    instrument === 'overseas_production_order' ||
    (instrument === 'european_production_order' && categories.some((c) => c !== 'subscriber'));
  return rng.pick(serious ? OFFENCES.filter((o) => o.years >= SERIOUS_CRIME_YEARS) : OFFENCES);
}

/**
 * The facts of an EU demand the Regulation turns on. A police authority may issue a European order
 * only with a judge's (or prosecutor's) validation, and a prosecutor's production order for
 * traffic data or content needs a judge's (Art. 4(1)(b), 4(2)(b)): the authority obtains it
 * before sending the order.
 */
function euLegalFacts(
  rng: Random,
  a: DemoAgency,
  instrument: Instrument,
  categories: DataCategory[],
): DemandIntake['legalFacts'] {
  const euOrder = EU_ORDERS.has(instrument);
  const beyondSubscriber = categories.some((c) => c !== 'subscriber');
  return {
    issuingAuthority: a.kind === 'court' ? 'judge' : a.kind === 'prosecutor' ? 'prosecutor' : 'police',
    validatedByJudge:
      euOrder &&
      (a.kind === 'police' ||
        (a.kind === 'prosecutor' && instrument === 'european_production_order' && beyondSubscriber)),
    offenceCommittedInIssuingState: rng.chance(0.8),
    personResidesInIssuingState: rng.chance(0.7),
  };
}

const iso = (t: number) => new Date(t).toISOString();

export interface DemoDemand {
  input: DemandIntake;
  receivedAt: Date;
}

/** What a demand is, before the details are drawn: who sends what, when, and anything fixed. */
interface DemandShape {
  agency: DemoAgency & { id: string };
  instrument: Instrument;
  received: number;
  /** Fixed targets; drawn from the pool when absent. */
  targets?: DemandIntake['targets'];
  /** Fixed data categories; drawn for the instrument when absent. */
  categories?: DataCategory[];
  /** `draw`: as agencies send them; `none`; `until`: an order with an end; `indefinite`. */
  secrecy: 'draw' | 'none' | 'until' | 'indefinite';
  /** An emergency (an emergency request always is one; a European order may be). */
  emergency: boolean;
  /** Now and then flawed (free-mail or look-alike requester, unsigned, no date range): or never. */
  flaws: boolean;
  /** Sent within the hour it was written (an emergency on today's desk). */
  sentAtOnce?: boolean;
}

function drawTargets(rng: Random, pool: DemoTargetPool): DemandIntake['targets'] {
  const enterprise = rng.chance(0.3);
  if (enterprise && rng.chance(0.08)) return [{ kind: 'domain', value: rng.pick(pool.enterpriseDomains) }];
  const n = rng.weighted([
    [1, 8],
    [2, 2],
    [3, 1],
  ] as const);
  const emails = enterprise ? pool.enterpriseEmails : pool.consumerEmails;
  return [...new Set(Array.from({ length: n }, () => rng.pick(emails)))].map((value) => ({
    kind: 'email' as const,
    value,
  }));
}

const EMERGENCIES = [
  'Credible threat to life posted from the account',
  'Missing child last seen using the account',
  'Kidnapping with ransom demand sent from the account',
  'Stated intent to self-harm',
];

function demandInput(rng: Random, s: DemandShape, agencies: readonly DemoAgency[], pool: DemoTargetPool): DemandIntake {
  const { agency, instrument, received } = s;
  const targets = s.targets ?? drawTargets(rng, pool);
  const officer = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
  const emailDomain = s.flaws
    ? rng.weighted([
        [agency.domain, 92],
        ['gmail.com', 4],
        [agency.domain.replace(/^(\w)(\w)/, '$2$1'), 4],
      ] as const)
    : agency.domain;
  // An order under the Regulation is not issued before it applies, however soon after it is served.
  const earliest =
    EU_ORDERS.has(instrument) && received >= EU_E_EVIDENCE_APPLIES_FROM ? EU_E_EVIDENCE_APPLIES_FROM : -Infinity;
  const issued = s.sentAtOnce
    ? received - rng.int(5, 50) * 60_000
    : Math.max(earliest, received - rng.int(0, 6) * DAY - rng.int(0, 8) * 3600_000);
  const fromYears = rng.int(1, 3);
  const drawnSecrecy =
    s.secrecy === 'draw' &&
    (instrument === 'national_security_letter' ||
      instrument === 'fisa_order' ||
      (agency.country === 'US' && rng.chance(0.3)));
  const secrecy =
    drawnSecrecy || s.secrecy === 'until' || s.secrecy === 'indefinite'
      ? {
          legalBasis:
            instrument === 'national_security_letter'
              ? '18 U.S.C. 2709(c)'
              : instrument === 'fisa_order'
                ? '50 U.S.C. 1861(d)'
                : '18 U.S.C. 2705(b)',
          issuedAt: iso(issued),
          expiresAt:
            s.secrecy === 'indefinite' || (s.secrecy === 'draw' && rng.chance(0.3))
              ? null
              : iso(
                  issued +
                    rng.weighted([
                      [90, 4],
                      [180, 3],
                      [365, 2],
                      [730, 1],
                    ] as const) *
                      DAY,
                ),
          individualizedFindings: s.secrecy === 'indefinite' ? false : rng.chance(0.6),
        }
      : null;
  const dataCategories = s.categories ?? categoriesFor(rng, instrument);
  const offence = offenceFor(rng, instrument, dataCategories);
  return {
    channel: rng.weighted([
      ['agency_portal', 6],
      ['email', 3],
      ['post', 1],
    ] as const),
    receivedAt: iso(received),
    agencyId: agency.id,
    requester: {
      name: officer,
      email: `${officer.toLowerCase().replace(/[^a-z]+/g, '.')}@${emailDomain}`,
      phone: null,
    },
    jurisdiction: agency.country,
    jurisdictionSubdivision: agency.subdivision ?? null,
    instrument,
    issuedAt: iso(issued),
    issuingCourt: issuingCourtFor(rng, instrument, agency, agencies),
    caseNumber: `${agency.country}-${new Date(issued).getUTCFullYear()}-${rng.int(1000, 99999)}`,
    signed: !s.flaws || rng.chance(0.97),
    targets,
    dataCategories,
    dateRange:
      s.flaws && rng.chance(0.1)
        ? { from: null, to: null }
        : { from: iso(received - fromYears * 365 * DAY), to: iso(received - rng.int(0, 30) * DAY) },
    emergency: s.emergency ? { description: rng.pick(EMERGENCIES) } : null,
    secrecyOrder: secrecy,
    offence: { description: offence.description, maxSentenceYears: offence.years, listedOffence: false },
    legalFacts: EU.has(agency.country)
      ? euLegalFacts(rng, agency, instrument, dataCategories)
      : // A national security letter states whether the FBI certified the need for secrecy
        // (18 U.S.C. 2709(c)(1)); the demo's letters, like most, are certified.
        instrument === 'national_security_letter'
        ? { nondisclosureCertified: true }
        : {},
  };
}

/** `count` demands received between three years before `now` and `now`, oldest first. */
export function generateDemands(
  rng: Random,
  count: number,
  agencies: (DemoAgency & { id: string })[],
  pool: DemoTargetPool,
  now: Date,
): DemoDemand[] {
  const start = now.getTime() - 3 * 365 * DAY;
  const times = Array.from(
    { length: count },
    () => start + Math.floor(rng.next() ** 0.8 * (now.getTime() - start - DAY)),
  ).sort((a, b) => a - b);
  const weights = agencies.map((a) => [a, a.country === 'US' ? 5 : EU.has(a.country) ? 3 : 1.5] as const);
  return times.map((received) => {
    const agency = rng.weighted(weights);
    const instrument = instrumentFor(rng, agency, received);
    const shape: DemandShape = {
      agency,
      instrument,
      received,
      secrecy: 'draw',
      emergency: instrument === 'emergency_request',
      flaws: true,
    };
    return { input: demandInput(rng, shape, agencies, pool), receivedAt: new Date(received) };
  });
}

/**
 * Where the legal team has taken a demand of today's desk, in the order a demand reaches them:
 * `called_back` is a requester called back but not yet confirmed; `package_prepared` and
 * `one_approval` are awaiting disclosure with a package and none or one approval.
 */
export const DESK_STAGES = [
  'verifying_requester',
  'called_back',
  'legal_review',
  'redirected',
  'rejected',
  'awaiting_disclosure',
  'package_prepared',
  'one_approval',
  'approved',
  'produced',
] as const;
export type DeskStage = (typeof DESK_STAGES)[number];

/** What kind of demand a desk slot holds. */
type DeskKind =
  | 'emergency'
  | 'eu_emergency'
  | 'eu_order'
  | 'eu_preservation'
  | 'preservation'
  | 'secrecy'
  | 'indefinite_secrecy'
  | 'warrant'
  | 'subpoena'
  | 'enterprise'
  | 'customer_redirect'
  | 'foreign'
  | 'content_abroad';

/**
 * Today's desk: the open demands a legal team has in hand on a working day, across every state and
 * track, each with its clocks running. [stage, kind, how many].
 */
const DESK: readonly (readonly [DeskStage, DeskKind, number])[] = [
  ['verifying_requester', 'emergency', 2],
  ['verifying_requester', 'eu_emergency', 1],
  ['verifying_requester', 'eu_order', 1],
  ['verifying_requester', 'warrant', 2],
  ['verifying_requester', 'subpoena', 2],
  ['verifying_requester', 'secrecy', 1],
  ['called_back', 'emergency', 1],
  ['called_back', 'eu_order', 1],
  ['called_back', 'subpoena', 1],
  ['legal_review', 'emergency', 1],
  ['legal_review', 'eu_emergency', 1],
  ['legal_review', 'eu_order', 4],
  ['legal_review', 'secrecy', 2],
  ['legal_review', 'indefinite_secrecy', 2],
  ['legal_review', 'warrant', 2],
  ['legal_review', 'subpoena', 2],
  ['legal_review', 'preservation', 3],
  ['legal_review', 'eu_preservation', 2],
  ['legal_review', 'foreign', 2],
  ['legal_review', 'enterprise', 1],
  ['redirected', 'customer_redirect', 1],
  ['redirected', 'enterprise', 3],
  ['rejected', 'content_abroad', 2],
  ['awaiting_disclosure', 'warrant', 2],
  ['awaiting_disclosure', 'eu_order', 1],
  ['awaiting_disclosure', 'secrecy', 1],
  ['package_prepared', 'warrant', 1],
  ['package_prepared', 'eu_order', 1],
  ['one_approval', 'warrant', 1],
  ['one_approval', 'secrecy', 1],
  ['approved', 'warrant', 1],
  ['approved', 'eu_order', 1],
  ['produced', 'emergency', 1],
  ['produced', 'warrant', 1],
];

export interface DeskDemand extends DemoDemand {
  stage: DeskStage;
  /** Counsel has filed a challenge to the secrecy order (when the decision flagged one). */
  fileChallenge: boolean;
}

const HOUR = 3_600_000;

/**
 * How long before `now` a desk demand arrived: emergencies within the hours their clock allows,
 * European orders inside their 10 days, others within days, so that what was done with it fits.
 */
function ageOf(rng: Random, kind: DeskKind, stage: DeskStage): number {
  const deep = DESK_STAGES.indexOf(stage) > DESK_STAGES.indexOf('legal_review');
  if (kind === 'emergency' || kind === 'eu_emergency')
    return deep ? rng.int(3, 6) * DAY : rng.int(stage === 'legal_review' ? 70 : 20, 150) * 60_000;
  if (kind === 'eu_order') return rng.int(deep ? 3 : 1, 8) * DAY - rng.int(0, 10) * HOUR;
  if (kind === 'eu_preservation' || kind === 'preservation') return rng.int(4, 45) * DAY;
  return (deep ? rng.int(3, 14) : rng.int(0, 5)) * DAY + rng.int(1, 20) * HOUR;
}

/** One desk demand of a kind. */
function deskShape(
  rng: Random,
  kind: DeskKind,
  deep: boolean,
  received: number,
  agencies: (DemoAgency & { id: string })[],
  pool: DemoTargetPool,
  customerDomain: string,
): DemandShape {
  const of = (f: (a: DemoAgency) => boolean) => rng.pick(agencies.filter(f));
  const usPolice = (a: DemoAgency) => a.country === 'US' && (a.kind === 'police' || a.kind === 'prosecutor');
  // A state court's warrant from a state whose execution period the packs do not encode waits for
  // counsel (clarify): the demands counsel has moved past review are federal ones.
  const federal = (a: DemoAgency) => usPolice(a) && !a.subdivision;
  const usIssuer = deep ? federal : usPolice;
  const euAuthority = (a: DemoAgency) => EU.has(a.country) && a.kind !== 'court';
  const enterpriseEmails = (domain?: string) =>
    domain ? pool.enterpriseEmails.filter((e) => e.endsWith(`@${domain}`)) : pool.enterpriseEmails;
  const consumer = (): DemandIntake['targets'] => [{ kind: 'email', value: rng.pick(pool.consumerEmails) }];
  const base = { received, secrecy: 'none' as const, emergency: false, flaws: false };
  switch (kind) {
    case 'emergency':
      return {
        ...base,
        agency: of(usPolice),
        instrument: 'emergency_request',
        emergency: true,
        sentAtOnce: true,
        targets: consumer(),
        categories: ['subscriber', 'non_content'],
      };
    case 'eu_emergency':
      return {
        ...base,
        agency: of((a) => EU.has(a.country) && a.kind === 'police'),
        instrument: 'european_production_order',
        emergency: true,
        sentAtOnce: true,
        targets: consumer(),
        categories: ['subscriber'],
      };
    case 'eu_order':
      return {
        ...base,
        agency: of(euAuthority),
        instrument: 'european_production_order',
        targets: consumer(),
        categories: rng.chance(0.6) ? ['subscriber'] : ['subscriber', 'non_content'],
      };
    case 'eu_preservation':
      return { ...base, agency: of(euAuthority), instrument: 'european_preservation_order', targets: consumer() };
    case 'preservation':
      return { ...base, agency: of(usPolice), instrument: 'preservation_request', targets: consumer() };
    case 'secrecy':
    case 'indefinite_secrecy':
      return {
        ...base,
        agency: of(usIssuer),
        instrument: rng.chance(0.6) ? 'search_warrant' : 'court_order_2703d',
        secrecy: kind === 'secrecy' ? 'until' : 'indefinite',
        targets: consumer(),
      };
    case 'warrant':
      return { ...base, agency: of(usIssuer), instrument: 'search_warrant', targets: consumer() };
    case 'subpoena':
      return {
        ...base,
        agency: of(usPolice),
        instrument: 'subpoena',
        targets: consumer(),
        categories: ['subscriber'],
      };
    case 'enterprise':
    case 'customer_redirect': {
      const emails = enterpriseEmails(kind === 'customer_redirect' ? customerDomain : undefined);
      return {
        ...base,
        agency: of(usIssuer),
        instrument: 'search_warrant',
        targets: [{ kind: 'email', value: rng.pick(emails) }],
      };
    }
    case 'foreign':
      return {
        ...base,
        agency: of((a) => a.country === 'GB' && a.kind !== 'court'),
        instrument: 'overseas_production_order',
        targets: consumer(),
        categories: ['subscriber', 'non_content', 'content'],
      };
    case 'content_abroad':
      return {
        ...base,
        agency: of((a) => !EU.has(a.country) && !['US', 'GB'].includes(a.country) && a.kind !== 'court'),
        instrument: 'foreign_court_order',
        targets: consumer(),
        categories: ['subscriber', 'non_content', 'content'],
      };
  }
}

/**
 * Today's desk: about fifty demands received in the last weeks, hours for emergencies, each with
 * the stage the legal team has taken it to. `customerDomain` is the enterprise whose admin signs in
 * to the demo's customer portal: one redirect is theirs to answer.
 */
export function generateDesk(
  rng: Random,
  agencies: (DemoAgency & { id: string })[],
  pool: DemoTargetPool,
  now: Date,
  customerDomain: string,
): DeskDemand[] {
  const out: DeskDemand[] = [];
  for (const [stage, kind, count] of DESK)
    for (let i = 0; i < count; i++) {
      const received = now.getTime() - ageOf(rng, kind, stage);
      const deep = DESK_STAGES.indexOf(stage) > DESK_STAGES.indexOf('legal_review');
      const shape = deskShape(rng, kind, deep, received, agencies, pool, customerDomain);
      out.push({
        input: demandInput(rng, shape, agencies, pool),
        receivedAt: new Date(received),
        stage,
        fileChallenge: kind === 'indefinite_secrecy' && i === 0,
      });
    }
  return out.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
}
