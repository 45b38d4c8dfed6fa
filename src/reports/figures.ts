/**
 * The figures of one set of demands: how many were received, how many accounts they named and how
 * many had data disclosed, and how the closed ones ended (counts, and shares of the closed ones).
 * Pure: sums over fact rows.
 */
import { DISCLOSING_DISPOSITIONS } from '../domain/report-facts.ts';
import { DISPOSITIONS, type Disposition } from '../domain/vocabulary.ts';
import type { ClosedRow, ReceivedRow } from './fact-rows.ts';

/** A count and its share of the closed demands, in percent with one decimal. */
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

/** `count` as a percentage of `total`, one decimal; 0 when nothing closed. */
export function percentOf(count: number, total: number): number {
  return total === 0 ? 0 : Math.round((count * 1000) / total) / 10;
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
  return {
    received: demands,
    accountsSpecified,
    accountsAffected,
    open: demands - closedCount,
    closed: closedCount,
    someDataProduced: { count: disclosed, percent: percentOf(disclosed, closedCount) },
    dispositions: Object.fromEntries(
      DISPOSITIONS.map((d) => [d, { count: byDisposition[d], percent: percentOf(byDisposition[d], closedCount) }]),
    ) as Record<Disposition, Share>,
  };
}
