/**
 * The report as a PDF publication: the sections of the HTML page in a proportional font with any
 * script (DejaVu, embedded), its charts drawn as vectors, tables with each count and its
 * percentage in cells of their own and the header repeated on every page, abbreviations spelled
 * out, and the ledger's verifying key. Landscape A4; dated by the report, so the same report gives
 * the same bytes.
 */
import { newPdf, numberPages, pdfBytes } from '../documents/pdf.ts';
import { reportCharts } from './report-charts.ts';
import type { Figures } from './figures.ts';
import { PdfLayout } from './pdf-layout.ts';
import type { TransparencyReport } from './report-document.ts';
import {
  GLOSSARY,
  MAY_NOT_REPORT,
  NATIONAL_SECURITY_COLUMNS,
  NOTICE_COLUMNS,
  checkingText,
  figureColumns,
  figureRow,
  nationalSecurityText,
  noticesText,
  privateRequestsText,
  reportTitle,
  summaryLines,
} from './report-words.ts';

const n = (v: number) => v.toLocaleString('en-US');

/** The PDF of a report. */
export async function reportPdf(r: TransparencyReport): Promise<Buffer> {
  const title = reportTitle(r);
  const doc = newPdf({
    title,
    subject: `Requests for customer data received ${r.period.from} to ${r.period.last}`,
    createdAt: new Date(r.generatedAt),
    layout: 'landscape',
    margin: 40,
  });
  const L = new PdfLayout(doc);
  L.title(
    title,
    `Requests received ${r.period.from} to ${r.period.last} (dates in Coordinated Universal Time, UTC), as of ${r.generatedAt}. Outcomes are shares of the requests closed so far; requests still open are counted apart, outside every percentage.`,
  );
  L.heading('Summary');
  L.list(summaryLines(r));

  const charts = reportCharts(r);
  L.heading('Trend', 200);
  L.chart(charts.trend, 440);
  L.heading('Outcomes and top countries', 220);
  const y = doc.y;
  L.chart(charts.outcomes, L.width / 2 - 10);
  const below = doc.y;
  doc.y = y;
  L.chart(charts.countries, L.width / 2 - 10, L.left + L.width / 2 + 10);
  doc.y = Math.max(below, doc.y);
  L.heading('Enterprise customers', 160);
  L.chart(charts.enterprise, 440);

  const table = (heading: string, first: string, rows: { name: string; f: Figures }[]) => {
    L.heading(heading);
    L.table(
      heading,
      figureColumns(first),
      rows.map(({ name, f }) => figureRow(name, f)),
    );
  };
  table(
    'By country',
    'Country (ISO 3166-1 code)',
    r.byCountry.map((c) => ({ name: `${c.countryName} (${c.country})`, f: c })),
  );
  table(
    'By legal process',
    'Legal process',
    r.byInstrument.map((i) => ({ name: i.label, f: i })),
  );
  table(
    'By data category',
    'Data asked for',
    r.byDataCategory.map((c) => ({ name: c.label, f: c })),
  );
  table('Emergency and preservation requests', 'Kind', [
    { name: 'Emergency requests', f: r.emergency },
    { name: 'Preservation requests', f: r.preservation },
  ]);

  const p = privateRequestsText(r);
  L.heading('Private requests');
  L.paragraph(p.intro);
  L.table(
    'Private requests',
    figureColumns('Private requests'),
    p.rows.map(({ name, f }) => figureRow(name, f)),
  );

  const e = r.enterprise;
  const s = r.secrecyOrders;
  L.heading('Enterprise customers: figures');
  L.paragraph(
    `${n(e.demands)} requests concerned ${n(e.accountsSpecified)} enterprise accounts: ${n(e.redirected)} were redirected to the customer, ${n(e.contentDisclosed)} ended in content disclosure and ${n(e.nonContentDisclosed)} in non-content disclosure; ${n(e.open)} are open. Customer notice planned at intake: ${n(e.notice.atOnce)} at once, ${n(e.notice.delayed)} delayed (a secrecy order with an end, or after an emergency), ${n(e.notice.never)} never.`,
  );
  const sent = noticesText(r);
  L.heading('Customer notices sent');
  L.paragraph(sent.intro);
  L.table('Customer notices sent', NOTICE_COLUMNS, sent.rows);
  L.heading('Secrecy orders');
  L.paragraph(
    `${n(s.demands)} requests came with a secrecy order: ${n(s.indefinite)} with no end date, ${n(s.overAYear)} longer than a year. ${n(s.challenged)} were challenged in court: ${n(s.upheld)} upheld, ${n(s.narrowed)} narrowed, ${n(s.vacated)} vacated, ${n(s.pending)} pending.`,
  );
  L.heading('Data stored outside the requesting country');
  L.paragraph(
    `${n(r.extraterritorial.demands)} requests named an account whose data is stored outside the requesting country${r.extraterritorial.byCountry.length ? `: ${r.extraterritorial.byCountry.map((c) => `${c.countryName} ${n(c.demands)}`).join(', ')}` : ''}.`,
  );
  L.heading('National-security process');
  const ns = nationalSecurityText(r);
  L.paragraph(ns.intro);
  if (ns.rows) L.table('National-security process', NATIONAL_SECURITY_COLUMNS, ns.rows);
  else L.paragraph(ns.status);

  L.heading('What we may not report');
  for (const p of MAY_NOT_REPORT) L.paragraph(p);
  L.heading('Terms used in this report');
  L.list(GLOSSARY.map(([term, meaning]) => `${term}: ${meaning}`));

  L.heading('How to check these figures', 120);
  const check = checkingText(r);
  L.paragraph(check.text);
  for (const [label, value] of check.values) {
    L.paragraph(label, { bold: true });
    L.paragraph(value, { mono: true, size: 7.5 });
  }
  numberPages(doc);
  return pdfBytes(doc);
}
