/**
 * The SQL behind transparency reports. One GROUP BY over the period's demands (joined once to the
 * per-demand totals of their targets) yields every fact row a report needs; the derived values
 * (secrecy term, notice plan, accounts affected) are computed exactly as src/domain/report-facts.ts
 * computes them for the events, so the database and the public ledger give the same figures.
 * National-security process is left out of every row and counted apart, for banding.
 */
import { sql } from 'kysely';
import type { ChallengeState } from '../domain/matter-state.ts';
import type { NoticePlan, SecrecyTerm } from '../domain/report-facts.ts';
import { NATIONAL_SECURITY_INSTRUMENTS, PRESERVATION_INSTRUMENTS, type DataCategory, type Disposition, type Instrument } from '../domain/vocabulary.ts';
import type { FactRow, TrendPoint } from '../reports/fact-rows.ts';
import type { NationalSecurityCounts } from '../reports/national-security.ts';
import type { Period } from '../reports/period.ts';
import type { Db, Tx } from './database.ts';

type Q = Db | Tx;

const NS = [...NATIONAL_SECURITY_INSTRUMENTS];
const PRESERVATION = [...PRESERVATION_INSTRUMENTS];
/** Event types whose public leaves determine a report (the freshness check looks for these). */
export const REPORT_EVENT_TYPES = ['demand.received', 'demand.closed', 'challenge.changed', 'agency.created'];

const utc = (day: string) => new Date(`${day}T00:00:00Z`);

interface GroupRow {
  jurisdiction: string;
  instrument: Instrument;
  data_categories: DataCategory[];
  emergency: boolean;
  enterprise: boolean;
  extraterritorial: boolean;
  secrecy_term: SecrecyTerm | null;
  notice_plan: NoticePlan;
  disposition: Disposition | null;
  challenge_state: ChallengeState;
  demands: string;
  accounts: string;
  enterprise_accounts: string;
  accounts_affected: string;
}

/**
 * The fact rows of the demands received in `period` (national-security process excluded). Run as
 * a tenant (asTenant), row-level security narrows it to that tenant's demands and targets.
 */
export async function reportFactRows(q: Q, period: Pick<Period, 'from' | 'to'>): Promise<FactRow[]> {
  const { rows } = await sql<GroupRow>`
    with d as (
      select d.id, d.jurisdiction, d.instrument, d.data_categories, d.disposition, d.challenge_state,
        d.emergency is not null as emergency,
        case
          when d.secrecy_order is null then null
          when d.secrecy_order ->> 'expiresAt' is null then 'indefinite'
          when (d.secrecy_order ->> 'expiresAt')::timestamptz - (d.secrecy_order ->> 'issuedAt')::timestamptz > interval '365 days' then 'over_a_year'
          else 'a_year_or_less'
        end as secrecy_term,
        case d.decision -> 'notice' ->> 'mode'
          when 'never' then 'never' when 'delayed' then 'delayed' when 'after_emergency' then 'delayed' else 'at_once'
        end as notice_plan
      from demands d
      where d.received_at >= ${utc(period.from)} and d.received_at < ${utc(period.to)}
        and d.instrument <> all(${NS}::text[])
    ), t as (
      -- Targets totalled per demand (one hash aggregate), then joined once to the demands.
      select t.demand_id, count(*) as n, count(*) filter (where c.kind = 'enterprise') as ent,
        coalesce(bool_or(a.data_location <> d.jurisdiction), false) as xt
      from d
      join demand_targets t on t.demand_id = d.id
      join customers c on c.id = t.customer_id
      left join accounts a on a.id = t.account_id
      group by t.demand_id
    )
    select d.jurisdiction, d.instrument, d.data_categories, d.emergency,
      coalesce(t.ent, 0) > 0 as enterprise, coalesce(t.xt, false) as extraterritorial,
      d.secrecy_term, d.notice_plan, d.disposition, d.challenge_state,
      count(*) as demands, coalesce(sum(t.n), 0) as accounts, coalesce(sum(t.ent), 0) as enterprise_accounts,
      coalesce(sum(t.n) filter (where d.disposition in ('non_content_disclosed', 'content_disclosed')), 0) as accounts_affected
    from d left join t on t.demand_id = d.id
    group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`.execute(q);
  const out: FactRow[] = [];
  for (const r of rows) {
    const dims = { jurisdiction: r.jurisdiction, instrument: r.instrument, dataCategories: r.data_categories, emergency: r.emergency, enterprise: r.enterprise };
    const demands = Number(r.demands);
    out.push({
      kind: 'received',
      ...dims,
      extraterritorial: r.extraterritorial,
      secrecyTerm: r.secrecy_term,
      noticePlan: r.notice_plan,
      demands,
      accountsSpecified: Number(r.accounts),
      enterpriseAccounts: Number(r.enterprise_accounts),
    });
    if (r.disposition !== null) out.push({ kind: 'closed', ...dims, disposition: r.disposition, demands, accountsAffected: Number(r.accounts_affected) });
    if (r.challenge_state !== 'none') out.push({ kind: 'challenge', state: r.challenge_state, demands });
  }
  return out;
}

/** Received and disclosing production demands per half-year, for the trend chart. */
export async function reportTrend(q: Q, halves: readonly Period[]): Promise<TrendPoint[]> {
  if (halves.length === 0) return [];
  const { rows } = await sql<{ i: number; received: string; disclosed: string }>`
    select h.i, count(d.id) as received,
      count(d.id) filter (where d.disposition in ('non_content_disclosed', 'content_disclosed')) as disclosed
    from unnest(${halves.map((h) => utc(h.from))}::timestamptz[], ${halves.map((h) => utc(h.to))}::timestamptz[]) with ordinality as h(lo, hi, i)
    left join demands d on d.received_at >= h.lo and d.received_at < h.hi
      and d.instrument <> all(${[...NS, ...PRESERVATION]}::text[])
    group by h.i order by h.i`.execute(q);
  return rows.map((r) => ({ period: halves[Number(r.i) - 1]!.label, received: Number(r.received), disclosed: Number(r.disclosed) }));
}

/** Countries of the agency directory: shown in a report even when they sent nothing. */
export async function directoryCountries(q: Q): Promise<string[]> {
  const { rows } = await sql<{ country: string }>`select distinct country from agencies order by country`.execute(q);
  return rows.map((r) => r.country);
}

/** Exact counts of national-security process received in the period (banded before publication). */
export async function nationalSecurityCounts(q: Q, period: Pick<Period, 'from' | 'to'>): Promise<NationalSecurityCounts> {
  const { rows } = await sql<{ instrument: string; content: boolean; demands: string; accounts: string }>`
    select d.instrument, d.data_categories && array['content', 'real_time']::text[] as content,
      count(*) as demands, coalesce(sum((select count(*) from demand_targets t where t.demand_id = d.id)), 0) as accounts
    from demands d
    where d.received_at >= ${utc(period.from)} and d.received_at < ${utc(period.to)} and d.instrument = any(${NS}::text[])
    group by 1, 2`.execute(q);
  const counts: NationalSecurityCounts = { nsl: { demands: 0, accounts: 0 }, fisaContent: { demands: 0, accounts: 0 }, fisaNonContent: { demands: 0, accounts: 0 } };
  for (const r of rows) {
    const bucket = r.instrument === 'national_security_letter' ? counts.nsl : r.content ? counts.fisaContent : counts.fisaNonContent;
    bucket.demands += Number(r.demands);
    bucket.accounts += Number(r.accounts);
  }
  return counts;
}

/**
 * How many events that a report counts are not yet covered by the checkpoint of `treeSize`
 * (waiting to be sequenced, or sequenced past it). Zero means the database and the ledger up to
 * that checkpoint tell the same story.
 */
export async function reportEventsBeyond(q: Q, treeSize: number): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select (select count(*) from ledger_pending p join events e on e.id = p.event_id where e.type = any(${REPORT_EVENT_TYPES}::text[]))
      + (select count(*) from ledger_leaves l join events e on e.id = l.event_id where l.idx >= ${treeSize} and e.type = any(${REPORT_EVENT_TYPES}::text[])) as n`.execute(q);
  return Number(rows[0]!.n);
}

/** Targets of a demand that belong to enterprise customers (for the demand.closed event). */
export async function countEnterpriseTargets(q: Q, demandId: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select count(*) as n from demand_targets t join customers c on c.id = t.customer_id
    where t.demand_id = ${demandId} and c.kind = 'enterprise'`.execute(q);
  return Number(rows[0]!.n);
}
