/**
 * The report facts intake keeps on the demand row (migration 0009): they are the demand.received
 * event's, the migration that fills old rows writes the very same text, and the provider report's
 * one-scan grouping gives the same fact rows as grouping the demands joined to their targets.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { parseReportDimensionsKey } from '../../src/domain/report-facts.ts';
import { rowKey, type FactRow } from '../../src/reports/fact-rows.ts';
import { parsePeriod } from '../../src/reports/period.ts';
import { fillReportFacts } from '../../src/store/migrations/2026-11-29-0009-report-facts.ts';
import { reportPeriodFacts, tenantReportFactRows } from '../../src/store/report-repository.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testClock, testContext } from '../support/context.ts';
import { seedDirectory } from '../support/factories.ts';
import { craftDataSet } from './support.ts';

let t: TestDb;
const clock = testClock();

interface FactColumns {
  id: string;
  report_dimensions: string;
  report_target_count: number;
  report_enterprise_targets: number;
  payload: Record<string, unknown>;
}

const columns = async () =>
  (
    await sql<FactColumns>`
      select d.id, d.report_dimensions, d.report_target_count, d.report_enterprise_targets, e.payload
      from demands d join events e on e.demand_id = d.id and e.type = 'demand.received' order by d.id`.execute(t.db)
  ).rows;

before(async () => {
  t = await createTestDb();
  const ctx = testContext(t.db, clock);
  clock.set('2025-09-01T09:00:00Z');
  const dir = await seedDirectory(ctx);
  await craftDataSet(ctx, clock, dir);
});
after(() => t.drop());

test('each demand row carries the facts of its demand.received event', async () => {
  const rows = await columns();
  assert.ok(rows.length >= 10);
  assert.ok(rows.some((r) => r.report_enterprise_targets > 0) && rows.some((r) => r.report_enterprise_targets === 0));
  for (const r of rows) {
    const p = r.payload;
    assert.deepEqual(parseReportDimensionsKey(r.report_dimensions), {
      jurisdiction: p.jurisdiction,
      instrument: p.instrument,
      dataCategories: p.dataCategories,
      emergency: p.emergency,
      enterprise: (p.enterpriseTargets as number) > 0,
      extraterritorial: p.extraterritorial,
      secrecyTerm: p.secrecyTerm,
      noticePlan: p.noticePlan,
      requesterKind: p.requesterKind,
    });
    assert.equal(r.report_target_count, p.targetCount);
    assert.equal(r.report_enterprise_targets, p.enterpriseTargets);
  }
});

test('the migration fills old rows with the text intake wrote then, which reads the same', async () => {
  const written = await columns();
  assert.ok(written.some((r) => parseReportDimensionsKey(r.report_dimensions).requesterKind === 'private'));
  await sql`update demands set report_dimensions = '', report_target_count = 0, report_enterprise_targets = 0`.execute(
    t.db,
  );
  assert.ok((await columns()).every((r) => r.report_dimensions === ''));
  await fillReportFacts(t.db as unknown as Parameters<typeof fillReportFacts>[0]);
  const filled = await columns();
  // The migration predates the requester kind: its key ends with the notice plan, and the kind is
  // read back by the rule for keys without it (the law firm's civil subpoena is private).
  assert.deepEqual(
    filled.map((r) => ({ ...r, report_dimensions: parseReportDimensionsKey(r.report_dimensions) })),
    written.map((r) => ({ ...r, report_dimensions: parseReportDimensionsKey(r.report_dimensions) })),
  );
  assert.deepEqual(
    filled.map((r) => r.report_dimensions),
    written.map((r) => `${JSON.stringify((JSON.parse(r.report_dimensions) as unknown[]).slice(0, 8))}`),
  );
});

test("the one-scan report rows equal the rows grouped from the demands' targets", async () => {
  const sorted = (rows: FactRow[]) => rows.map((r) => `${rowKey(r)} ${JSON.stringify(r)}`).sort();
  for (const label of ['2026-H1', '2025-H2']) {
    const period = parsePeriod(label);
    const scan = await reportPeriodFacts(t.db, period);
    // Run by the owner (no row-level security), the tenant query groups every demand through its targets.
    assert.deepEqual(sorted(scan.rows), sorted(await tenantReportFactRows(t.db, period)));
    assert.ok(scan.rows.length > 0);
  }
  const h1 = await reportPeriodFacts(t.db, parsePeriod('2026-H1'));
  assert.equal(h1.nationalSecurity.nsl.demands, 1, 'the national security letter is counted apart');
  assert.ok(
    h1.rows.every((r) => r.kind === 'challenge' || r.kind === 'notice' || r.instrument !== 'national_security_letter'),
  );
});
