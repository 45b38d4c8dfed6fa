/** Puts a report together from its computed parts. Pure. */
import type { FactRow, TrendPoint } from './fact-rows.ts';
import { type NationalSecurityCounts, nationalSecuritySection } from './national-security.ts';
import type { Period } from './period.ts';
import { type LedgerBinding, REPORT_FORMAT, type TransparencyReport } from './report-document.ts';
import { reportSections } from './report-sections.ts';
import { today } from './dates.ts';

export interface ReportParts {
  scope: TransparencyReport['scope'];
  period: Period;
  generatedAt: Date;
  ledger: LedgerBinding | null;
  rows: readonly FactRow[];
  countries: readonly string[];
  trend: TrendPoint[];
  /** Exact national-security counts, or null where they are not reported at all (a tenant's report). */
  nationalSecurity: NationalSecurityCounts | null;
}

/** The report for these parts. */
export function assembleReport(p: ReportParts): TransparencyReport {
  const { label, kind, from, last } = p.period;
  const ns = nationalSecuritySection(p.period, today(p.generatedAt), p.nationalSecurity);
  return {
    format: REPORT_FORMAT,
    scope: p.scope,
    period: { label, kind, from, last },
    generatedAt: p.generatedAt.toISOString(),
    ledger: p.ledger,
    ...reportSections(p.rows, p.countries),
    trend: p.trend,
    nationalSecurity:
      p.scope === 'tenant'
        ? {
            ...ns,
            status: 'not_reported',
            publishableFrom: null,
            nationalSecurityLetters: null,
            fisaContent: null,
            fisaNonContent: null,
          }
        : ns,
  };
}
