/**
 * The string formats Writ accepts, checked strictly enough that every value that passes can be
 * stored by PostgreSQL and read back by JavaScript: one definition for the HTTP edge (ajv), the CLI
 * (TypeBox) and the cursors. Pure.
 */

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|([+-])(\d{2}):(\d{2}))$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isCalendarDay(y: number, m: number, d: number): boolean {
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
}

/**
 * An RFC 3339 timestamp with a real calendar day, in years 0001 to 9999. A leap second (":60") is
 * refused: JavaScript's Date cannot represent it, so it could not be stored as given.
 */
export function isDateTime(v: string): boolean {
  const m = DATE_TIME.exec(v);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (!isCalendarDay(y, mo, d) || h > 23 || mi > 59 || s > 59) return false;
  if (m[8]!.toUpperCase() !== 'Z' && (Number(m[10]) > 23 || Number(m[11]) > 59)) return false;
  return !Number.isNaN(Date.parse(v));
}

/** A calendar day, YYYY-MM-DD, in years 0001 to 9999. */
export function isDate(v: string): boolean {
  const m = DATE.exec(v);
  return !!m && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** A UUID in its canonical text form (what a PostgreSQL uuid column reads). */
export function isUuid(v: string): boolean {
  return UUID.test(v);
}

/** Something shaped like an e-mail address (whether it reaches anyone is another matter). */
export function isEmail(v: string): boolean {
  return EMAIL.test(v);
}

/** The formats above by their JSON Schema names. */
export const FORMATS: Record<string, (v: string) => boolean> = {
  'date-time': isDateTime,
  date: isDate,
  uuid: isUuid,
  email: isEmail,
};
