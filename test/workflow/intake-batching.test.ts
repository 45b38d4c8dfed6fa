/**
 * Group commit at intake (src/store/intake-batcher.ts): intakes that arrive together are written
 * by one statement, yet each demand is whole (its targets, documents, events and outbox jobs in
 * the transaction that wrote it), and one demand's refusal does not take the others down with it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { DomainError } from '../../src/domain/errors.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testClock, testContext } from '../support/context.ts';
import { PDF_BYTES, STAFF, seedDirectory, warrantInput, type Directory } from '../support/factories.ts';

let t: TestDb;
let dir: Directory;
const clock = testClock('2026-11-02T09:00:00Z');

before(async () => {
  t = await createTestDb();
  dir = await seedDirectory(testContext(t.db, clock));
});
after(() => t.drop());

/** The transaction (xmin) of each row a demand's intake wrote, by demand. */
async function transactionsOf(caseNumber: string) {
  const { rows } = await sql<{ id: string; xmins: string[] }>`
    select d.id, array_agg(distinct x.xmin::text) as xmins
    from demands d
    cross join lateral (
      select d.xmin union all select t.xmin from demand_targets t where t.demand_id = d.id
      union all select c.xmin from documents c where c.demand_id = d.id
      union all select e.xmin from events e where e.demand_id = d.id
      union all select o.xmin from outbox o where o.demand_id = d.id
      union all select k.xmin from idempotency_keys k where k.demand_id = d.id
    ) x
    where d.case_number = ${caseNumber}
    group by d.id`.execute(t.db);
  return rows;
}

test('intakes arriving together share statements, and each demand is written whole in one transaction', async () => {
  const ctx = testContext(t.db, clock);
  const n = 24;
  const results = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      intakeDemand(ctx, {
        input: warrantInput(dir, { caseNumber: 'BATCH-1' }),
        documents: [{ filename: `w${i}.pdf`, mediaType: 'application/pdf', bytes: PDF_BYTES }],
        actor: STAFF,
        idempotencyKey: `batch-1-${i}`,
      }),
    ),
  );
  assert.equal(new Set(results.map((r) => r.demand.reference)).size, n);
  const rows = await transactionsOf('BATCH-1');
  assert.equal(rows.length, n);
  for (const r of rows)
    assert.equal(r.xmins.length, 1, `demand ${r.id}: its rows were written by ${r.xmins.length} transactions`);
  const transactions = new Set(rows.map((r) => r.xmins[0]));
  assert.ok(transactions.size < n, `${n} intakes at once took ${transactions.size} transactions: none was shared`);
  // Every demand got its own events and jobs, not a neighbour's.
  const { rows: events } = await sql<{ n: string }>`
    select count(*) as n from events e join demands d on d.id = e.demand_id
    where d.case_number = 'BATCH-1' and e.type = 'demand.received'`.execute(t.db);
  assert.equal(Number(events[0]!.n), n);
});

test("one intake's refusal in a batch reaches its own request; the others are written", async () => {
  const ctx = testContext(t.db, clock);
  const first = await intakeDemand(ctx, {
    input: warrantInput(dir, { caseNumber: 'BATCH-2' }),
    actor: STAFF,
    idempotencyKey: 'batch-2-taken',
  });
  const other = (i: number) =>
    intakeDemand(ctx, {
      input: warrantInput(dir, { caseNumber: 'BATCH-2' }),
      actor: STAFF,
      idempotencyKey: `batch-2-${i}`,
    });
  // The first intakes go alone (nothing is being written yet); the later ones wait and go together,
  // so the taken key lands in a batch with others.
  const outcomes = await Promise.allSettled([
    ...[0, 1, 2, 3, 4].map(other),
    // The same key with other content: refused as a conflict.
    intakeDemand(ctx, {
      input: warrantInput(dir, { caseNumber: 'BATCH-2-OTHER' }),
      actor: STAFF,
      idempotencyKey: 'batch-2-taken',
    }),
    // The same key and content: the same demand again.
    intakeDemand(ctx, {
      input: warrantInput(dir, { caseNumber: 'BATCH-2' }),
      actor: STAFF,
      idempotencyKey: 'batch-2-taken',
    }),
    ...[5, 6, 7, 8, 9].map(other),
  ]);
  const conflict = outcomes[5];
  const retry = outcomes[6];
  const others = [...outcomes.slice(0, 5), ...outcomes.slice(7)];
  assert.equal(conflict!.status, 'rejected');
  assert.ok(
    conflict!.status === 'rejected' &&
      conflict!.reason instanceof DomainError &&
      conflict!.reason.code === 'idempotency_conflict',
  );
  assert.ok(retry!.status === 'fulfilled' && retry!.value.demand.id === first.demand.id && !retry!.value.created);
  assert.ok(others.every((o) => o.status === 'fulfilled' && o.value.created));
  const rows = await transactionsOf('BATCH-2');
  assert.equal(rows.length, 11, 'the first demand and the ten others, nothing twice');
  assert.ok(rows.every((r) => r.xmins.length === 1));
  assert.equal((await transactionsOf('BATCH-2-OTHER')).length, 0);
});

test('lookups arriving together share a query; an unknown agency or target is refused for its own intake only', async () => {
  const ctx = testContext(t.db, clock);
  // Every other intake from the UK agency, so that each must get its own lookup's answer.
  const uk = {
    agencyId: dir.ukPolice,
    jurisdiction: 'GB',
    jurisdictionSubdivision: null,
    instrument: 'overseas_production_order' as const,
    requester: { name: 'PC Plod', email: 'plod@tvp.police.example' },
  };
  const agencyOf = (i: number) => (i % 2 ? dir.ukPolice : dir.usPolice);
  const good = (i: number) =>
    intakeDemand(ctx, {
      input: warrantInput(dir, { caseNumber: 'BATCH-3', ...(i % 2 ? uk : {}) }),
      actor: STAFF,
      idempotencyKey: `batch-3-${i}`,
    });
  const outcomes = await Promise.allSettled([
    ...[0, 1, 2, 3].map(good),
    intakeDemand(ctx, {
      input: warrantInput(dir, { caseNumber: 'BATCH-3-BAD', agencyId: '00000000-0000-4000-8000-000000000000' }),
      actor: STAFF,
    }),
    intakeDemand(ctx, {
      input: warrantInput(dir, {
        caseNumber: 'BATCH-3-BAD',
        targets: [{ kind: 'email', value: 'nobody@nowhere.example' }],
      }),
      actor: STAFF,
    }),
    ...[4, 5, 6, 7].map(good),
  ]);
  const refused = (o: PromiseSettledResult<unknown>, pointer: string) =>
    o.status === 'rejected' &&
    o.reason instanceof DomainError &&
    o.reason.code === 'invalid_input' &&
    o.reason.fields[0]?.pointer === pointer;
  assert.ok(refused(outcomes[4]!, '/agencyId'), 'the unknown agency is named');
  assert.ok(refused(outcomes[5]!, '/targets/0'), 'the unknown target is named');
  const written = [...outcomes.slice(0, 4), ...outcomes.slice(6)];
  assert.ok(
    written.every((o) => o.status === 'fulfilled' && o.value.created && o.value.demand.caseNumber === 'BATCH-3'),
  );
  // Each intake got its own lookup's answer: its demand names the agency it sent, and its requester.
  written.forEach((o, k) => {
    const i = k; // written holds intakes 0-3 then 4-7, in order
    assert.ok(o.status === 'fulfilled');
    assert.equal(o.value.demand.agencyId, agencyOf(i));
    assert.equal(o.value.demand.jurisdiction, i % 2 ? 'GB' : 'US');
  });
  assert.equal((await transactionsOf('BATCH-3')).length, 8);
  assert.equal((await transactionsOf('BATCH-3-BAD')).length, 0);
});
