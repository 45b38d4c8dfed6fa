/**
 * The figures of one set of demands: how many were received, how many accounts they named and how
 * many had data disclosed, and how the closed ones ended (counts, and shares of the closed ones).
 * Pure: sums over fact rows.
 */
import { DISCLOSING_DISPOSITIONS } from '../domain/report-facts.ts';
import { DISPOSITIONS, type Disposition } from '../domain/vocabulary.ts';
import type { ClosedRow, ReceivedRow } from './fact-rows.ts';

/** A count and its share of the closed demands, in percent with one decimal (the shares of a set of figures add to 100). */
export interface Share {
  count: number;
  percent: number;
}

/** Figures of a set of demands. */
export interface Figures {
  received: number;
  accountsSpecified: number;
  /** Accounts for which data was disclosed. */
  accountsAffected: number;
  /** Received in the period and not closed yet: counted apart, outside every percentage. */
  open: number;
  closed: number;
  /** Closed with some data disclosed (non-content or content). */
  someDataProduced: Share;
  dispositions: Record<Disposition, Share>;
}

/**
 * The shares of `counts` in `total`, in percent with one decimal, that add up to exactly 100 (when
 * the total is not 0): each share is rounded down to a tenth, and the tenths left over go to the
 * largest remainders, the earlier in the list on a tie (the largest-remainder method). Rounding
 * each share on its own can make seven shares add to 100.1 or 99.9.
 */
export function sharesOf(counts: readonly number[], total: number): number[] {
  if (total === 0) return counts.map(() => 0);
  const exact = counts.map((c) => (c * 1000) / total);
  const tenths = exact.map(Math.floor);
  let left = 1000 - tenths.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, rest: e - tenths[i]! })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i, rest } of order) {
    if (left <= 0 || rest === 0) break;
    tenths[i]! += 1;
    left--;
  }
  return tenths.map((t) => t / 10);
}

/** Figures of the demands in `received`, with the outcomes in `closed` (the same demands' closings). */
export function figuresOf(received: readonly ReceivedRow[], closed: readonly ClosedRow[]): Figures {
  let demands = 0;
  let accountsSpecified = 0;
  for (const r of received) {
    demands += r.demands;
    accountsSpecified += r.accountsSpecified;
  }
  const byDisposition = Object.fromEntries(DISPOSITIONS.map((d) => [d, 0])) as Record<Disposition, number>;
  let closedCount = 0;
  let accountsAffected = 0;
  let disclosed = 0;
  for (const c of closed) {
    byDisposition[c.disposition] += c.demands;
    closedCount += c.demands;
    accountsAffected += c.accountsAffected;
    if (DISCLOSING_DISPOSITIONS.has(c.disposition)) disclosed += c.demands;
  }
  const shares = sharesOf(
    DISPOSITIONS.map((d) => byDisposition[d]),
    closedCount,
  );
  const dispositions = Object.fromEntries(
    DISPOSITIONS.map((d, i) => [d, { count: byDisposition[d], percent: shares[i]! }]),
  ) as Record<Disposition, Share>;
  return {
    received: demands,
    accountsSpecified,
    accountsAffected,
    open: demands - closedCount,
    closed: closedCount,
    // A share on its own (not one of a set that adds to 100): rounded to the nearest tenth.
    someDataProduced: { count: disclosed, percent: sharesOf([disclosed, closedCount - disclosed], closedCount)[0]! },
    dispositions,
  };
}
