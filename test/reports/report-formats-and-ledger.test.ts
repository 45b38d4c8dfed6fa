/**
 * The published formats (CSV in both layouts, JSON against its schema, the HTML page in a real
 * browser, the PDF), the HTTP routes, and `verify` against the ledger: it passes on a fresh report,
 * offline from an export file too, and fails once one demand's closing is changed after the
 * checkpoint.
 */
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/http/app.ts';
import { computeReport } from '../../src/reports/compute-report.ts';
import { ALL_PROCESS, GOOGLE_COLUMNS, PRIVATE_PROCESS, googleCsv } from '../../src/reports/csv-google.ts';
import { MICROSOFT_COLUMNS, microsoftCsv } from '../../src/reports/csv-microsoft.ts';
import { reportHtml } from '../../src/reports/html-report.ts';
import { parsePeriod } from '../../src/reports/period.ts';
import { reportPdf } from '../../src/reports/pdf-report.ts';
import type { TransparencyReport } from '../../src/reports/report-document.ts';
import { REPORT_SCHEMA } from '../../src/reports/report-schema.ts';
import { verifyReportAgainstDatabase, verifyReportAgainstExport } from '../../src/reports/verify-report.ts';
import { exportLedger } from '../../src/workflow/export-ledger.ts';
import { CHROMIUM, launchBrowser } from '../support/chromium.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testClock, testContext } from '../support/context.ts';
import { seedDirectory, type Directory } from '../support/factories.ts';
import { tokenFor } from '../support/http-kit.ts';
import { pdfPages, pdfText } from '../support/pdf-text.ts';
import { screenshot } from '../support/web-pages.ts';
import { craftDataSet, signing, type CraftedSet } from './support.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let t: TestDb;
let dir: Directory;
let set: CraftedSet;
let report: TransparencyReport;
let app: FastifyInstance;
const clock = testClock();
const H1 = parsePeriod('2026-H1');

before(async () => {
  t = await createTestDb();
  const ctx = testContext(t.db, clock);
  clock.set('2025-09-01T09:00:00Z');
  dir = await seedDirectory(ctx);
  set = await craftDataSet(ctx, clock, dir);
  report = await computeReport(t.db, { period: H1, now: clock.now(), origin: signing.origin, signing });
  app = await buildApp({ ctx, logLevel: 'silent', ledger: signing });
});
after(async () => {
  await app.close();
  await t.drop();
});

/** Runs of white space as one space: a PDF's text wraps where its columns do. */
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

/** True when the first page fills rectangles drawn as paths (the charts), not only text. */
async function vectorShapes(bytes: Buffer): Promise<boolean> {
  const { getDocument, OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const ops = await (await pdf.getPage(1)).getOperatorList();
    return ops.fnArray.filter((f) => f === OPS.constructPath).length >= 10;
  } finally {
    await pdf.destroy();
  }
}

function parseCsv(text: string): string[][] {
  assert.ok(text.endsWith('\r\n'), 'CRLF line ends');
  return text
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(','));
}

describe('formats', () => {
  test('Google layout: its seven columns, a total row per country and one per legal process', () => {
    const rows = parseCsv(googleCsv(report));
    assert.deepEqual(rows[0], [...GOOGLE_COLUMNS]);
    const us = rows.find((r) => r[2] === 'US' && r[3] === ALL_PROCESS)!;
    // Six closed US production demands: two disclosed data.
    assert.deepEqual(us, ['2026-06-30', 'United States', 'US', ALL_PROCESS, '8', '33.3', '8', '6']);
    const gb = rows.filter((r) => r[2] === 'GB');
    assert.deepEqual(gb, [['2026-06-30', 'United Kingdom', 'GB', ALL_PROCESS, '0', '0', '0', '0']]);
    assert.ok(rows.some((r) => r[2] === 'US' && r[3] === 'Emergency request' && r[4] === '1'));
    assert.deepEqual(
      rows.find((r) => r[2] === 'US' && r[3] === 'Preservation request'),
      ['2026-06-30', 'United States', 'US', 'Preservation request', '1', '', '1', '1'],
      'preservation requests have rows of their own, with no production percentage',
    );
    // The law firm's civil subpoena: a row of its own, in neither the total row nor a process row.
    assert.deepEqual(
      rows.find((r) => r[2] === 'US' && r[3] === PRIVATE_PROCESS),
      ['2026-06-30', 'United States', 'US', PRIVATE_PROCESS, '1', '0', '1', '1'],
    );
    assert.ok(!rows.some((r) => r[3] === 'Civil subpoena'), 'no government civil subpoena');
  });

  test('Microsoft layout: every disposition, shares of the closed demands that add to 100 %', () => {
    const rows = parseCsv(microsoftCsv(report));
    assert.deepEqual(rows[0], [...MICROSOFT_COLUMNS]);
    const us = rows.find((r) => r[2] === 'US')!;
    // Six closed US demands, one of each disposition but "preserved only": 1/6 is 16.67 %, four
    // shares round up and two down so that the row adds to 100.
    // The law firm's civil subpoena is not a law-enforcement request: in the last column only.
    assert.deepEqual(us.slice(3), ['8', '8', '2', '6', '16.7', '16.7', '16.7', '16.7', '16.6', '16.6', '0', '1']);
    assert.equal(MICROSOFT_COLUMNS.at(-1), 'Private Requests (counted apart from law enforcement requests)');
    for (const row of rows.slice(1)) {
      const sum = row.slice(7, -1).reduce((t, v) => t + Math.round(Number(v) * 10), 0);
      assert.equal(sum, row[6] === '0' ? 0 : 1000, `${row[2]}: the shares add to 100 %`);
    }
  });

  test('JSON validates against the published schema, which docs/ keeps a copy of', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(REPORT_SCHEMA);
    const json = JSON.parse(JSON.stringify(report)) as { nationalSecurity: Record<string, unknown> };
    assert.ok(validate(json), JSON.stringify(validate.errors));
    json.nationalSecurity.nationalSecurityLetters = { demands: '1', accounts: '0-499' };
    assert.equal(validate(json), false, 'an exact national-security number is not a band');
    const exact = JSON.parse(JSON.stringify(report));
    exact.totals.secret = 1;
    assert.equal(validate(exact), false, 'no unlisted figure');
    assert.deepEqual(
      JSON.parse(readFileSync(path.join(root, 'docs/report.schema.json'), 'utf8')),
      JSON.parse(JSON.stringify(REPORT_SCHEMA)),
    );
  });

  test('PDF: a publication in embedded proportional fonts, its charts as vectors, the key printed', async () => {
    const bytes = await reportPdf(report);
    const raw = bytes.toString('latin1');
    assert.ok(raw.startsWith('%PDF-'));
    assert.match(raw, /\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/, 'DejaVu Sans, embedded as a subset');
    assert.doesNotMatch(raw, /\/BaseFont \/(Courier|Helvetica)/, 'no standard font');
    const text = flat(await pdfText(bytes));
    assert.match(text, /^Transparency report 2026-H1 /);
    for (const words of [
      'United States (US)',
      'Coordinated Universal Time',
      'Foreign Intelligence Surveillance Act',
      'Accounts with data disclosed',
      '% of closed',
      'What we may not report',
      'Requests received from government authorities: 9, naming 9 accounts.',
      'Requests received from private parties (civil litigants), counted apart: 1, naming 1 account.',
      'All private requests 1 1 0 0 1',
      'Customer notices sent',
      'Enterprise customers 3 1 33.3 % 1',
      'Consumers 8 1 12.5 % 1',
      `— ${signing.origin} `,
      signing.verifierKey,
    ])
      assert.ok(text.includes(words), `"${words}" is in the PDF`);
    assert.doesNotMatch(text, /\b(Recv|Accts|Affctd)\b/, 'no abbreviated header');
    // Count and percentage in cells of their own: the US row reads "… 1 16.7 % …", not "1 17%".
    assert.match(text, /United States \(US\) 8 8 \d+ \d+ 6 1 16\.7 % /);
    assert.equal(await vectorShapes(bytes), true, 'the charts are drawn as paths');
    assert.deepEqual(await reportPdf(report), bytes, 'the same report gives the same bytes');
  });

  test('PDF: a Polish and a Greek name print intact; a long table repeats its header on every page', async () => {
    // A report names countries, not agencies: put the names where a name prints, and enough rows
    // that the country table runs over several pages.
    const names = ['Komenda Główna Policji, Łódź', 'Ελληνική Αστυνομία, Διεύθυνση Δίωξης Ηλεκτρονικού Εγκλήματος'];
    const many = Array.from({ length: 90 }, (_, i) => ({
      ...report.byCountry[0]!,
      country: `Q${String.fromCharCode(65 + (i % 26))}`,
      countryName: `${names[i % 2]} ${i + 1}`,
    }));
    const pages = (await pdfPages(await reportPdf({ ...report, byCountry: many }))).map(flat);
    const all = pages.join(' ');
    for (const name of names) assert.ok(all.includes(`${name} 1`) || all.includes(`${name} 2`), `"${name}" is intact`);
    assert.ok(!all.includes('?'), 'no character replaced by "?"');
    const countryPages = pages.filter((p) => /By country \(continued\)/.test(p));
    assert.ok(countryPages.length >= 2, `the table runs onto ${countryPages.length} more pages`);
    for (const p of countryPages) {
      assert.match(p, /By country \(continued\) Rejected Withdrawn No data found/, 'the grouped header again');
      assert.match(p, /Country \(ISO 3166-1 code\) Received Accounts specified/);
    }
  });

  test('HTML: a static page with no script, opened in Chromium, charts drawn', async (t) => {
    const html = reportHtml(report);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /(src|href)="https?:/i, 'no external resource');
    if (!existsSync(CHROMIUM)) {
      t.skip(`${CHROMIUM} is missing: the page was not opened in a browser`);
      return;
    }
    const dirOut = mkdtempSync(path.join(os.tmpdir(), 'writ-report-'));
    const file = path.join(dirOut, 'report.html');
    writeFileSync(file, html);
    const b = await launchBrowser({ viewport: { width: 1100, height: 900 } });
    try {
      await b.page.goto(`file://${file}`);
      assert.equal(await b.page.title(), 'Transparency report 2026-H1');
      assert.equal(await b.page.locator('svg[role=img]').count(), 4, 'trend, outcomes, countries, enterprise');
      const widths = await b.page
        .locator('svg rect')
        .evaluateAll((rs) => rs.map((r) => (r as unknown as { getBBox(): { width: number } }).getBBox().width));
      assert.ok(
        widths.some((w) => w > 50),
        'bars have length',
      );
      await b.page.getByRole('heading', { name: 'National-security process' }).waitFor();
      await b.page.getByRole('heading', { name: 'What we may not report' }).waitFor();
      await b.page.getByRole('heading', { name: 'Private requests' }).waitFor();
      await b.page.getByRole('cell', { name: 'All private requests' }).waitFor();
      await b.page.getByRole('heading', { name: 'Customer notices sent' }).waitFor();
      await screenshot(b.page, 'report'); // only with WRIT_SCREENSHOTS=1: the checkout stays as it was
    } finally {
      await b.close();
    }
  });
});

describe('HTTP', () => {
  test('the report and its schema are public, in every format', async () => {
    const json = await app.inject({ url: '/api/v1/reports?period=2026-H1' });
    assert.equal(json.statusCode, 200);
    assert.equal(json.json().totals.received, 9);
    assert.ok(json.json().ledger.treeSize > 0);
    const csv = await app.inject({ url: '/api/v1/reports?period=2026-H1&format=csv' });
    assert.match(csv.headers['content-type'] as string, /^text\/csv/);
    assert.ok(csv.body.startsWith('Period Ending,Country,CLDR Territory Code'));
    const pdf = await app.inject({ url: '/api/v1/reports?period=2026-H1&format=pdf' });
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const page = await app.inject({ url: '/reports/2026-H1' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Transparency report 2026-H1<\/h1>/);
    const schema = await app.inject({ url: '/api/v1/reports/schema.json' });
    assert.equal(schema.json().title, 'Writ transparency report');
    const bad = await app.inject({ url: '/api/v1/reports?period=2026-H7' });
    assert.equal(bad.statusCode, 422);
  });

  test("a tenant's report is for its customer admins only", async () => {
    assert.equal((await app.inject({ url: '/api/v1/reports/tenant?period=2026-H1' })).statusCode, 401);
    const staff = await tokenFor(t.db, { roles: ['auditor'] });
    assert.equal(
      (await app.inject({ url: '/api/v1/reports/tenant?period=2026-H1', headers: staff.auth })).statusCode,
      403,
    );
    const admin = await tokenFor(t.db, { adminOf: dir.enterprise });
    const res = await app.inject({ url: '/api/v1/reports/tenant?period=2026-H1', headers: admin.auth });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().scope, 'tenant');
    assert.equal(res.json().totals.received, 1);
  });
});

describe('verify against the ledger', () => {
  test('a fresh report verifies from the database and offline from an export file', async () => {
    const v = await verifyReportAgainstDatabase(t.db, report, { verifiers: [signing.verifier] });
    assert.equal(v.ok, true, JSON.stringify(v));
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'writ-export-')), 'ledger.json');
    await exportLedger(t.db, file, { origin: signing.origin, verifierKey: signing.verifierKey });
    const offline = await verifyReportAgainstExport(file, report, {});
    assert.equal(offline.ok, true, JSON.stringify(offline));
    assert.equal(offline.source, 'file');
  });

  test('a report signed by another key does not verify', async () => {
    const other = (await import('../../src/ledger/log-signing.ts')).generateLedgerSigning(signing.origin).signing;
    const v = await verifyReportAgainstDatabase(t.db, report, { verifiers: [other.verifier] });
    assert.equal(v.ok, false);
    assert.equal(v.checkpointVerified, false);
  });

  test('changing one demand’s closing after the checkpoint fails verification and names the figure', async () => {
    await sql`alter table events disable trigger events_append_only`.execute(t.db);
    try {
      await sql`update events set payload = jsonb_set(payload, '{disposition}', '"withdrawn"')
        where demand_id = ${set.rejected.id} and type = 'demand.closed'`.execute(t.db);
    } finally {
      await sql`alter table events enable trigger events_append_only`.execute(t.db);
    }
    const v = await verifyReportAgainstDatabase(t.db, report, { verifiers: [signing.verifier] });
    assert.equal(v.ok, false);
    assert.equal(v.rootMatches, false);
    assert.deepEqual(v.firstDifference, { figure: 'totals.dispositions.rejected.count', report: 1, recomputed: 0 });
    assert.ok(v.problems.some((p) => /no longer matches its event/.test(p)));
  });
});
