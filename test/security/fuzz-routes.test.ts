/**
 * No 500s: every route of the OpenAPI document, called with random and hostile bodies, parameters
 * and headers, as every kind of caller and as nobody, answers below 500, and every error it gives is
 * problem+json. A fixed seed and a short budget here; bench/fuzz.ts runs longer.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testClock, testContext } from '../support/context.ts';
import { fuzzTarget, runFuzz, type FuzzTarget } from '../support/route-fuzz.ts';

const SEED = 20261204;
const RUNS = Number(process.env.WRIT_FUZZ_RUNS ?? 1500);

let t: TestDb;
let target: FuzzTarget;
let doc: object;

before(async () => {
  t = await createTestDb();
  ({ target, doc } = await fuzzTarget(t.db, testContext(t.db, testClock('2026-11-02T09:00:00Z'))));
});
after(async () => {
  await target?.app.close();
  await t.drop();
});

test('the fuzz reaches every route of the OpenAPI document', () => {
  assert.ok(target.operations.length >= 40, `${target.operations.length} operations`);
  assert.ok(target.operations.some((o) => o.path === '/api/v1/demands' && o.method === 'POST' && o.body));
});

test(`${RUNS} random and hostile requests: no 5xx, every error problem+json`, async () => {
  const failures = await runFuzz(target, doc, RUNS, SEED);
  const summary = failures.map(
    (f) =>
      `${f.status} ${f.request.method} ${f.request.url.slice(0, 120)} as ${f.request.caller}: ${f.body.slice(0, 160)}`,
  );
  assert.deepEqual(summary, []);
});
