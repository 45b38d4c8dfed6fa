/**
 * Report figures against hand-computed expectations on the crafted data set, the same figures
 * recomputed from the public ledger leaves, the national-security bands and their delay, and a
 * tenant's own report.
 */
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { computeReport, computeTenantReport } from '../../src/reports/compute-report.ts';
import { band, nationalSecuritySection } from '../../src/reports/national-security.ts';
import { parsePeriod } from '../../src/reports/period.ts';
import type { TransparencyReport } from '../../src/reports/report-document.ts';
import { verifyReportAgainstDatabase } from '../../src/reports/verify-report.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testClock, testContext } from '../support/context.ts';
import { seedDirectory, type Directory } from '../support/factories.ts';
import { generateLedgerSigning } from '../../src/ledger/log-signing.ts';
import { craftDataSet, signing } from './support.ts';

let t: TestDb;
let dir: Directory;
let report: TransparencyReport;
const clock = testClock();
const H1 = parsePeriod('2026-H1');

before(async () => {
  t = await createTestDb();
  const ctx = testContext(t.db, clock);
  clock.set('2025-09-01T09:00:00Z');
  dir = await seedDirectory(ctx);
  await craftDataSet(ctx, clock, dir);
  report = await computeReport(t.db, { period: H1, now: clock.now(), origin: signing.origin, signing });
});
after(() => t.drop());

describe('figures of 2026-H1', () => {
  test('totals: nine production demands, every disposition once among the seven closed, two open', () => {
    const f = report.totals;
    assert.equal(f.received, 9);
    assert.equal(f.accountsSpecified, 9);
    assert.equal(f.closed, 7);
    assert.equal(f.open, 2);
    assert.equal(f.accountsAffected, 2, 'the two disclosures named one account each');
    // 1/7 is 14.29 %: six shares round up and the last down, so that they add to 100.
    assert.deepEqual(
      Object.values(f.dispositions).map((d) => [d.count, d.percent]),
      [
        [1, 14.3],
        [1, 14.3],
        [1, 14.3],
        [1, 14.3],
        [1, 14.3],
        [1, 14.3],
        [1, 14.2],
      ],
    );
    assert.deepEqual(f.someDataProduced, { count: 2, percent: 28.6 });
  });

  test('per country: US and DE, and GB (in the directory) with zeros; no national-security trace', () => {
    const by = Object.fromEntries(report.byCountry.map((c) => [c.country, c]));
    assert.deepEqual(Object.keys(by).sort(), ['DE', 'GB', 'US']);
    assert.equal(by.US!.received, 8);
    assert.equal(by.US!.countryName, 'United States');
    assert.equal(by.DE!.received, 1);
    assert.deepEqual(by.DE!.dispositions.preserved_only, { count: 1, percent: 100 });
    assert.equal(by.GB!.received, 0);
    assert.equal(by.GB!.closed, 0);
    assert.deepEqual(by.GB!.legalProcess, []);
    assert.equal(report.byCountry[0]!.country, 'US', 'most demands first');
    assert.ok(!report.byInstrument.some((i) => (i.instrument as string) === 'national_security_letter'));
  });

  test('per legal process and per data category', () => {
    const by = Object.fromEntries(report.byInstrument.map((i) => [i.instrument, i]));
    assert.equal(by.search_warrant!.received, 8);
    assert.equal(by.emergency_request!.received, 1);
    assert.equal(by.emergency_request!.open, 1);
    assert.equal(by.preservation_request!.received, 1);
    assert.equal(by.subpoena!.received, 0);
    const cat = Object.fromEntries(report.byDataCategory.map((c) => [c.category, c]));
    assert.equal(cat.non_content!.received, 1);
    assert.equal(cat.non_content!.dispositions.non_content_disclosed.count, 1);
    assert.equal(cat.subscriber!.received, 1);
    assert.equal(cat.content!.received, 7);
  });

  test('emergency and preservation demands are counted apart', () => {
    assert.equal(report.emergency.received, 1);
    assert.equal(report.emergency.open, 1);
    assert.equal(report.preservation.received, 1);
    assert.equal(report.preservation.dispositions.preserved_only.count, 1);
    assert.equal(report.preservation.open, 0);
  });

  test('enterprise section: three demands, one redirected, none with content disclosed, one under a held notice', () => {
    const e = report.enterprise;
    assert.equal(e.demands, 3);
    assert.equal(e.accountsSpecified, 3);
    assert.equal(e.redirected, 1);
    assert.equal(e.contentDisclosed, 0);
    assert.equal(e.open, 1);
    assert.equal(e.notice.atOnce, 2);
    assert.equal(e.notice.delayed + e.notice.never, 1);
  });

  test('secrecy orders: one without end date, challenged and vacated', () => {
    assert.deepEqual(report.secrecyOrders, {
      demands: 1,
      indefinite: 1,
      overAYear: 0,
      challenged: 1,
      pending: 0,
      upheld: 0,
      narrowed: 0,
      vacated: 1,
    });
  });

  test('extraterritorial: the German demand for data kept in Ireland', () => {
    assert.deepEqual(report.extraterritorial, {
      demands: 1,
      byCountry: [{ country: 'DE', countryName: 'Germany', demands: 1 }],
    });
  });

  test("private requests: the law firm's civil subpoena is counted apart, in no law-enforcement figure", () => {
    // Government demands only: the subpoena is in neither the totals, nor the US row, nor the processes.
    assert.equal(report.totals.received, 9);
    assert.equal(report.byCountry.find((c) => c.country === 'US')!.received, 8);
    assert.equal(report.byInstrument.find((i) => i.instrument === 'civil_subpoena')!.received, 0);
    assert.equal(report.byDataCategory.find((c) => c.category === 'subscriber')!.received, 1, 'the emergency only');
    const p = report.privateRequests;
    assert.equal(p.received, 1);
    assert.equal(p.accountsSpecified, 1);
    assert.equal(p.closed, 1);
    assert.deepEqual(p.dispositions.no_data_found, { count: 1, percent: 100 });
    assert.equal(p.preservation, 0);
    assert.deepEqual(
      p.byCountry.map((c) => [c.country, c.received]),
      [['US', 1]],
    );
  });

  test('customer notices actually sent, with their bases; a held notice is planned, not sent', () => {
    assert.deepEqual(report.notices, {
      // The redirected enterprise demand's notice went out; the secret one's is held.
      enterprise: { demands: 3, noticeSent: { count: 1, percent: 33.3 }, customersTold: 1 },
      // Eight demands named the consumer's account; only the private subpoena's notice was sent.
      consumer: { demands: 8, noticeSent: { count: 1, percent: 12.5 }, customersTold: 1 },
    });
    // The held notice still counts as planned at intake.
    assert.equal(report.enterprise.notice.delayed + report.enterprise.notice.never, 1);
  });

  test('trend: the previous half-year holds the one demand received then', () => {
    const last2 = report.trend.slice(-2);
    assert.deepEqual(last2, [
      { period: '2025-H2', received: 1, disclosed: 1 },
      { period: '2026-H1', received: 9, disclosed: 2 },
    ]);
    assert.equal(report.trend.length, 6);
  });

  test('the report names a signed checkpoint, and the public leaves up to it give the same figures', async () => {
    assert.ok(report.ledger);
    assert.match(report.ledger.checkpoint, /^reports\.test\.example\/ledger\n\d+\n/);
    const v = await verifyReportAgainstDatabase(t.db, report, { verifiers: [signing.verifier] });
    assert.deepEqual(v.problems, []);
    assert.equal(v.firstDifference, null);
    assert.equal(v.ok, true);
  });

  test('a report with one figure changed does not verify, and the figure is named', async () => {
    const forged = structuredClone(report);
    forged.byCountry.find((c) => c.country === 'DE')!.dispositions.preserved_only.count = 2;
    const v = await verifyReportAgainstDatabase(t.db, forged, { verifiers: [signing.verifier] });
    assert.equal(v.ok, false);
    assert.equal(v.firstDifference?.figure, 'byCountry[DE].dispositions.preserved_only.count');
    assert.equal(v.rootMatches, true, 'the ledger itself is intact');
  });
});

/** The 2026-H1 report as made after the 180 days of 50 U.S.C. 1874(c). */
const reportAfterDelay = () =>
  computeReport(t.db, { period: H1, now: new Date('2027-01-05T00:00:00Z'), origin: signing.origin, signing });

describe('national-security process', () => {
  test('bands of 500 starting with 0-499: 499 and 500 fall on either side of the boundary', () => {
    assert.equal(band(0), '0-499');
    assert.equal(band(1), '0-499');
    assert.equal(band(499), '0-499');
    assert.equal(band(500), '500-999');
    assert.equal(band(999), '500-999');
    assert.equal(band(1000), '1000-1499');
    assert.throws(() => band(-1));
  });

  test('withheld until 180 days after the half-year, never published for other periods', () => {
    assert.equal(report.nationalSecurity.status, 'withheld');
    assert.equal(report.nationalSecurity.publishableFrom, '2026-12-28');
    assert.equal(report.nationalSecurity.nationalSecurityLetters, null);
    const counts = {
      nsl: { demands: 500, accounts: 499 },
      fisaContent: { demands: 0, accounts: 0 },
      fisaNonContent: { demands: 3, accounts: 7 },
    };
    assert.equal(nationalSecuritySection(H1, '2026-12-27', counts).status, 'withheld');
    const s = nationalSecuritySection(H1, '2026-12-28', counts);
    assert.equal(s.status, 'reported');
    assert.deepEqual(s.nationalSecurityLetters, { demands: '500-999', accounts: '0-499' });
    assert.equal(nationalSecuritySection(parsePeriod('2026-Q1'), '2027-12-31', counts).status, 'not_reported');
  });

  test('a report made after the delay shows the NSL in the lowest band, and nothing exact anywhere', async () => {
    const later = await reportAfterDelay();
    assert.equal(later.nationalSecurity.status, 'reported');
    assert.deepEqual(later.nationalSecurity.nationalSecurityLetters, { demands: '0-499', accounts: '0-499' });
    assert.deepEqual(later.nationalSecurity.fisaContent, { demands: '0-499', accounts: '0-499' });
    assert.equal(later.totals.received, 9, 'the NSL is in no other figure');
  });

  test('report verify recomputes the bands from the log and names a changed band, share or trend', async () => {
    const later = await reportAfterDelay();
    const check = async (r: TransparencyReport) =>
      verifyReportAgainstDatabase(t.db, r, { verifiers: [signing.verifier] });
    const fresh = await check(later);
    assert.ok(fresh.ok, JSON.stringify(fresh));
    const changed = (edit: (r: TransparencyReport) => void): TransparencyReport => {
      const copy = structuredClone(later);
      edit(copy);
      return copy;
    };
    const band = await check(changed((r) => (r.nationalSecurity.nationalSecurityLetters!.demands = '500-999')));
    assert.equal(band.ok, false);
    assert.deepEqual(band.firstDifference, {
      figure: 'nationalSecurity.nationalSecurityLetters.demands',
      report: '500-999',
      recomputed: '0-499',
    });
    const withheld = await check(changed((r) => (r.nationalSecurity.status = 'withheld')));
    assert.equal(withheld.firstDifference?.figure, 'nationalSecurity.status');
    const share = await check(changed((r) => (r.totals.someDataProduced.percent += 10)));
    assert.equal(share.firstDifference?.figure, 'totals.someDataProduced.percent');
    const us = (r: TransparencyReport) => r.byCountry.find((c) => c.country === 'US')!;
    const kept = await check(changed((r) => (us(r).preservation[0]!.received += 1)));
    assert.equal(kept.firstDifference?.figure, 'byCountry[US].preservation[preservation_request].received');
    const rounded = await check(changed((r) => (us(r).dispositions.content_disclosed.percent = 16.7)));
    assert.equal(rounded.firstDifference?.figure, 'byCountry[US].dispositions.content_disclosed.percent');
    const key = await check(
      changed((r) => (r.ledger!.verifierKey = generateLedgerSigning(signing.origin).signing.verifierKey)),
    );
    assert.ok(key.problems.includes('the verifying key the report publishes does not verify its checkpoint'));
    const trend = await check(changed((r) => (r.trend.at(-1)!.received += 1)));
    assert.equal(trend.firstDifference?.figure, 'trend[2026-H1].received');
    const privately = await check(changed((r) => (r.privateRequests.received += 1)));
    assert.deepEqual(privately.firstDifference, { figure: 'privateRequests.received', report: 2, recomputed: 1 });
    const moved = await check(
      changed((r) => {
        // The subpoena moved into the law-enforcement figures: caught at the first figure it changes.
        r.totals.received += 1;
        r.privateRequests.received -= 1;
      }),
    );
    assert.equal(moved.firstDifference?.figure, 'totals.received');
    const perCountry = await check(changed((r) => (r.privateRequests.byCountry[0]!.closed = 0)));
    assert.equal(perCountry.firstDifference?.figure, 'privateRequests.byCountry[US].closed');
    const told = await check(changed((r) => (r.notices.enterprise.noticeSent.count = 2)));
    assert.deepEqual(told.firstDifference, { figure: 'notices.enterprise.noticeSent.count', report: 2, recomputed: 1 });
    const toConsumers = await check(changed((r) => (r.notices.consumer.customersTold += 1)));
    assert.equal(toConsumers.firstDifference?.figure, 'notices.consumer.customersTold');
  });
});

describe('periods', () => {
  test('half-years, quarters, years and ranges; nonsense is refused', () => {
    assert.deepEqual(parsePeriod('2026-H2'), {
      label: '2026-H2',
      kind: 'half',
      from: '2026-07-01',
      last: '2026-12-31',
      to: '2027-01-01',
    });
    assert.equal(parsePeriod('2026-Q1').last, '2026-03-31');
    assert.equal(parsePeriod('2024').last, '2024-12-31');
    assert.equal(parsePeriod('2026-03-02..2026-03-02').to, '2026-03-03');
    assert.throws(() => parsePeriod('2026-H3'));
    assert.throws(() => parsePeriod('2026-02-30..2026-03-01'));
    assert.throws(() => parsePeriod('2026-03-01..2026-02-01'));
  });

  test('a one-day range on the day of intake counts the same demands as the half-year', async () => {
    const day = await computeReport(t.db, {
      period: parsePeriod('2026-03-02..2026-03-02'),
      now: clock.now(),
      origin: signing.origin,
      signing: null,
    });
    assert.equal(day.totals.received, 9);
    assert.equal(day.nationalSecurity.status, 'not_reported');
  });
});

describe('tenant report', () => {
  test("the enterprise customer sees only its own demands it was told of, with the same figures' shape", async () => {
    const r = await computeTenantReport(t.db, dir.enterprise, H1, clock.now());
    assert.equal(r.scope, 'tenant');
    assert.equal(r.ledger, null);
    assert.equal(r.totals.received, 1, 'only the redirected demand has had its notice sent');
    assert.equal(r.totals.dispositions.redirected_to_customer.count, 1);
    assert.equal(r.enterprise.demands, 1);
    const consumer = await computeTenantReport(t.db, dir.consumer, H1, clock.now());
    assert.equal(consumer.totals.received, 0);
  });
});
