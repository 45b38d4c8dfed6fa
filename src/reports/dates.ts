/** Day arithmetic on YYYY-MM-DD strings (UTC), for report periods and delays. */

const DAY_MS = 86_400_000;

/** `iso` plus `days` days. */
export function addDays(iso: string, days: number): string {
  return new Date(new Date(`${iso}T00:00:00Z`).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** Today's UTC date of `now`. */
export function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}
