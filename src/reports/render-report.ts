/** Renders a report in one of its published formats. */
import { googleCsv } from './csv-google.ts';
import { microsoftCsv } from './csv-microsoft.ts';
import { reportHtml } from './html-report.ts';
import { reportPdf } from './pdf-report.ts';
import type { TransparencyReport } from './report-document.ts';

/** The formats a report is published in ("csv" is Google's layout). */
export const REPORT_FORMATS = ['json', 'csv', 'csv-microsoft', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderedReport {
  body: string | Buffer;
  contentType: string;
  extension: string;
}

/** The report in `format`. */
export async function renderReport(r: TransparencyReport, format: ReportFormat): Promise<RenderedReport> {
  switch (format) {
    case 'json':
      return {
        body: `${JSON.stringify(r, null, 2)}\n`,
        contentType: 'application/json; charset=utf-8',
        extension: 'json',
      };
    case 'csv':
      return { body: googleCsv(r), contentType: 'text/csv; charset=utf-8', extension: 'csv' };
    case 'csv-microsoft':
      return { body: microsoftCsv(r), contentType: 'text/csv; charset=utf-8', extension: 'csv' };
    case 'html':
      return { body: reportHtml(r), contentType: 'text/html; charset=utf-8', extension: 'html' };
    case 'pdf':
      return { body: await reportPdf(r), contentType: 'application/pdf', extension: 'pdf' };
  }
}
