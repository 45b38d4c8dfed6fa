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
import { ALL_PROCESS, GOOGLE_COLUMNS, googleCsv } from '../../src/reports/csv-google.ts';
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
    assert.deepEqual(us, ['2026-06-30', 'United States', 'US', ALL_PROCESS, '8', '33.3', '8']);
    const gb = rows.filter((r) => r[2] === 'GB');
    assert.deepEqual(gb, [['2026-06-30', 'United Kingdom', 'GB', ALL_PROCESS, '0', '0', '0']]);
    assert.ok(rows.some((r) => r[2] === 'US' && r[3] === 'Emergency request' && r[4] === '1'));
  });

  test('Microsoft layout: one row per country with the shares of closed demands', () => {
    const rows = parseCsv(microsoftCsv(report));
    assert.deepEqual(rows[0], [...MICROSOFT_COLUMNS]);
    const us = rows.find((r) => r[2] === 'US')!;
    // Six closed US demands: one each rejected, no data, non-content, content.
    assert.deepEqual(us.slice(3), ['8', '8', '16.7', '16.7', '16.7', '16.7']);
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

  test('PDF: one document, its title and figures as text', () => {
    const pdf = reportPdf(report).toString('latin1');
    assert.ok(pdf.startsWith('%PDF-1.7'));
    assert.ok(pdf.trimEnd().endsWith('%%EOF'));
    assert.match(pdf, /Transparency report 2026-H1/);
    assert.match(pdf, /United States \\\(US\\\)/, 'parentheses escaped in PDF strings');
    assert.match(pdf, /\\227 reports\.test\.example\/ledger /, 'the signature line keeps its em dash');
    const xref = Number(pdf.match(/startxref\n(\d+)/)![1]);
    assert.equal(pdf.slice(xref, xref + 4), 'xref', 'the cross-reference offset is exact');
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
