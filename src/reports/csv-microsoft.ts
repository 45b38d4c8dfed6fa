/**
 * The report as CSV in the layout of Microsoft's law-enforcement-requests report: one row per
 * country with its requests, the accounts they named, and the share of closed requests that were
 * rejected, found no data, or ended in non-content or content disclosure.
 */
import { toCsv } from './csv.ts';
import type { TransparencyReport } from './report-document.ts';

/** The columns, in order. */
export const MICROSOFT_COLUMNS = [
  'Period',
  'Country/Region',
  'Country Code',
  'Law Enforcement Requests',
  'Accounts/Users Specified in Requests',
  'Percentage Rejected',
  'Percentage No Data Found',
  'Percentage Non-Content Disclosed',
  'Percentage Content Disclosed',
] as const;

/** The Microsoft-layout CSV of a report. */
export function microsoftCsv(r: TransparencyReport): string {
  return toCsv(
    MICROSOFT_COLUMNS,
    r.byCountry.map((c) => [
      r.period.label,
      c.countryName,
      c.country,
      c.received,
      c.accountsSpecified,
      c.dispositions.rejected.percent,
      c.dispositions.no_data_found.percent,
      c.dispositions.non_content_disclosed.percent,
      c.dispositions.content_disclosed.percent,
    ]),
  );
}
