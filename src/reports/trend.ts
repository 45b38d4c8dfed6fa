/**
 * The trend chart's points. A half-year report's own period is the chart's last point, and its
 * figures are already in the report's fact rows, so only the earlier half-years are queried: the
 * report then reads the period's demands once, not twice.
 */
import { DISCLOSING_DISPOSITIONS } from '../domain/report-facts.ts';
import { PRESERVATION_INSTRUMENTS } from '../domain/vocabulary.ts';
import type { FactRow, TrendPoint } from './fact-rows.ts';
import type { Period } from './period.ts';

/** The trend point of the period the rows cover: government production demands received, and those that disclosed. */
export function trendPointOf(label: string, rows: readonly FactRow[]): TrendPoint {
  let received = 0;
  let disclosed = 0;
  for (const r of rows) {
    if (
      r.kind === 'challenge' ||
      r.kind === 'notice' ||
      r.requesterKind !== 'government' ||
      PRESERVATION_INSTRUMENTS.has(r.instrument)
    )
      continue;
    if (r.kind === 'received') received += r.demands;
    else if (DISCLOSING_DISPOSITIONS.has(r.disposition)) disclosed += r.demands;
  }
  return { period: label, received, disclosed };
}

/** Whether the last half-year of the trend is exactly the report's period (so its point can come from the rows). */
export function periodEndsTrend(period: Period, halves: readonly Period[]): boolean {
  const last = halves.at(-1);
  return last !== undefined && last.from === period.from && last.to === period.to;
}

/** The trend over `halves`: the earlier ones queried, the last from the rows when it is the report's period. */
export async function trendWithPeriod(
  period: Period,
  halves: readonly Period[],
  rows: readonly FactRow[],
  query: (halves: readonly Period[]) => Promise<TrendPoint[]>,
): Promise<TrendPoint[]> {
  if (!periodEndsTrend(period, halves)) return query(halves);
  return [...(await query(halves.slice(0, -1))), trendPointOf(halves.at(-1)!.label, rows)];
}
