/** The report as a printable PDF: the same sections as the HTML page, as text and tables. */
import { DISPOSITIONS, DISPOSITION_LABELS } from '../domain/vocabulary.ts';
import type { Figures } from './figures.ts';
import { type PdfLine, linesToPdf } from './pdf-writer.ts';
import type { TransparencyReport } from './report-document.ts';

const n = (v: number) => v.toLocaleString('en-US');

function table(first: string, rows: { name: string; f: Figures }[]): PdfLine[] {
  const heads = [
    'Recv',
    'Accts',
    'Affctd',
    'Open',
    ...DISPOSITIONS.map((d) =>
      DISPOSITION_LABELS[d]
        .replace('Redirected to customer', 'Redirected')
        .replace('Non-content disclosed', 'Non-content')
        .replace('Content disclosed', 'Content'),
    ),
  ];
  const w0 = Math.max(first.length, ...rows.map((r) => r.name.length), 10);
  const cell = (s: string, w: number) => s.padStart(w);
  const widths = heads.map((h) => Math.max(h.length, 8));
  const head = `${first.padEnd(w0)} ${heads.map((h, i) => cell(h, widths[i]!)).join(' ')}`;
  const lines: PdfLine[] = [{ text: head, bold: true }];
  for (const { name, f } of rows) {
    const vals = [
      n(f.received),
      n(f.accountsSpecified),
      n(f.accountsAffected),
      n(f.open),
      ...DISPOSITIONS.map((d) => `${f.dispositions[d].count} ${f.dispositions[d].percent.toFixed(0)}%`),
    ];
    lines.push({ text: `${name.slice(0, w0).padEnd(w0)} ${vals.map((v, i) => cell(v, widths[i]!)).join(' ')}` });
  }
  return lines;
}

/** The PDF of a report. */
export function reportPdf(r: TransparencyReport): Buffer {
  const t = r.totals;
  const e = r.enterprise;
  const s = r.secrecyOrders;
  const ns = r.nationalSecurity;
  const h = (text: string): PdfLine[] => [{ text: '' }, { text, bold: true }];
  const lines: PdfLine[] = [
    {
      text: `${r.scope === 'tenant' ? 'Tenant' : 'Transparency'} report ${r.period.label}: demands received ${r.period.from} to ${r.period.last} (UTC)`,
      bold: true,
    },
    {
      text: `Generated ${r.generatedAt}. Outcome percentages are shares of closed demands; open demands are counted apart.`,
    },
    ...h('Summary'),
    {
      text: `Demands received ${n(t.received)}; accounts specified ${n(t.accountsSpecified)}; accounts with data disclosed ${n(t.accountsAffected)}; some data produced ${t.someDataProduced.percent.toFixed(1)}%; open ${n(t.open)}; preservation demands ${n(r.preservation.received)}.`,
    },
    ...h('Trend (production demands per half-year: received / with data disclosed)'),
    { text: r.trend.map((p) => `${p.period}: ${n(p.received)} / ${n(p.disclosed)}`).join('   ') },
    ...h('By country'),
    ...table(
      'Country',
      r.byCountry.map((c) => ({ name: `${c.countryName} (${c.country})`, f: c })),
    ),
    ...h('By legal process'),
    ...table(
      'Legal process',
      r.byInstrument.map((i) => ({ name: i.label, f: i })),
    ),
    ...h('By data category'),
    ...table(
      'Data asked for',
      r.byDataCategory.map((c) => ({ name: c.label, f: c })),
    ),
    ...h('Emergency and preservation demands'),
    ...table('Kind', [
      { name: 'Emergency demands', f: r.emergency },
      { name: 'Preservation demands', f: r.preservation },
    ]),
    ...h('Enterprise customers'),
    {
      text: `${n(e.demands)} demands concerned ${n(e.accountsSpecified)} enterprise accounts: ${n(e.redirected)} redirected to the customer, ${n(e.contentDisclosed)} content disclosed, ${n(e.nonContentDisclosed)} non-content disclosed, ${n(e.open)} open.`,
    },
    {
      text: `Customer notice: ${n(e.notice.atOnce)} told at once, ${n(e.notice.delayed)} delayed by a secrecy order, ${n(e.notice.never)} never.`,
    },
    ...h('Secrecy orders'),
    {
      text: `${n(s.demands)} with a secrecy order; ${n(s.indefinite)} without end date; ${n(s.overAYear)} longer than a year; ${n(s.challenged)} challenged: ${n(s.upheld)} upheld, ${n(s.narrowed)} narrowed, ${n(s.vacated)} vacated, ${n(s.pending)} pending.`,
    },
    ...h('Data stored outside the requesting country'),
    {
      text: `${n(r.extraterritorial.demands)} demands${r.extraterritorial.byCountry.length ? `: ${r.extraterritorial.byCountry.map((c) => `${c.countryName} ${c.demands}`).join(', ')}` : ''}.`,
    },
    ...h('National-security process'),
    {
      text: `${ns.statute}, bands of ${ns.bandWidth}, published at least ${ns.delayDays} days after the half-year. Status: ${ns.status}${ns.publishableFrom ? ` (publishable from ${ns.publishableFrom})` : ''}.`,
    },
    ...(ns.status === 'reported'
      ? [
          {
            text: `National security letters: ${ns.nationalSecurityLetters?.demands} received, ${ns.nationalSecurityLetters?.accounts} accounts.`,
          },
          {
            text: `FISA orders for content: ${ns.fisaContent?.demands} received, ${ns.fisaContent?.accounts} accounts.`,
          },
          {
            text: `FISA orders for non-content: ${ns.fisaNonContent?.demands} received, ${ns.fisaNonContent?.accounts} accounts.`,
          },
        ]
      : []),
    ...h('Ledger checkpoint'),
    ...(r.ledger
      ? [
          {
            text: `Tree size ${n(r.ledger.treeSize)}, root hash ${r.ledger.rootHash}. Recompute with: writ report verify REPORT.json`,
          },
          ...r.ledger.checkpoint.split('\n').map((text) => ({ text })),
        ]
      : [{ text: 'Not bound to a ledger checkpoint.' }]),
  ];
  return linesToPdf(lines, `Transparency report ${r.period.label}`);
}
