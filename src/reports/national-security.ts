/**
 * National-security process (NSLs, FISA orders) may only be reported in bands (50 U.S.C. 1874).
 * Writ uses the option of 1874(a)(2): semiannual reports in bands of 500 starting with 0–499, with
 * separate figures for NSLs, FISA orders for content and FISA orders for non-content, each with the
 * customer selectors (accounts) targeted. Under 1874(c) figures about FISA orders may be published
 * only 180 days after the half-year ends; Writ applies that delay to the whole section, so no
 * partial banding of the same half-year is ever published first. Exact numbers never leave here.
 */
import { addDays } from './dates.ts';
import type { Period } from './period.ts';

/** Width of a band under 50 U.S.C. 1874(a)(2). */
export const BAND_WIDTH = 500;
/** Days after the half-year's end before the section may be published (50 U.S.C. 1874(c)). */
export const REPORTING_DELAY_DAYS = 180;
/** The option of the statute Writ reports under. */
export const STATUTE_OPTION = '50 U.S.C. 1874(a)(2)';

/** A band such as "0-499" or "500-999". */
export function band(count: number, width: number = BAND_WIDTH): string {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`a band needs a count, not ${count}`);
  const lower = Math.floor(count / width) * width;
  return `${lower}-${lower + width - 1}`;
}

/** Exact counts, as the database gives them; never published. */
export interface NationalSecurityCounts {
  nsl: { demands: number; accounts: number };
  fisaContent: { demands: number; accounts: number };
  fisaNonContent: { demands: number; accounts: number };
}

/** A banded figure pair. */
export interface BandedFigure {
  demands: string;
  accounts: string;
}

/** The published section. */
export interface NationalSecuritySection {
  statute: string;
  bandWidth: number;
  delayDays: number;
  /** "reported": bands below; "withheld": not yet 180 days after the half-year; "not_reported": the period is not a half-year. */
  status: 'reported' | 'withheld' | 'not_reported';
  /** First day the bands may be published (half-years only). */
  publishableFrom: string | null;
  nationalSecurityLetters: BandedFigure | null;
  fisaContent: BandedFigure | null;
  fisaNonContent: BandedFigure | null;
}

const banded = (c: { demands: number; accounts: number }): BandedFigure => ({
  demands: band(c.demands),
  accounts: band(c.accounts),
});

/** The section for `period` as published on `today` (YYYY-MM-DD), from exact counts. */
export function nationalSecuritySection(
  period: Period,
  today: string,
  counts: NationalSecurityCounts | null,
): NationalSecuritySection {
  const base = { statute: STATUTE_OPTION, bandWidth: BAND_WIDTH, delayDays: REPORTING_DELAY_DAYS };
  const none = { nationalSecurityLetters: null, fisaContent: null, fisaNonContent: null };
  if (period.kind !== 'half') return { ...base, status: 'not_reported', publishableFrom: null, ...none };
  const publishableFrom = addDays(period.to, REPORTING_DELAY_DAYS);
  if (today < publishableFrom || counts === null) return { ...base, status: 'withheld', publishableFrom, ...none };
  return {
    ...base,
    status: 'reported',
    publishableFrom,
    nationalSecurityLetters: banded(counts.nsl),
    fisaContent: banded(counts.fisaContent),
    fisaNonContent: banded(counts.fisaNonContent),
  };
}
