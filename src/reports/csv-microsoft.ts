/**
 * The report as CSV in the layout of Microsoft's law-enforcement-requests report: one row per
 * country with its requests, the accounts they named, and how the closed ones ended. Every
 * disposition has its column, and the closed requests the shares are of have theirs, so a row's
 * shares add to 100 % (largest-remainder rounding, figures.ts) and each has its base. The law
 * enforcement requests are government demands only; a last column gives the country's private
 * parties' requests (civil litigants), which are counted apart and in no other column.
 */
import { DISPOSITIONS, DISPOSITION_LABELS } from '../domain/vocabulary.ts';
import { toCsv } from './csv.ts';
import type { TransparencyReport } from './report-document.ts';

/** The columns, in order. */
export const MICROSOFT_COLUMNS = [
  'Period',
  'Country/Region',
  'Country Code',
  'Law Enforcement Requests',
  'Accounts/Users Specified in Requests',
  'Requests Still Open',
  'Requests Closed (base of the percentages)',
  ...DISPOSITIONS.map((d) => `Percentage ${DISPOSITION_LABELS[d]}`),
  'Private Requests (counted apart from law enforcement requests)',
] as const;

/** The Microsoft-layout CSV of a report. */
export function microsoftCsv(r: TransparencyReport): string {
  const privately = new Map(r.privateRequests.byCountry.map((c) => [c.country, c.received]));
  return toCsv(
    MICROSOFT_COLUMNS,
    r.byCountry.map((c) => [
      r.period.label,
      c.countryName,
      c.country,
      c.received,
      c.accountsSpecified,
      c.open,
      c.closed,
      ...DISPOSITIONS.map((d) => c.dispositions[d].percent),
      privately.get(c.country) ?? 0,
    ]),
  );
}
