/**
 * The report as CSV in the layout of Google's user-data-requests download: one row per country
 * and legal process, and a row per country for all its process together.
 */
import { INSTRUMENT_LABELS } from '../domain/vocabulary.ts';
import { toCsv } from './csv.ts';
import type { TransparencyReport } from './report-document.ts';

/** The columns, in order, exactly as Google names them. */
export const GOOGLE_COLUMNS = [
  'Period Ending',
  'Country',
  'CLDR Territory Code',
  'Legal Process',
  'User Data Requests',
  'Percentage of requests where some data produced',
  'Users/Accounts Specified',
] as const;

/** The label of the per-country total row. */
export const ALL_PROCESS = 'All legal process';

/** The Google-layout CSV of a report. */
export function googleCsv(r: TransparencyReport): string {
  const rows: (string | number)[][] = [];
  for (const c of r.byCountry) {
    rows.push([
      r.period.last,
      c.countryName,
      c.country,
      ALL_PROCESS,
      c.received,
      c.someDataProduced.percent,
      c.accountsSpecified,
    ]);
    for (const p of c.legalProcess) {
      rows.push([
        r.period.last,
        c.countryName,
        c.country,
        INSTRUMENT_LABELS[p.instrument],
        p.received,
        p.someDataProduced.percent,
        p.accountsSpecified,
      ]);
    }
  }
  return toCsv(GOOGLE_COLUMNS, rows);
}
