/**
 * Dates as legal documents write them, to ISO 8601 calendar dates (YYYY-MM-DD): "March 3, 2026",
 * "3rd day of March, 2026", "3 March 2026", "3. März 2026", "3 mars 2026", "2026-03-03",
 * "03/03/2026" (month first in US documents, day first elsewhere) and "03.03.2026".
 */
const MONTHS: Record<string, number> = {};
[
  ['january', 'jan', 'januar', 'janvier', 'enero', 'gennaio', 'styczeń', 'stycznia'],
  ['february', 'feb', 'februar', 'février', 'febrero', 'febbraio', 'luty', 'lutego'],
  ['march', 'mar', 'märz', 'mars', 'marzo', 'marzec', 'marca'],
  ['april', 'apr', 'avril', 'abril', 'aprile', 'kwiecień', 'kwietnia'],
  ['may', 'mai', 'mayo', 'maggio', 'maj', 'maja'],
  ['june', 'jun', 'juni', 'juin', 'junio', 'giugno', 'czerwiec', 'czerwca'],
  ['july', 'jul', 'juli', 'juillet', 'julio', 'luglio', 'lipiec', 'lipca'],
  ['august', 'aug', 'août', 'agosto', 'sierpień', 'sierpnia'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'settembre', 'wrzesień', 'września'],
  ['october', 'oct', 'oktober', 'octobre', 'octubre', 'ottobre', 'październik', 'października'],
  ['november', 'nov', 'novembre', 'noviembre', 'listopad', 'listopada'],
  ['december', 'dec', 'dezember', 'décembre', 'diciembre', 'dicembre', 'grudzień', 'grudnia'],
].forEach((names, i) => {
  for (const n of names) MONTHS[n] = i + 1;
});

const MONTH = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})\\.?`;

/** One pattern for any date form; use `parseDate` on its match. */
export const DATE_PATTERN = new RegExp(
  [
    `\\d{4}-\\d{2}-\\d{2}`,
    `${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}`,
    `\\d{1,2}(?:st|nd|rd|th)?\\s+day\\s+of\\s+${MONTH},?\\s+\\d{4}`,
    `\\d{1,2}(?:st|nd|rd|th|er)?\\.?\\s+${MONTH}\\s+\\d{4}`,
    `\\d{1,2}[/.]\\d{1,2}[/.]\\d{4}`,
  ].join('|'),
  'iu',
);

const iso = (y: number, m: number, d: number): string | null => {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2200) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1) return null;
  return t.toISOString().slice(0, 10);
};

/** The ISO date a matched date string names, or null. `monthFirst` for US numeric dates. */
export function parseDate(s: string, monthFirst: boolean): string | null {
  const t = s.trim().toLowerCase();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return iso(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{1,2})([/.])(\d{1,2})[/.](\d{4})$/.exec(t);
  if (m) {
    const a = +m[1]!;
    const b = +m[3]!;
    // Dots are day first everywhere; slashes follow the document's country.
    return m[2] === '/' && monthFirst ? iso(+m[4]!, a, b) : iso(+m[4]!, b, a);
  }
  const words = t.replace(/,/g, ' ').replace(/\s+/g, ' ');
  m = new RegExp(`^${MONTH} (\\d{1,2})(?:st|nd|rd|th)? (\\d{4})$`, 'u').exec(words);
  if (m) return iso(+m[3]!, MONTHS[m[1]!]!, +m[2]!);
  m = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th|er)?\\.? (?:day of )?${MONTH} (\\d{4})$`, 'u').exec(words);
  if (m) return iso(+m[3]!, MONTHS[m[2]!]!, +m[1]!);
  return null;
}

/** The ISO date `days` days after `isoDate`. */
export function addDays(isoDate: string, days: number): string {
  const t = new Date(`${isoDate}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}
