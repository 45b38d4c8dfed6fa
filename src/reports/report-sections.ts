/**
 * Every section of a transparency report, computed from fact rows: totals, per country, per legal
 * process, per data category, emergency and preservation demands, the enterprise section, secrecy
 * orders and their challenges, and data stored outside the requesting country. Pure.
 *
 * Private parties' requests (a civil litigant's subpoena) are not government demands: they are
 * counted apart (privateRequests), and every other figure of requests (totals, countries,
 * processes, data categories, emergency and preservation demands, the trend) is of government
 * demands only. Preservation demands (which ask to keep data, not to hand it over) are counted
 * apart too: totals, countries, data categories and emergency figures are about production demands
 * only. The per-process list has every instrument, preservation included; the enterprise,
 * secrecy and extraterritorial sections cover all demands, government and private.
 */
import { countryName } from '../domain/countries.ts';
import {
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  INSTRUMENTS,
  INSTRUMENT_LABELS,
  NATIONAL_SECURITY_INSTRUMENTS,
  PRESERVATION_INSTRUMENTS,
  type DataCategory,
  type Instrument,
} from '../domain/vocabulary.ts';
import type { ChallengeRow, ClosedRow, FactRow, NoticeRow, ReceivedRow } from './fact-rows.ts';
import { type Figures, type Share, figuresOf } from './figures.ts';

/** A country's demands under one legal process (for per-country, per-process layouts such as Google's). */
export interface CountryProcessFigures {
  instrument: Instrument;
  received: number;
  accountsSpecified: number;
  closed: number;
  someDataProduced: Share;
}

export interface CountryFigures extends Figures {
  /** ISO 3166-1 alpha-2 (also the CLDR territory code). */
  country: string;
  countryName: string;
  /** The legal processes this country used in the period (production demands). */
  legalProcess: CountryProcessFigures[];
  /** Its preservation demands, per preservation instrument it used (counted apart from the rest). */
  preservation: CountryProcessFigures[];
}

export interface InstrumentFigures extends Figures {
  instrument: Instrument;
  label: string;
}

export interface CategoryFigures extends Figures {
  category: DataCategory;
  label: string;
}

/** Demands that concerned enterprise customers. */
export interface EnterpriseSection {
  demands: number;
  /** Enterprise accounts named. */
  accountsSpecified: number;
  redirected: number;
  contentDisclosed: number;
  nonContentDisclosed: number;
  open: number;
  /** The customer notice the policy decided at intake. */
  notice: { atOnce: number; delayed: number; never: number };
}

/** Customer notices actually sent to one kind of customer, of the demands received in the period. */
export interface NoticeAudience {
  /** The base: demands naming an account of such a customer (an enterprise's, a consumer's). */
  demands: number;
  /** Demands whose notice was sent to such a customer, and their share of the base (in percent). */
  noticeSent: Share;
  /** Customers of this kind told. */
  customersTold: number;
}

/** Customer notices actually sent (RDR P12), not planned: to enterprise customers and to consumers. */
export interface NoticesSection {
  enterprise: NoticeAudience;
  consumer: NoticeAudience;
}

/** Demands that came with a secrecy (non-disclosure) order. */
export interface SecrecySection {
  demands: number;
  /** Without an end date. */
  indefinite: number;
  /** Running more than 365 days. */
  overAYear: number;
  /** Challenged (filed or ruled on) and the rulings so far. */
  challenged: number;
  pending: number;
  upheld: number;
  narrowed: number;
  vacated: number;
}

/** Demands naming an account whose data is stored outside the requesting country. */
export interface ExtraterritorialSection {
  demands: number;
  byCountry: { country: string; countryName: string; demands: number }[];
}

/** A country's private requests. */
export interface CountryPrivateFigures extends Figures {
  country: string;
  countryName: string;
}

/** Requests of private parties (civil litigants), which are not government demands. */
export interface PrivateSection extends Figures {
  /** Their preservation requests, counted apart like the government's. */
  preservation: number;
  /** Per requesting country, the countries with any. */
  byCountry: CountryPrivateFigures[];
}

export interface ReportSections {
  totals: Figures;
  privateRequests: PrivateSection;
  preservation: Figures;
  emergency: Figures;
  byCountry: CountryFigures[];
  byInstrument: InstrumentFigures[];
  byDataCategory: CategoryFigures[];
  enterprise: EnterpriseSection;
  notices: NoticesSection;
  secrecyOrders: SecrecySection;
  extraterritorial: ExtraterritorialSection;
}

const isPreservation = (r: { instrument: Instrument }) => PRESERVATION_INSTRUMENTS.has(r.instrument);
const isGovernment = (r: { requesterKind: string }) => r.requesterKind === 'government';

function split(rows: readonly FactRow[]) {
  const received: ReceivedRow[] = [];
  const closed: ClosedRow[] = [];
  const challenges: ChallengeRow[] = [];
  const notices: NoticeRow[] = [];
  for (const r of rows) {
    if (r.kind === 'received') received.push(r);
    else if (r.kind === 'closed') closed.push(r);
    else if (r.kind === 'notice') notices.push(r);
    else challenges.push(r);
  }
  return { received, closed, challenges, notices };
}

/** Countries ordered by demands received (most first), then by code. */
function byVolume<T extends { country: string; received: number }>(list: T[]): T[] {
  return list.sort((a, b) => b.received - a.received || a.country.localeCompare(b.country));
}

/**
 * All sections. `countries` lists countries to show even with no demand (the countries of the
 * agency directory), so a country that sent nothing appears with zeros.
 */
export function reportSections(rows: readonly FactRow[], countries: readonly string[]): ReportSections {
  const all = split(rows);
  type Rows = { received: ReceivedRow[]; closed: ClosedRow[] };
  const only = (from: Rows, p: (r: ReceivedRow | ClosedRow) => boolean): Rows => ({
    received: from.received.filter(p),
    closed: from.closed.filter(p),
  });
  const government = only(all, isGovernment);
  const production = only(government, (r) => !isPreservation(r));
  const where = (p: (r: ReceivedRow | ClosedRow) => boolean, from = production) =>
    figuresOf(from.received.filter(p), from.closed.filter(p));

  const preserving = only(government, isPreservation);
  const privateAll = only(all, (r) => !isGovernment(r));
  const privateProduction = only(privateAll, (r) => !isPreservation(r));
  const countrySet = new Set([
    ...countries,
    ...all.received.map((r) => r.jurisdiction),
    ...all.closed.map((r) => r.jurisdiction),
  ]);
  const processesOf = (country: string, from = production): CountryProcessFigures[] =>
    INSTRUMENTS.flatMap((instrument) => {
      const f = where((r) => r.jurisdiction === country && r.instrument === instrument, from);
      return f.received === 0 && f.closed === 0
        ? []
        : [
            {
              instrument,
              received: f.received,
              accountsSpecified: f.accountsSpecified,
              closed: f.closed,
              someDataProduced: f.someDataProduced,
            },
          ];
    });
  const byCountry = byVolume(
    [...countrySet].map((country) => ({
      country,
      countryName: countryName(country),
      ...where((r) => r.jurisdiction === country),
      legalProcess: processesOf(country),
      preservation: processesOf(country, preserving),
    })),
  );

  const byInstrument = INSTRUMENTS.filter((i) => !NATIONAL_SECURITY_INSTRUMENTS.has(i)).map((instrument) => ({
    instrument,
    label: INSTRUMENT_LABELS[instrument],
    ...where((r) => r.instrument === instrument, government),
  }));
  const privateCountries = [...new Set(privateProduction.received.map((r) => r.jurisdiction))];
  const privateRequests: PrivateSection = {
    ...figuresOf(privateProduction.received, privateProduction.closed),
    preservation: privateAll.received.filter(isPreservation).reduce((n, r) => n + r.demands, 0),
    byCountry: byVolume(
      privateCountries.map((country) => ({
        country,
        countryName: countryName(country),
        ...where((r) => r.jurisdiction === country, privateProduction),
      })),
    ),
  };
  const byDataCategory = DATA_CATEGORIES.map((category) => ({
    category,
    label: DATA_CATEGORY_LABELS[category],
    ...where((r) => r.dataCategories.includes(category)),
  }));

  const ent = { received: all.received.filter((r) => r.enterprise), closed: all.closed.filter((r) => r.enterprise) };
  const entFigures = figuresOf(ent.received, ent.closed);
  const sum = <T extends { demands: number }>(list: readonly T[], p: (r: T) => boolean) =>
    list.reduce((n, r) => n + (p(r) ? r.demands : 0), 0);
  const enterprise: EnterpriseSection = {
    demands: entFigures.received,
    accountsSpecified: ent.received.reduce((n, r) => n + r.enterpriseAccounts, 0),
    redirected: entFigures.dispositions.redirected_to_customer.count,
    contentDisclosed: entFigures.dispositions.content_disclosed.count,
    nonContentDisclosed: entFigures.dispositions.non_content_disclosed.count,
    open: entFigures.open,
    notice: {
      atOnce: sum(ent.received, (r) => r.noticePlan === 'at_once'),
      delayed: sum(ent.received, (r) => r.noticePlan === 'delayed'),
      never: sum(ent.received, (r) => r.noticePlan === 'never'),
    },
  };

  const sentTo = (base: number, sent: number, told: number): NoticeAudience => ({
    demands: base,
    // Of its own base, not one of a set: rounded to the nearest tenth.
    noticeSent: { count: sent, percent: base === 0 ? 0 : Math.round((sent * 1000) / base) / 10 },
    customersTold: told,
  });
  const total = <K extends keyof NoticeRow>(k: K) => all.notices.reduce((n, r) => n + (r[k] as number), 0);
  const notices: NoticesSection = {
    enterprise: sentTo(entFigures.received, total('toEnterprise'), total('enterpriseCustomers')),
    consumer: sentTo(
      all.received.reduce((n, r) => n + r.consumerDemands, 0),
      total('toConsumers'),
      total('consumerCustomers'),
    ),
  };

  const inState = (s: string) => sum(all.challenges, (c) => c.state === s);
  const challenge = {
    filed: inState('filed'),
    upheld: inState('upheld'),
    narrowed: inState('narrowed'),
    vacated: inState('vacated'),
  };
  const secrecyOrders: SecrecySection = {
    demands: sum(all.received, (r) => r.secrecyTerm !== null),
    indefinite: sum(all.received, (r) => r.secrecyTerm === 'indefinite'),
    overAYear: sum(all.received, (r) => r.secrecyTerm === 'over_a_year'),
    challenged: challenge.filed + challenge.upheld + challenge.narrowed + challenge.vacated,
    pending: challenge.filed,
    upheld: challenge.upheld,
    narrowed: challenge.narrowed,
    vacated: challenge.vacated,
  };

  const xt = all.received.filter((r) => r.extraterritorial);
  const xtCountries = [...new Set(xt.map((r) => r.jurisdiction))].sort();
  const extraterritorial: ExtraterritorialSection = {
    demands: sum(xt, () => true),
    byCountry: xtCountries
      .map((country) => ({
        country,
        countryName: countryName(country),
        demands: sum(xt, (r) => r.jurisdiction === country),
      }))
      .sort((a, b) => b.demands - a.demands || a.country.localeCompare(b.country)),
  };

  return {
    totals: where(() => true),
    privateRequests,
    preservation: figuresOf(preserving.received, preserving.closed),
    emergency: where((r) => r.emergency),
    byCountry,
    byInstrument,
    byDataCategory,
    enterprise,
    notices,
    secrecyOrders,
    extraterritorial,
  };
}
