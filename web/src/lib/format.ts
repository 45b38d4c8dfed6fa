/** Dates and durations as people read them, in the browser's language and time zone. */
const dateFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const dateTimeFmt = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const relFmt = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function formatDate(iso: string | null | undefined): string {
  return iso ? dateFmt.format(new Date(iso)) : '—';
}

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTimeFmt.format(new Date(iso)) : '—';
}

/** "in 3 days", "5 hours ago". */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const ms = new Date(iso).getTime() - now;
  const abs = Math.abs(ms);
  if (abs < HOUR) return relFmt.format(Math.round(ms / 60_000), 'minute');
  if (abs < 2 * DAY) return relFmt.format(Math.round(ms / HOUR), 'hour');
  return relFmt.format(Math.round(ms / DAY), 'day');
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** "legal_review" → "Legal review", for codes without a label of their own. */
export { humanizeCode as humanize } from '../../../src/domain/plain-words.ts';

/** A `datetime-local` input's value as an RFC 3339 instant ('' stays ''). */
export function localToIso(value: string): string {
  if (!value) return '';
  const t = new Date(value);
  return Number.isNaN(t.getTime()) ? '' : t.toISOString();
}

/** A `date` input's value (a calendar day) as midnight UTC of that day. */
export function dayToIso(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : '';
}

/** `text` ending a sentence: "Aldergrove Logistics Inc." gets no second full stop. */
export function endSentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}
