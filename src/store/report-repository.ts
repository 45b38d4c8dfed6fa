/**
 * The SQL behind transparency reports. The provider's fact rows come from one GROUP BY over the
 * period's demands, using the report facts intake stores on each demand row (migration 0009), the
 * same values its demand.received event carries into the public ledger; a tenant's come from the
 * same grouping joined to its own targets. National-security process is left out of every row and
 * counted apart, for banding.
 */
import { sql } from 'kysely';
import type { ChallengeState } from '../domain/matter-state.ts';
import {
  accountsAffectedOf,
  parseReportDimensionsKey,
  type ReportDimensions,
  utcDate,
} from '../domain/report-facts.ts';
import {
  NATIONAL_SECURITY_INSTRUMENTS,
  PRESERVATION_INSTRUMENTS,
  type Disposition,
  type RequesterKind,
} from '../domain/vocabulary.ts';
import type { FactRow, TrendPoint } from '../reports/fact-rows.ts';
import type { NationalSecurityCounts } from '../reports/national-security.ts';
import type { Period } from '../reports/period.ts';
import type { Db, Tx } from './database.ts';

type Q = Db | Tx;

const NS = [...NATIONAL_SECURITY_INSTRUMENTS];
const PRESERVATION = [...PRESERVATION_INSTRUMENTS];
/** Event types whose public leaves determine a report (the freshness check looks for these). */
export const REPORT_EVENT_TYPES = [
  'demand.received',
  'demand.closed',
  'challenge.changed',
  'agency.created',
  'notice.sent',
  'report.national_security_banded',
];

const utc = (day: string) => new Date(`${day}T00:00:00Z`);

/** One group of the report scan: demands sharing their dimensions, disposition and challenge state. */
interface GroupRow {
  dimensions: string;
  disposition: Disposition | null;
  challenge_state: ChallengeState;
  demands: string;
  accounts: string;
  enterprise_accounts: string;
  /** Demands naming an account of a consumer. */
  consumer_demands: string;
  /** Demands whose notice was sent with its report facts, those telling an enterprise customer, a consumer, and the customers told. */
  notices: string;
  notices_enterprise: string;
  notices_consumer: string;
  told_enterprise: string;
  told_consumers: string;
}

/** A tenant's group: the dimensions as received, with the enterprise and abroad facts of ITS targets. */
interface TenantGroupRow extends GroupRow {
  enterprise: boolean;
  extraterritorial: boolean;
}

/**
 * The provider scan's aggregates beyond counts: demands naming a consumer's account, and the
 * notices actually sent (a row's notice columns are null until then, and for a notice sent before
 * its event recorded them, which the ledger cannot count either).
 */
const NOTICE_AGGREGATES = sql`count(*) filter (where report_target_count > report_enterprise_targets) as consumer_demands,
      count(report_notified_enterprise) as notices,
      count(*) filter (where report_notified_enterprise > 0) as notices_enterprise,
      count(*) filter (where report_notified_consumers > 0) as notices_consumer,
      coalesce(sum(report_notified_enterprise), 0) as told_enterprise,
      coalesce(sum(report_notified_consumers), 0) as told_consumers`;

/** What one scan of a period's demands yields for the provider's report. */
export interface PeriodFacts {
  /** Fact rows of every demand but national-security process. */
  rows: FactRow[];
  /** Exact national-security counts, kept apart for banding. */
  nationalSecurity: NationalSecurityCounts;
}

/**
 * The provider's report facts for `period`: ONE scan of `demands` grouped by three of its columns,
 * since intake keeps each demand's reporting dimensions and target counts on the row (migration
 * 0009, copied from the demand.received event, so these figures and the public leaves' agree).
 * National-security process comes out of the same scan and is split off here, before anything
 * else sees it.
 */
export async function reportPeriodFacts(q: Q, period: Pick<Period, 'from' | 'to'>): Promise<PeriodFacts> {
  const { rows } = await sql<GroupRow>`
    select report_dimensions as dimensions, disposition, challenge_state,
      count(*) as demands, sum(report_target_count) as accounts, sum(report_enterprise_targets) as enterprise_accounts,
      ${NOTICE_AGGREGATES}
    from demands
    where received_at >= ${utc(period.from)} and received_at < ${utc(period.to)}
    group by 1, 2, 3`.execute(q);
  const nationalSecurity: NationalSecurityCounts = {
    nsl: { demands: 0, accounts: 0 },
    fisaContent: { demands: 0, accounts: 0 },
    fisaNonContent: { demands: 0, accounts: 0 },
  };
  const out: FactRow[] = [];
  for (const r of rows) {
    const dims = parseReportDimensionsKey(r.dimensions);
    if (!NATIONAL_SECURITY_INSTRUMENTS.has(dims.instrument)) {
      out.push(...factRowsOf(dims, r));
      continue;
    }
    const content = dims.dataCategories.some((c) => c === 'content' || c === 'real_time');
    const bucket =
      dims.instrument === 'national_security_letter'
        ? nationalSecurity.nsl
        : content
          ? nationalSecurity.fisaContent
          : nationalSecurity.fisaNonContent;
    bucket.demands += Number(r.demands);
    bucket.accounts += Number(r.accounts);
  }
  return { rows: out, nationalSecurity };
}

/**
 * The same fact rows for one tenant's report, run as the tenant (asTenant): row-level security
 * narrows demands and targets to the tenant's own, so the counts, the enterprise flag and the
 * storage abroad are of ITS accounts (a demand may also name other customers' accounts, which the
 * row's totals include). Tenants' demands are few, so the join to their targets costs little.
 */
export async function tenantReportFactRows(q: Q, period: Pick<Period, 'from' | 'to'>): Promise<FactRow[]> {
  const { rows } = await sql<TenantGroupRow>`
    with d as (
      select id, jurisdiction, report_dimensions, disposition, challenge_state, report_notified_enterprise,
        report_notified_consumers
      from demands
      where received_at >= ${utc(period.from)} and received_at < ${utc(period.to)}
        and instrument <> all(${NS}::text[])
    ), t as (
      -- The tenant's targets totalled per demand, then joined once to the demands.
      select t.demand_id, count(*) as n, count(*) filter (where c.kind = 'enterprise') as ent,
        coalesce(bool_or(a.data_location <> d.jurisdiction), false) as xt
      from d
      join demand_targets t on t.demand_id = d.id
      join customers c on c.id = t.customer_id
      left join accounts a on a.id = t.account_id
      group by t.demand_id
    )
    select d.report_dimensions as dimensions, d.disposition, d.challenge_state,
      coalesce(t.ent, 0) > 0 as enterprise, coalesce(t.xt, false) as extraterritorial,
      count(*) as demands, coalesce(sum(t.n), 0) as accounts, coalesce(sum(t.ent), 0) as enterprise_accounts,
      count(*) filter (where coalesce(t.n, 0) > coalesce(t.ent, 0)) as consumer_demands,
      count(d.report_notified_enterprise) as notices,
      count(*) filter (where d.report_notified_enterprise > 0) as notices_enterprise,
      count(*) filter (where d.report_notified_consumers > 0) as notices_consumer,
      coalesce(sum(d.report_notified_enterprise), 0) as told_enterprise,
      coalesce(sum(d.report_notified_consumers), 0) as told_consumers
    from d left join t on t.demand_id = d.id
    group by 1, 2, 3, 4, 5`.execute(q);
  return rows.flatMap((r) =>
    factRowsOf(
      { ...parseReportDimensionsKey(r.dimensions), enterprise: r.enterprise, extraterritorial: r.extraterritorial },
      r,
    ),
  );
}

/** The received row of a group, and its closed and challenge rows when it has them. */
function factRowsOf(dims: ReportDimensions, r: GroupRow): FactRow[] {
  const { extraterritorial, secrecyTerm, noticePlan, ...shared } = dims;
  const demands = Number(r.demands);
  const accounts = Number(r.accounts);
  const out: FactRow[] = [
    {
      kind: 'received',
      ...shared,
      extraterritorial,
      secrecyTerm,
      noticePlan,
      demands,
      accountsSpecified: accounts,
      enterpriseAccounts: Number(r.enterprise_accounts),
      consumerDemands: Number(r.consumer_demands),
    },
  ];
  const notices = Number(r.notices);
  if (notices > 0)
    out.push({
      kind: 'notice',
      demands: notices,
      toEnterprise: Number(r.notices_enterprise),
      toConsumers: Number(r.notices_consumer),
      enterpriseCustomers: Number(r.told_enterprise),
      consumerCustomers: Number(r.told_consumers),
    });
  // Every demand of a group has the same disposition, so the accounts of a disclosing group are all affected.
  if (r.disposition !== null)
    out.push({
      kind: 'closed',
      ...shared,
      disposition: r.disposition,
      demands,
      accountsAffected: accountsAffectedOf(r.disposition, accounts),
    });
  if (r.challenge_state !== 'none') out.push({ kind: 'challenge', state: r.challenge_state, demands });
  return out;
}

/**
 * Whether a demand row is a private party's request, by reportedRequesterKind's rule in SQL: the
 * kind its report dimensions hold (their ninth element), or for a row written before they held
 * it, private for a civil subpoena.
 */
const isPrivateRow = sql`coalesce(d.report_dimensions::jsonb ->> 8, case when d.instrument = 'civil_subpoena' then 'private' else 'government' end) = 'private'`;

/** Received and disclosing government production demands per half-year, for the trend chart. */
export async function reportTrend(q: Q, halves: readonly Period[]): Promise<TrendPoint[]> {
  if (halves.length === 0) return [];
  // One range read per half-year (LATERAL), so each reads only its own demands through the index
  // on received_at; a join on the ranges would scan the whole table.
  const { rows } = await sql<{ i: number; received: string; disclosed: string }>`
    select h.i, x.received, x.disclosed
    from unnest(${halves.map((h) => utc(h.from))}::timestamptz[], ${halves.map((h) => utc(h.to))}::timestamptz[]) with ordinality as h(lo, hi, i)
    cross join lateral (
      select count(*) as received,
        count(*) filter (where d.disposition in ('non_content_disclosed', 'content_disclosed')) as disclosed
      from demands d
      where d.received_at >= h.lo and d.received_at < h.hi and d.instrument <> all(${[...NS, ...PRESERVATION]}::text[])
        and not ${isPrivateRow}
    ) x
    order by h.i`.execute(q);
  return rows.map((r) => ({
    period: halves[Number(r.i) - 1]!.label,
    received: Number(r.received),
    disclosed: Number(r.disclosed),
  }));
}

/** Countries of the agency directory: shown in a report even when they sent nothing. */
export async function directoryCountries(q: Q): Promise<string[]> {
  const { rows } = await sql<{ country: string }>`select distinct country from agencies order by country`.execute(q);
  return rows.map((r) => r.country);
}

/**
 * How many events that a report counts are not yet covered by the checkpoint of `treeSize`
 * (waiting to be sequenced, or sequenced past it). Zero means the database and the ledger up to
 * that checkpoint tell the same story.
 */
export async function reportEventsBeyond(q: Q, treeSize: number): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select (select count(*) from ledger_pending p join events e on e.id = p.event_id
        left join demands d on d.id = e.demand_id
        where e.type = any(${REPORT_EVENT_TYPES}::text[])
          and (d.instrument is null or not (d.instrument = any(${[...NATIONAL_SECURITY_INSTRUMENTS]}::text[]))))
      + (select count(*) from ledger_leaves l join events e on e.id = l.event_id where l.idx >= ${treeSize} and e.type = any(${REPORT_EVENT_TYPES}::text[])) as n`.execute(
    q,
  );
  return Number(rows[0]!.n);
}

/**
 * What a demand's closing repeats for the report beyond the demand itself: its targets of
 * enterprise customers, and who made it, as its row's report dimensions hold it (so a closing is
 * counted on the side of the requester its intake was, by the same rule for old rows).
 */
export async function closingReportFacts(
  q: Q,
  demandId: string,
): Promise<{ enterpriseTargets: number; requesterKind: RequesterKind }> {
  const { rows } = await sql<{ n: string; dimensions: string }>`
    select d.report_dimensions as dimensions,
      (select count(*) from demand_targets t join customers c on c.id = t.customer_id
        where t.demand_id = d.id and c.kind = 'enterprise') as n
    from demands d where d.id = ${demandId}`.execute(q);
  const row = rows[0]!;
  return {
    enterpriseTargets: Number(row.n),
    requesterKind: parseReportDimensionsKey(row.dimensions).requesterKind,
  };
}

/** What a sent notice's event records for the report, per demand: its received day, the customers told by kind. */
export interface NoticeReportFacts {
  receivedOn: string;
  enterpriseCustomers: number;
  consumerCustomers: number;
}

/** The report facts of the notices of `demandIds` (one query), for their notice.sent events. */
export async function noticeReportFacts(q: Q, demandIds: readonly string[]): Promise<Map<string, NoticeReportFacts>> {
  if (demandIds.length === 0) return new Map();
  const { rows } = await sql<{ id: string; received_at: Date; ent: string; con: string }>`
    select d.id, d.received_at,
      count(distinct c.id) filter (where c.kind = 'enterprise') as ent,
      count(distinct c.id) filter (where c.kind = 'consumer') as con
    from demands d
    left join demand_targets t on t.demand_id = d.id
    left join customers c on c.id = t.customer_id
    where d.id = any(${[...demandIds]}::uuid[])
    group by d.id`.execute(q);
  return new Map(
    rows.map((r) => [
      r.id,
      { receivedOn: utcDate(r.received_at), enterpriseCustomers: Number(r.ent), consumerCustomers: Number(r.con) },
    ]),
  );
}

/** When the first demand was received, or undefined before any. */
export async function earliestDemandReceived(q: Q): Promise<Date | undefined> {
  const { rows } = await sql<{ t: Date | null }>`select min(received_at) as t from demands`.execute(q);
  return rows[0]?.t ?? undefined;
}

/** The half-years whose national-security bands are in the log already (report.national_security_banded). */
export async function bandedHalfYears(q: Q): Promise<string[]> {
  const { rows } = await sql<{ p: string }>`
    select payload ->> 'period' as p from events where type = 'report.national_security_banded'`.execute(q);
  return rows.map((r) => r.p);
}
