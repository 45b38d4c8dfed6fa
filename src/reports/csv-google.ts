/**
 * The report as CSV in the layout of Google's user-data-requests download: one row per country
 * and legal process, a row per country for all its production process together, and a row per
 * preservation instrument it used (preservation requests ask to keep data, not to hand it over:
 * counted apart, as Google does, and with no production percentage). The last column, beyond
 * Google's seven, gives the base of the percentage: the requests of the row that have closed.
 * Every row above is of government demands; a country's private parties' requests (civil
 * litigants) follow as a row of their own, in no other row.
 */
import { INSTRUMENT_LABELS } from '../domain/vocabulary.ts';
import { toCsv } from './csv.ts';
import type { TransparencyReport } from './report-document.ts';
import type { Figures } from './figures.ts';
import type { CountryProcessFigures } from './report-sections.ts';

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
/** The label of a country's private-requests row. */
export const PRIVATE_PROCESS = 'Private requests (civil litigants; counted apart)';

/** The Google-layout CSV of a report. */
export function googleCsv(r: TransparencyReport): string {
  const rows: (string | number)[][] = [];
  const privately = new Map(r.privateRequests.byCountry.map((c) => [c.country, c]));
  for (const c of r.byCountry) {
    const row = (process: string, f: CountryProcessFigures | Figures, percent: number | '') => [
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
    const p = privately.get(c.country);
    if (p) rows.push(row(PRIVATE_PROCESS, p, p.someDataProduced.percent));
  }
  return toCsv(GOOGLE_COLUMNS, rows);
}
