/**
 * The report as CSV in the layout of Google's user-data-requests download: one row per country
 * and legal process, a row per country for all its production process together, and a row per
 * preservation instrument it used (preservation requests ask to keep data, not to hand it over:
 * counted apart, as Google does, and with no production percentage). The last column, beyond
 * Google's seven, gives the base of the percentage: the requests of the row that have closed.
 */
import { INSTRUMENT_LABELS } from '../domain/vocabulary.ts';
import { toCsv } from './csv.ts';
import type { TransparencyReport } from './report-document.ts';
import type { CountryFigures, CountryProcessFigures } from './report-sections.ts';

/** The columns, in order, exactly as Google names them. */
export const GOOGLE_COLUMNS = [
  'Period Ending',
  'Country',
  'CLDR Territory Code',
  'Legal Process',
  'User Data Requests',
  'Percentage of requests where some data produced',
  'Users/Accounts Specified',
  'Requests Closed (base of the percentage)',
] as const;

/** The label of the per-country total row. */
export const ALL_PROCESS = 'All legal process';

/** The Google-layout CSV of a report. */
export function googleCsv(r: TransparencyReport): string {
  const rows: (string | number)[][] = [];
  for (const c of r.byCountry) {
    const row = (process: string, f: CountryProcessFigures | CountryFigures, percent: number | '') => [
      r.period.last,
      c.countryName,
      c.country,
      process,
      f.received,
      percent,
      f.accountsSpecified,
      f.closed,
    ];
    rows.push(row(ALL_PROCESS, c, c.someDataProduced.percent));
    for (const p of c.legalProcess) rows.push(row(INSTRUMENT_LABELS[p.instrument], p, p.someDataProduced.percent));
    // Preservation keeps data and hands none over: no production percentage.
    for (const p of c.preservation) rows.push(row(INSTRUMENT_LABELS[p.instrument], p, ''));
  }
  return toCsv(GOOGLE_COLUMNS, rows);
}
