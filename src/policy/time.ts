/**
 * Calendar arithmetic for deadlines and periods, all in UTC so that a decision does not depend
 * on the machine's time zone. Pure functions over epoch milliseconds.
 */
import type { Duration } from './pack-types.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Epoch milliseconds of a strict ISO 8601 date-time with an explicit zone ("Z" or "+hh:mm"), or
 * of a bare date (read as UTC midnight); NaN for anything else. Hand-scanned rather than matched
 * with a regular expression because it runs several times per evaluation, and the calendar is
 * checked here because the runtime's parser quietly rolls "30 February" over into March.
 */
export function parseInstant(iso: string): number {
  const len = iso.length;
  if (len < 10 || iso[4] !== '-' || iso[7] !== '-') return Number.NaN;
  const year = digits(iso, 0, 4);
  const month = digits(iso, 5, 2);
  const day = digits(iso, 8, 2);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (len === 10) return Date.UTC(year, month - 1, day);
  if (len < 17 || iso[10] !== 'T' || iso[13] !== ':') return Number.NaN;
  const hour = digits(iso, 11, 2);
  const minute = digits(iso, 14, 2);
  let pos = 16;
  let second = 0;
  let millis = 0;
  if (iso[pos] === ':') {
    second = digits(iso, pos + 1, 2);
    pos += 3;
    if (iso[pos] === '.') {
      let end = pos + 1;
      while (end < len && end - pos <= 9 && isDigit(iso.charCodeAt(end))) end++;
      if (end === pos + 1) return Number.NaN;
      millis = Number(iso.slice(pos + 1, Math.min(end, pos + 4)).padEnd(3, '0'));
      pos = end;
    }
  }
  if (!(hour <= 23 && minute <= 59 && second <= 59)) return Number.NaN;
  let offsetMinutes = 0;
  if (iso[pos] === 'Z' && pos === len - 1) offsetMinutes = 0;
  else if ((iso[pos] === '+' || iso[pos] === '-') && pos === len - 6 && iso[pos + 3] === ':') {
    offsetMinutes = (iso[pos] === '-' ? -1 : 1) * (digits(iso, pos + 1, 2) * 60 + digits(iso, pos + 4, 2));
  } else return Number.NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The number written by `count` decimal digits at `from`, or NaN when any is not a digit. */
function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const code = s.charCodeAt(i);
    if (!isDigit(code)) return Number.NaN;
    n = n * 10 + (code - 48);
  }
  return n;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in `month` (1-12) of `year`, Gregorian leap years included. */
function daysInMonth(year: number, month: number): number {
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return (MONTH_DAYS[month - 1] as number) + (leap ? 1 : 0);
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

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** The formatter that reads an instant's wall-clock date and time in `zone` (cached per zone). */
function zoneFormat(zone: string): Intl.DateTimeFormat {
  let f = zoneFormats.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormats.set(zone, f);
  }
  return f;
}

/** True when `zone` is an IANA time zone the runtime knows. */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) return false;
  try {
    zoneFormat(zone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The calendar day `ms` falls on in `zone`, as midnight UTC of that date: days counted "in the
 * issuing court's time zone" compare and add like UTC days, whatever the zone's offset or its
 * daylight-saving changes. A null zone is UTC.
 */
export function localDay(ms: number, zone: string | null): number {
  if (zone === null || zone === 'UTC') return startOfUtcDay(ms);
  const parts = zoneFormat(zone).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'));
}
