/**
 * The report as one self-contained HTML page: inline CSS and inline SVG charts (trend over
 * half-years, dispositions, top countries, the enterprise section), no scripts and no external
 * resources, so the same bytes are served by Writ and saved as a static file.
 */
import type { Figures } from './figures.ts';
import { reportCharts } from './report-charts.ts';
import type { TransparencyReport } from './report-document.ts';
import {
  type Column,
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
} from './report-words.ts';
import { esc, svgChart } from './svg-charts.ts';

const CSS = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d1d1f;max-width:980px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.sub{color:#555}.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:16px 0}
.card{border:1px solid #ddd;border-radius:8px;padding:10px 12px}.card b{display:block;font-size:24px}
table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}th,td{padding:4px 8px;border-bottom:1px solid #eee;text-align:right}
th:first-child,td:first-child{text-align:left}th{background:#f5f5f7}th[scope=colgroup]{text-align:center}thead tr+tr th:first-child{text-align:right}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:24px}@media(max-width:800px){.grid{grid-template-columns:1fr}}
pre{white-space:pre-wrap;word-break:break-all;background:#f5f5f7;padding:8px;font-size:11px}
@media print{body{padding:0}h2{break-after:avoid}table,svg{break-inside:avoid}}
`;

const n = (v: number) => v.toLocaleString('en-US');
const pct = (v: number) => `${v.toFixed(1)}%`;

function card(label: string, value: string): string {
  return `<div class="card"><b>${esc(value)}</b>${esc(label)}</div>`;
}

/** A table with grouped headers: a group's label spans its columns in a first header row. */
function htmlTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const grouped = columns.some((c) => c.group);
  const top: string[] = [];
  const second: string[] = [];
  columns.forEach((c, i) => {
    if (!c.group) top.push(`<th${grouped ? ' rowspan="2"' : ''} scope="col">${esc(c.header)}</th>`);
    else {
      if (columns[i - 1]?.group !== c.group) {
        const span = columns.slice(i).findIndex((x) => x.group !== c.group);
        top.push(`<th colspan="${span < 0 ? columns.length - i : span}" scope="colgroup">${esc(c.group)}</th>`);
      }
      second.push(`<th scope="col">${esc(c.header)}</th>`);
    }
  });
  const head = `<tr>${top.join('')}</tr>${second.length ? `<tr>${second.join('')}</tr>` : ''}`;
  const body = rows.map((r) => `<tr>${r.map((v) => `<td>${esc(v)}</td>`).join('')}</tr>`).join('');
  return `<table><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function figuresTable(first: string, rows: { name: string; f: Figures }[]): string {
  return htmlTable(
    figureColumns(first),
    rows.map(({ name, f }) => figureRow(name, f)),
  );
}

function nationalSecurity(r: TransparencyReport): string {
  const ns = nationalSecurityText(r);
  if (!ns.rows) return `<p>${esc(ns.intro)}</p><p>${esc(ns.status)}</p>`;
  return `<p>${esc(ns.intro)}</p>${htmlTable(NATIONAL_SECURITY_COLUMNS, ns.rows)}`;
}

function notices(r: TransparencyReport): string {
  const x = noticesText(r);
  return `<p>${esc(x.intro)}</p>${htmlTable(NOTICE_COLUMNS, x.rows)}`;
}

function privateRequests(r: TransparencyReport): string {
  const p = privateRequestsText(r);
  return `<p>${esc(p.intro)}</p>${figuresTable('Private requests', p.rows)}`;
}

function checking(r: TransparencyReport): string {
  const c = checkingText(r);
  return `<p>${esc(c.text)}</p>${c.values.map(([label, value]) => `<p><b>${esc(label)}</b></p><pre>${esc(value)}</pre>`).join('')}`;
}

/** The HTML page of a report. */
export function reportHtml(r: TransparencyReport): string {
  const t = r.totals;
  const title = reportTitle(r);
  const charts = reportCharts(r);
  const e = r.enterprise;
  const s = r.secrecyOrders;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${CSS}</style></head>
<body>
<h1>${esc(title)}</h1>
<p class="sub">Demands received ${esc(r.period.from)} to ${esc(r.period.last)} (UTC), as of ${esc(r.generatedAt)}. Outcomes are shares of the demands closed so far; demands still open are counted apart.</p>
<div class="cards">${card('Government demands received', n(t.received))}${card('Private requests, counted apart', n(r.privateRequests.received))}${card('Accounts specified', n(t.accountsSpecified))}${card('Accounts with data disclosed', n(t.accountsAffected))}${card('Some data produced', pct(t.someDataProduced.percent))}${card('Still open', n(t.open))}${card('Preservation demands', n(r.preservation.received))}</div>
<h2>Trend</h2>${svgChart(charts.trend)}
<div class="grid"><section><h2>Outcomes</h2>${svgChart(charts.outcomes)}</section>
<section><h2>Top countries</h2>${svgChart(charts.countries)}</section></div>
<h2>Enterprise customers</h2>${svgChart(charts.enterprise)}
<p>${n(e.demands)} demands concerned ${n(e.accountsSpecified)} enterprise accounts; ${n(e.redirected)} were redirected to the customer, ${n(e.contentDisclosed)} ended in content disclosure and ${n(e.nonContentDisclosed)} in non-content disclosure; ${n(e.open)} are open.</p>
<h2>Customer notices sent</h2>${notices(r)}
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
<h2>Private requests</h2>${privateRequests(r)}
<h2>Secrecy orders</h2><p>${n(s.demands)} demands came with a secrecy order: ${n(s.indefinite)} with no end date, ${n(s.overAYear)} longer than a year. ${n(s.challenged)} were challenged in court: ${n(s.upheld)} upheld, ${n(s.narrowed)} narrowed, ${n(s.vacated)} vacated, ${n(s.pending)} pending.</p>
<h2>Data stored outside the requesting country</h2><p>${n(r.extraterritorial.demands)} demands named an account whose data is stored outside the requesting country${r.extraterritorial.byCountry.length ? `: ${r.extraterritorial.byCountry.map((c) => `${esc(c.countryName)} ${n(c.demands)}`).join(', ')}` : ''}.</p>
<h2>National-security process</h2>${nationalSecurity(r)}
<h2>What we may not report</h2>${MAY_NOT_REPORT.map((p) => `<p>${esc(p)}</p>`).join('')}
<h2>Terms used in this report</h2><dl>${GLOSSARY.map(([term, meaning]) => `<dt>${esc(term)}</dt><dd>${esc(meaning)}</dd>`).join('')}</dl>
<h2>How to check these figures</h2>${checking(r)}
</body></html>
`;
}
