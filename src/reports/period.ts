/**
 * Report periods: half-years ("2026-H1", the default unit of transparency reports), quarters
 * ("2026-Q3"), years ("2026") and any date range ("2026-01-15..2026-03-31", both days included).
 * Days are UTC calendar days; a period is kept as [from, to) with `to` the day after the last.
 */
import { invalid } from '../domain/errors.ts';

/** A report period. */
export interface Period {
  /** As given, normalised: "2026-H1", "2026-Q3", "2026" or "2026-01-15..2026-03-31". */
  label: string;
  kind: 'half' | 'quarter' | 'year' | 'range';
  /** First day, YYYY-MM-DD. */
  from: string;
  /** Last day, YYYY-MM-DD (included). */
  last: string;
  /** The day after the last, YYYY-MM-DD: the exclusive end used in comparisons. */
  to: string;
}

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function day(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function ymd(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The day after `iso`. */
export function nextDay(iso: string): string {
  return ymd(new Date(day(iso).getTime() + DAY_MS));
}

function validDate(s: string): boolean {
  return DATE.test(s) && !Number.isNaN(day(s).getTime()) && ymd(day(s)) === s;
}

function monthSpan(label: string, kind: Period['kind'], year: number, firstMonth: number, months: number): Period {
  const from = new Date(Date.UTC(year, firstMonth, 1));
  const to = new Date(Date.UTC(year, firstMonth + months, 1));
  return { label, kind, from: ymd(from), to: ymd(to), last: ymd(new Date(to.getTime() - DAY_MS)) };
}

/** The half-year that contains `date`. */
export function halfYearOf(date: Date): Period {
  const y = date.getUTCFullYear();
  const h = date.getUTCMonth() < 6 ? 1 : 2;
  return monthSpan(`${y}-H${h}`, 'half', y, (h - 1) * 6, 6);
}

/** The last half-year that ended before `now`: what a report defaults to. */
export function lastCompleteHalfYear(now: Date): Period {
  const current = halfYearOf(now);
  return halfYearOf(new Date(day(current.from).getTime() - DAY_MS));
}

/** The `n` half-years ending with the one that holds the period's last day, oldest first. */
export function halfYearsUpTo(p: Period, n: number): Period[] {
  const out: Period[] = [];
  let h = halfYearOf(day(p.last));
  for (let i = 0; i < n; i++) {
    out.unshift(h);
    h = halfYearOf(new Date(day(h.from).getTime() - DAY_MS));
  }
  return out;
}

/** Parses a period; throws invalid_input naming `pointer` when it is not one. */
export function parsePeriod(text: string, pointer = '/query/period'): Period {
  const s = text.trim();
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^(\d{4})-H([12])$/))) return monthSpan(s, 'half', Number(m[1]), (Number(m[2]) - 1) * 6, 6);
  if ((m = s.match(/^(\d{4})-Q([1-4])$/))) return monthSpan(s, 'quarter', Number(m[1]), (Number(m[2]) - 1) * 3, 3);
  if ((m = s.match(/^(\d{4})$/))) return monthSpan(s, 'year', Number(m[1]), 0, 12);
  if ((m = s.match(/^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/))) {
    const [, from, last] = m as unknown as [string, string, string];
    if (!validDate(from) || !validDate(last)) throw invalid([{ pointer, detail: 'has a day that does not exist' }]);
    if (last < from) throw invalid([{ pointer, detail: 'ends before it starts' }]);
    return { label: `${from}..${last}`, kind: 'range', from, last, to: nextDay(last) };
  }
  throw invalid([
    {
      pointer,
      detail:
        'must be a half-year (2026-H1), a quarter (2026-Q1), a year (2026) or a range of days (2026-01-01..2026-06-30)',
    },
  ]);
}

/** True when the day `iso` (YYYY-MM-DD) falls in the period. */
export function inPeriod(p: Pick<Period, 'from' | 'to'>, iso: string): boolean {
  return iso >= p.from && iso < p.to;
}
