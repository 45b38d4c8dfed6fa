/**
 * Calendar arithmetic for deadlines and periods, all in UTC so that a decision does not depend
 * on the machine's time zone. Pure functions over epoch milliseconds.
 */
import type { Duration } from './pack-types.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Strict ISO 8601 date or date-time with an explicit zone (or a bare date, read as UTC midnight). */
const ISO_PATTERN = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Epoch milliseconds of an ISO timestamp, or NaN when it is not one. */
export function parseInstant(iso: string): number {
  if (!ISO_PATTERN.test(iso)) return Number.NaN;
  return Date.parse(iso);
}

/** True when `iso` is a timestamp this module can read. */
export function isInstant(iso: unknown): iso is string {
  return typeof iso === 'string' && !Number.isNaN(parseInstant(iso));
}

/** ISO form of epoch milliseconds, always with milliseconds and a Z. */
export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Midnight UTC of the day `ms` falls on. */
export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/**
 * `ms` moved forward by `d`. Months are calendar months; a day that does not exist in the target
 * month is clamped to its last day (29 Feb + 12 months = 28 Feb), the usual reading of "one year".
 */
export function addDuration(ms: number, d: Duration): number {
  let out = ms;
  if (d.months) {
    const date = new Date(out);
    const day = date.getUTCDate();
    date.setUTCDate(1);
    date.setUTCMonth(date.getUTCMonth() + d.months);
    const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    date.setUTCDate(Math.min(day, lastDay));
    out = date.getTime();
  }
  if (d.days) out += d.days * DAY_MS;
  if (d.hours) out += d.hours * HOUR_MS;
  return out;
}

/** `d` multiplied by `n` (used for repeated extensions). */
export function scaleDuration(d: Duration, n: number): Duration {
  return {
    ...(d.months ? { months: d.months * n } : {}),
    ...(d.days ? { days: d.days * n } : {}),
    ...(d.hours ? { hours: d.hours * n } : {}),
  };
}

/** "10 days", "8 hours", "12 months and 3 days": how a period reads in an explanation. */
export function describeDuration(d: Duration): string {
  const parts: string[] = [];
  const unit = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  if (d.months) parts.push(unit(d.months, 'month'));
  if (d.days) parts.push(unit(d.days, 'day'));
  if (d.hours) parts.push(unit(d.hours, 'hour'));
  return parts.length ? parts.join(' and ') : '0 days';
}
