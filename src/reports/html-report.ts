/**
 * The report as one self-contained HTML page: inline CSS and inline SVG charts (trend over
 * half-years, dispositions, top countries, the enterprise section), no scripts and no external
 * resources, so the same bytes are served by Writ and saved as a static file.
 */
import { DISPOSITIONS, DISPOSITION_LABELS } from '../domain/vocabulary.ts';
import type { Figures } from './figures.ts';
import type { TransparencyReport } from './report-document.ts';
import { barChart, columnChart, esc } from './svg-charts.ts';

const CSS = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d1d1f;max-width:980px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.sub{color:#555}.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:16px 0}
.card{border:1px solid #ddd;border-radius:8px;padding:10px 12px}.card b{display:block;font-size:24px}
table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}th,td{padding:4px 8px;border-bottom:1px solid #eee;text-align:right}
th:first-child,td:first-child{text-align:left}th{background:#f5f5f7}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:24px}@media(max-width:800px){.grid{grid-template-columns:1fr}}
pre{white-space:pre-wrap;word-break:break-all;background:#f5f5f7;padding:8px;font-size:11px}
@media print{body{padding:0}h2{break-after:avoid}table,svg{break-inside:avoid}}
`;

const n = (v: number) => v.toLocaleString('en-US');
const pct = (v: number) => `${v.toFixed(1)}%`;

function card(label: string, value: string): string {
  return `<div class="card"><b>${esc(value)}</b>${esc(label)}</div>`;
}

function figuresTable(first: string, rows: { name: string; f: Figures }[]): string {
  const head = [
    'Received',
    'Accounts specified',
    'Accounts affected',
    'Open',
    ...DISPOSITIONS.map((d) => DISPOSITION_LABELS[d]),
  ];
  const body = rows
    .map(
      ({ name, f }) =>
        `<tr><td>${esc(name)}</td><td>${n(f.received)}</td><td>${n(f.accountsSpecified)}</td><td>${n(f.accountsAffected)}</td><td>${n(f.open)}</td>${DISPOSITIONS.map((d) => `<td>${n(f.dispositions[d].count)} <small>(${pct(f.dispositions[d].percent)})</small></td>`).join('')}</tr>`,
    )
    .join('');
  return `<table><thead><tr><th>${esc(first)}</th>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
}

function nationalSecurity(r: TransparencyReport): string {
  const ns = r.nationalSecurity;
  const intro = `<p>Reported under ${esc(ns.statute)}: semiannual, in bands of ${ns.bandWidth} starting with 0&ndash;${ns.bandWidth - 1}, published no earlier than ${ns.delayDays} days after the half-year ends. Exact numbers are never published.</p>`;
  if (ns.status === 'not_reported')
    return `${intro}<p>Not reported for this period: the statute permits half-year reports only.</p>`;
  if (ns.status === 'withheld') return `${intro}<p>Withheld until ${esc(ns.publishableFrom ?? '')}.</p>`;
  const row = (label: string, b: { demands: string; accounts: string } | null) =>
    `<tr><td>${esc(label)}</td><td>${esc(b?.demands ?? '')}</td><td>${esc(b?.accounts ?? '')}</td></tr>`;
  return `${intro}<table><thead><tr><th>Process</th><th>Received</th><th>Customer accounts targeted</th></tr></thead><tbody>${row('National security letters', ns.nationalSecurityLetters)}${row('FISA orders for content', ns.fisaContent)}${row('FISA orders for non-content', ns.fisaNonContent)}</tbody></table>`;
}

/** The HTML page of a report. */
export function reportHtml(r: TransparencyReport): string {
  const t = r.totals;
  const title = `${r.scope === 'tenant' ? 'Your organisation’s' : 'Transparency'} report ${r.period.label}`;
  const dispositionBars = DISPOSITIONS.map((d) => ({
    label: DISPOSITION_LABELS[d],
    value: t.dispositions[d].count,
    note: `${n(t.dispositions[d].count)} (${pct(t.dispositions[d].percent)})`,
  }));
  const countryBars = r.byCountry
    .filter((c) => c.received > 0)
    .slice(0, 10)
    .map((c) => ({ label: c.countryName, value: c.received }));
  const e = r.enterprise;
  const enterpriseBars = [
    { label: 'About enterprise customers', value: e.demands },
    { label: 'Redirected to customer', value: e.redirected },
    { label: 'Content disclosed', value: e.contentDisclosed },
    { label: 'Customer told at once', value: e.notice.atOnce },
    { label: 'Notice delayed', value: e.notice.delayed },
    { label: 'Never told', value: e.notice.never },
  ];
  const s = r.secrecyOrders;
  const ledger = r.ledger
    ? `<p>The figures (all but the national-security bands) can be recomputed from the public ledger leaves up to tree size <b>${n(r.ledger.treeSize)}</b>, root hash <code>${esc(r.ledger.rootHash)}</code>, with <code>writ report verify</code>. The signed checkpoint:</p><pre>${esc(r.ledger.checkpoint)}</pre>`
    : '<p>This report is not bound to a ledger checkpoint.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${CSS}</style></head>
<body>
<h1>${esc(title)}</h1>
<p class="sub">Demands received ${esc(r.period.from)} to ${esc(r.period.last)} (UTC), as of ${esc(r.generatedAt)}. Outcomes are shares of the demands closed so far; demands still open are counted apart.</p>
<div class="cards">${card('Demands received', n(t.received))}${card('Accounts specified', n(t.accountsSpecified))}${card('Accounts with data disclosed', n(t.accountsAffected))}${card('Some data produced', pct(t.someDataProduced.percent))}${card('Still open', n(t.open))}${card('Preservation demands', n(r.preservation.received))}</div>
<h2>Trend</h2>${columnChart(
    'Demands received and demands with data disclosed, per half-year',
    r.trend.map((p) => p.period),
    [
      { label: 'Received', color: '#1f5f99', values: r.trend.map((p) => p.received) },
      { label: 'Data disclosed', color: '#c0504d', values: r.trend.map((p) => p.disclosed) },
    ],
  )}
<div class="grid"><section><h2>Outcomes</h2>${barChart('Dispositions of closed demands', dispositionBars, 460)}</section>
<section><h2>Top countries</h2>${barChart('Demands received by requesting country', countryBars, 460)}</section></div>
<h2>Enterprise customers</h2>${barChart('Demands about enterprise customers', enterpriseBars)}
<p>${n(e.demands)} demands concerned ${n(e.accountsSpecified)} enterprise accounts; ${n(e.redirected)} were redirected to the customer, ${n(e.contentDisclosed)} ended in content disclosure and ${n(e.nonContentDisclosed)} in non-content disclosure; ${n(e.open)} are open.</p>
<h2>By country</h2>${figuresTable(
    'Country',
    r.byCountry.map((c) => ({ name: `${c.countryName} (${c.country})`, f: c })),
  )}
<h2>By legal process</h2>${figuresTable(
    'Legal process',
    r.byInstrument.map((i) => ({ name: i.label, f: i })),
  )}
<h2>By data category</h2>${figuresTable(
    'Data asked for',
    r.byDataCategory.map((c) => ({ name: c.label, f: c })),
  )}
<h2>Emergency and preservation demands</h2>${figuresTable('Kind', [
    { name: 'Emergency demands', f: r.emergency },
    { name: 'Preservation demands', f: r.preservation },
  ])}
<h2>Secrecy orders</h2><p>${n(s.demands)} demands came with a secrecy order: ${n(s.indefinite)} with no end date, ${n(s.overAYear)} longer than a year. ${n(s.challenged)} were challenged in court: ${n(s.upheld)} upheld, ${n(s.narrowed)} narrowed, ${n(s.vacated)} vacated, ${n(s.pending)} pending.</p>
<h2>Data stored outside the requesting country</h2><p>${n(r.extraterritorial.demands)} demands named an account whose data is stored outside the requesting country${r.extraterritorial.byCountry.length ? `: ${r.extraterritorial.byCountry.map((c) => `${esc(c.countryName)} ${n(c.demands)}`).join(', ')}` : ''}.</p>
<h2>National-security process</h2>${nationalSecurity(r)}
<h2>How to check these figures</h2>${ledger}
</body></html>
`;
}
