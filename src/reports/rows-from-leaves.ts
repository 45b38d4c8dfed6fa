/**
 * Fact rows from public ledger leaves, one leaf at a time (so a log of any size streams through in
 * constant memory). Only what a leaf shows in public is read: `demand.received` and
 * `demand.closed` leaves with their received date in the period, `challenge.changed` leaves as +1
 * for the state entered and −1 for the state left, `notice.sent` leaves of demands received in the
 * period, and the countries of `agency.created` leaves.
 * Sealed leaves (national-security process) show nothing and count for nothing here.
 */
import { CHALLENGE_STATES, type ChallengeState } from '../domain/matter-state.ts';
import {
  NOTICE_PLANS,
  SECRECY_TERMS,
  DISCLOSING_DISPOSITIONS,
  reportedRequesterKind,
  type NoticePlan,
  type SecrecyTerm,
} from '../domain/report-facts.ts';
import {
  DATA_CATEGORIES,
  DISPOSITIONS,
  INSTRUMENTS,
  PRESERVATION_INSTRUMENTS,
  REQUESTER_KINDS,
  isOneOf,
  type DataCategory,
  type Disposition,
  type Instrument,
  type RequesterKind,
} from '../domain/vocabulary.ts';
import type { ReportView } from '../ledger/leaf.ts';
import {
  type ChallengeRow,
  type ClosedRow,
  type FactRow,
  type ReceivedRow,
  type TrendPoint,
  rowKey,
} from './fact-rows.ts';
import { type Period, inPeriod } from './period.ts';

/** A leaf whose public fields are not what its type promises. */
export class MalformedReportLeaf extends Error {}

function fail(leaf: ReportView, field: string): never {
  throw new MalformedReportLeaf(`leaf ${leaf.seq} (${leaf.type}): public field "${field}" is missing or not valid`);
}

function str(leaf: ReportView, f: string): string {
  const v = leaf.public[f];
  return typeof v === 'string' ? v : fail(leaf, f);
}
function bool(leaf: ReportView, f: string): boolean {
  const v = leaf.public[f];
  return typeof v === 'boolean' ? v : fail(leaf, f);
}
function count(leaf: ReportView, f: string): number {
  const v = leaf.public[f];
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : fail(leaf, f);
}
function oneOf<T extends string>(leaf: ReportView, f: string, values: readonly T[]): T {
  const v = leaf.public[f];
  return isOneOf(values, v) ? v : fail(leaf, f);
}
function categories(leaf: ReportView): DataCategory[] {
  const v = leaf.public.dataCategories;
  return Array.isArray(v) && v.every((c) => isOneOf(DATA_CATEGORIES, c))
    ? (v as DataCategory[])
    : fail(leaf, 'dataCategories');
}
function secrecyTerm(leaf: ReportView): SecrecyTerm | null {
  return leaf.public.secrecyTerm === null ? null : oneOf(leaf, 'secrecyTerm', SECRECY_TERMS);
}

/** Who made the demand; a record written before it said is read by reportedRequesterKind's rule. */
function requesterKind(leaf: ReportView, instrument: Instrument): RequesterKind {
  if (leaf.public.requesterKind === undefined) return reportedRequesterKind(undefined, instrument);
  return oneOf(leaf, 'requesterKind', REQUESTER_KINDS);
}

/** Production process of a government authority: what the trend counts. */
const inTrend = (instrument: Instrument, kind: RequesterKind) =>
  kind === 'government' && !PRESERVATION_INSTRUMENTS.has(instrument);

/** Accumulates leaves into fact rows for one period (and the trend's half-years). */
export class LeafFacts {
  readonly #period: Pick<Period, 'from' | 'to'>;
  readonly #trend: { period: Period; point: TrendPoint }[];
  readonly #rows = new Map<string, FactRow>();
  readonly #countries = new Set<string>();
  /** National-security bands by half-year, as published in the log. */
  readonly #bands = new Map<string, Readonly<Record<string, unknown>>>();

  constructor(period: Pick<Period, 'from' | 'to'>, trendPeriods: readonly Period[]) {
    this.#period = period;
    this.#trend = trendPeriods.map((p) => ({ period: p, point: { period: p.label, received: 0, disclosed: 0 } }));
  }

  /** Merges a row into the row of the same dimensions. */
  #merge(row: FactRow): void {
    const key = rowKey(row);
    const prev = this.#rows.get(key);
    if (!prev) {
      this.#rows.set(key, { ...row });
      return;
    }
    prev.demands += row.demands;
    if (prev.kind === 'received' && row.kind === 'received') {
      prev.accountsSpecified += row.accountsSpecified;
      prev.enterpriseAccounts += row.enterpriseAccounts;
      prev.consumerDemands += row.consumerDemands;
    }
    if (prev.kind === 'notice' && row.kind === 'notice') {
      prev.toEnterprise += row.toEnterprise;
      prev.toConsumers += row.toConsumers;
      prev.enterpriseCustomers += row.enterpriseCustomers;
      prev.consumerCustomers += row.consumerCustomers;
    }
    if (prev.kind === 'closed' && row.kind === 'closed') prev.accountsAffected += row.accountsAffected;
  }

  #trendFor(receivedOn: string): TrendPoint | undefined {
    return this.#trend.find((t) => inPeriod(t.period, receivedOn))?.point;
  }

  /** Takes one leaf into account. Throws MalformedReportLeaf for a leaf that breaks its type's shape. */
  add(leaf: ReportView): void {
    switch (leaf.type) {
      case 'agency.created':
        this.#countries.add(str(leaf, 'country'));
        return;
      case 'report.national_security_banded':
        this.#bands.set(str(leaf, 'period'), leaf.public);
        return;
      case 'demand.received': {
        const receivedOn = str(leaf, 'receivedOn');
        const instrument = oneOf<Instrument>(leaf, 'instrument', INSTRUMENTS);
        const kind = requesterKind(leaf, instrument);
        if (inTrend(instrument, kind)) {
          const t = this.#trendFor(receivedOn);
          if (t) t.received += 1;
        }
        if (!inPeriod(this.#period, receivedOn)) return;
        const enterpriseTargets = count(leaf, 'enterpriseTargets');
        const row: ReceivedRow = {
          kind: 'received',
          jurisdiction: str(leaf, 'jurisdiction'),
          instrument,
          dataCategories: categories(leaf),
          emergency: bool(leaf, 'emergency'),
          enterprise: enterpriseTargets > 0,
          requesterKind: kind,
          extraterritorial: bool(leaf, 'extraterritorial'),
          secrecyTerm: secrecyTerm(leaf),
          noticePlan: oneOf<NoticePlan>(leaf, 'noticePlan', NOTICE_PLANS),
          demands: 1,
          accountsSpecified: count(leaf, 'targetCount'),
          enterpriseAccounts: enterpriseTargets,
          consumerDemands: count(leaf, 'targetCount') > enterpriseTargets ? 1 : 0,
        };
        this.#merge(row);
        return;
      }
      case 'demand.closed': {
        const receivedOn = str(leaf, 'receivedOn');
        const instrument = oneOf<Instrument>(leaf, 'instrument', INSTRUMENTS);
        const disposition = oneOf<Disposition>(leaf, 'disposition', DISPOSITIONS);
        const kind = requesterKind(leaf, instrument);
        if (inTrend(instrument, kind) && DISCLOSING_DISPOSITIONS.has(disposition)) {
          const t = this.#trendFor(receivedOn);
          if (t) t.disclosed += 1;
        }
        if (!inPeriod(this.#period, receivedOn)) return;
        const row: ClosedRow = {
          kind: 'closed',
          jurisdiction: str(leaf, 'jurisdiction'),
          instrument,
          dataCategories: categories(leaf),
          emergency: bool(leaf, 'emergency'),
          enterprise: count(leaf, 'enterpriseTargets') > 0,
          requesterKind: kind,
          disposition,
          demands: 1,
          accountsAffected: count(leaf, 'accountsAffected'),
        };
        this.#merge(row);
        return;
      }
      case 'notice.sent': {
        // Written before a notice's record carried its demand's received day: counted by no report.
        if (leaf.public.receivedOn === undefined) return;
        if (!inPeriod(this.#period, str(leaf, 'receivedOn'))) return;
        const enterpriseCustomers = count(leaf, 'enterpriseCustomers');
        const consumerCustomers = count(leaf, 'consumerCustomers');
        this.#merge({
          kind: 'notice',
          demands: 1,
          toEnterprise: enterpriseCustomers > 0 ? 1 : 0,
          toConsumers: consumerCustomers > 0 ? 1 : 0,
          enterpriseCustomers,
          consumerCustomers,
        });
        return;
      }
      case 'challenge.changed': {
        if (!inPeriod(this.#period, str(leaf, 'receivedOn'))) return;
        const from = oneOf<ChallengeState>(leaf, 'from', CHALLENGE_STATES);
        const to = oneOf<ChallengeState>(leaf, 'to', CHALLENGE_STATES);
        const rows: ChallengeRow[] = [
          { kind: 'challenge', state: to, demands: 1 },
          { kind: 'challenge', state: from, demands: -1 },
        ];
        for (const r of rows) if (r.state !== 'none') this.#merge(r);
        return;
      }
      default:
        return;
    }
  }

  /** The rows, the directory's countries and the trend so far. */
  result(): {
    rows: FactRow[];
    countries: string[];
    trend: TrendPoint[];
    bands: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  } {
    return {
      bands: this.#bands,
      rows: [...this.#rows.values()],
      countries: [...this.#countries].sort(),
      trend: this.#trend.map((t) => ({ ...t.point })),
    };
  }
}
