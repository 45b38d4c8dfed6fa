/**
 * The legal team's workload, computed in the database: demands received per week, open demands by
 * state, and deadlines at risk. Each figure is one aggregate query over an index, so the dashboard
 * costs the same with a hundred demands or a hundred thousand.
 */
import { sql } from 'kysely';
import { MATTER_STATES, type MatterState } from '../domain/matter-state.ts';
import type { Instrument } from '../domain/vocabulary.ts';
import { clockLabel } from '../domain/clocks.ts';
import type { Db } from './database.ts';

export interface AtRiskDemand {
  reference: string;
  /** The demand's next deadline (kept under this name for the dashboard; see `deadlineKind`). */
  responseDeadline: string;
  deadlineKind: string;
  deadlineLabel: string;
  state: MatterState;
  instrument: Instrument;
  agencyName: string;
}

export interface Workload {
  asOf: string;
  /** Oldest week first; weeks start on Monday 00:00 UTC; weeks with nothing received count 0. */
  receivedPerWeek: { weekStart: string; count: number }[];
  /** Every state but "closed", with 0 where none. */
  openByState: Record<Exclude<MatterState, 'closed'>, number>;
  /** Open demands still owing an answer: past their deadline, due within 24 h, due within 72 h (which includes the 24 h). */
  deadlines: { overdue: number; within24h: number; within72h: number };
  /** The demands whose deadline is nearest (overdue first), at most `atRiskLimit`. */
  atRisk: AtRiskDemand[];
  /** The demand-list query string behind each count, so that every figure leads to its demands. */
  queries: {
    openByState: Record<Exclude<MatterState, 'closed'>, string>;
    deadlines: { overdue: string; within24h: string; within72h: string };
  };
}

/** Open demands still owing an answer: past their deadline, due within 24 h, due within 72 h. */
export async function deadlinesAtRisk(db: Db, now: Date): Promise<Workload['deadlines']> {
  const { rows } = await sql<{ overdue: string; within24h: string; within72h: string }>`
      select count(*) filter (where next_deadline < ${now}::timestamptz)::text as overdue,
             count(*) filter (where next_deadline >= ${now}::timestamptz and next_deadline < ${now}::timestamptz + interval '24 hours')::text as within24h,
             count(*) filter (where next_deadline >= ${now}::timestamptz and next_deadline < ${now}::timestamptz + interval '72 hours')::text as within72h
      from demands
      -- "state <> 'closed'" lets the planner use the partial index demands_next_deadline
      where state <> 'closed' and next_deadline < ${now}::timestamptz + interval '72 hours'`.execute(db);
  const d = rows[0];
  return {
    overdue: Number(d?.overdue ?? 0),
    within24h: Number(d?.within24h ?? 0),
    within72h: Number(d?.within72h ?? 0),
  };
}

export async function workload(db: Db, now: Date, weeks = 12, atRiskLimit = 10): Promise<Workload> {
  const [perWeek, byState, deadlines, atRisk] = await Promise.all([
    sql<{ week_start: Date; count: string }>`
      with w as (
        select generate_series(
          date_trunc('week', ${now}::timestamptz at time zone 'UTC') - make_interval(weeks => ${weeks - 1}),
          date_trunc('week', ${now}::timestamptz at time zone 'UTC'),
          interval '1 week'
        ) at time zone 'UTC' as week_start
      )
      select w.week_start, count(d.id)::text as count
      from w left join demands d on d.received_at >= w.week_start and d.received_at < w.week_start + interval '1 week'
      group by w.week_start
      order by w.week_start`.execute(db),
    db
      .selectFrom('demands')
      .select(['state', sql<string>`count(*)::text`.as('count')])
      .where('state', '<>', 'closed')
      .groupBy('state')
      .execute(),
    deadlinesAtRisk(db, now),
    db
      .selectFrom('demands as d')
      .innerJoin('agencies as a', 'a.id', 'd.agency_id')
      .select([
        'd.reference',
        'd.next_deadline',
        'd.next_deadline_kind',
        'd.state',
        'd.instrument',
        'a.name as agency_name',
      ])
      .where('d.state', '<>', 'closed')
      .where('d.next_deadline', 'is not', null)
      .orderBy('d.next_deadline', 'asc')
      .orderBy('d.id', 'asc')
      .limit(atRiskLimit)
      .execute(),
  ]);
  const openByState = Object.fromEntries(
    MATTER_STATES.filter((s) => s !== 'closed').map((s) => [s, 0]),
  ) as Workload['openByState'];
  for (const r of byState) openByState[r.state as Exclude<MatterState, 'closed'>] = Number(r.count);
  return {
    asOf: now.toISOString(),
    receivedPerWeek: perWeek.rows.map((r) => ({
      weekStart: new Date(r.week_start).toISOString(),
      count: Number(r.count),
    })),
    openByState,
    deadlines,
    queries: {
      openByState: Object.fromEntries(
        Object.keys(openByState).map((s) => [s, `state=${s}&sort=deadline`]),
      ) as Workload['queries']['openByState'],
      deadlines: {
        overdue: 'open=true&view=overdue&sort=deadline',
        within24h: 'open=true&view=due_soon&sort=deadline',
        within72h: 'open=true&view=due_72h&sort=deadline',
      },
    },
    atRisk: atRisk.map((r) => ({
      reference: r.reference,
      responseDeadline: new Date(r.next_deadline!).toISOString(),
      deadlineKind: r.next_deadline_kind ?? 'response_due',
      deadlineLabel: clockLabel(r.next_deadline_kind ?? 'response_due'),
      state: r.state as MatterState,
      instrument: r.instrument as Instrument,
      agencyName: r.agency_name,
    })),
  };
}
