/**
 * Tenant isolation holds in SQL itself: querying as tenant A, tenant B's rows do not exist, whatever
 * the query asks for; and demands appear to a tenant only once its notice was sent.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { asTenant } from '../../src/store/tenant-scope.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { recordNoticeSent } from '../../src/workflow/record-notice-sent.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testClock, testContext } from '../support/context.ts';
import { STAFF, seedDirectory, warrantInput, type Directory } from '../support/factories.ts';

let t: TestDb;
let dir: Directory;
let demandA: string;
let demandB: string;

before(async () => {
  t = await createTestDb();
  const ctx = testContext(t.db, testClock('2026-11-02T09:00:00Z'));
  dir = await seedDirectory(ctx);
  // A: the enterprise (Acme); B: the consumer (Dana). One demand each, both notices sent.
  demandA = (
    await intakeDemand(ctx, {
      input: warrantInput(dir, { targets: [{ kind: 'email', value: 'bob@acme.example' }] }),
      actor: STAFF,
    })
  ).demand.id;
  demandB = (await intakeDemand(ctx, { input: warrantInput(dir), actor: STAFF })).demand.id;
  for (const id of [demandA, demandB])
    await recordNoticeSent(ctx, { demand: id, actor: STAFF, recipients: 1, channels: ['email'] });
});
after(() => t.drop());

test("as tenant A, tenant B's rows do not exist in any tenant table", async () => {
  await asTenant(t.db, dir.enterprise, async (tx) => {
    const customers = (await sql<{ id: string }>`select id from customers`.execute(tx)).rows.map((r) => r.id);
    assert.deepEqual(customers, [dir.enterprise]);
    assert.equal((await sql`select 1 from customers where id = ${dir.consumer}`.execute(tx)).rows.length, 0);
    assert.equal((await sql`select 1 from accounts where customer_id = ${dir.consumer}`.execute(tx)).rows.length, 0);
    assert.equal(
      (await sql`select 1 from account_identifiers where value = 'dana@writmail.example'`.execute(tx)).rows.length,
      0,
    );
    assert.equal(
      (await sql`select 1 from customer_contacts where customer_id = ${dir.consumer}`.execute(tx)).rows.length,
      0,
    );
    assert.equal(
      (await sql`select 1 from demand_targets where customer_id = ${dir.consumer}`.execute(tx)).rows.length,
      0,
    );
    const demands = (await sql<{ id: string }>`select id from demands`.execute(tx)).rows.map((r) => r.id);
    assert.deepEqual(demands, [demandA]);
  });
});

test('a tenant cannot write, nor read tables outside its grant', async () => {
  await assert.rejects(
    asTenant(t.db, dir.enterprise, (tx) => sql`update demands set state = 'closed'`.execute(tx)),
    /permission denied/,
  );
  await assert.rejects(
    asTenant(t.db, dir.enterprise, (tx) => sql`select * from events`.execute(tx)),
    /permission denied/,
  );
  await assert.rejects(
    asTenant(t.db, dir.enterprise, (tx) => sql`select * from principals`.execute(tx)),
    /permission denied/,
  );
});

test('a demand is invisible to its tenant until the notice was sent', async () => {
  const ctx = testContext(t.db, testClock('2026-11-02T10:00:00Z'));
  const secrecyOrder = {
    legalBasis: '18 U.S.C. 2705(b)',
    issuedAt: '2026-11-01T00:00:00Z',
    expiresAt: '2026-12-01T00:00:00Z',
    individualizedFindings: true,
  };
  const held = (
    await intakeDemand(ctx, {
      input: warrantInput(dir, { targets: [{ kind: 'email', value: 'carol@acme.example' }], secrecyOrder }),
      actor: STAFF,
    })
  ).demand;
  assert.equal(held.noticeState, 'held');
  const seen = await asTenant(
    t.db,
    dir.enterprise,
    async (tx) => (await sql<{ id: string }>`select id from demands where id = ${held.id}`.execute(tx)).rows,
  );
  assert.deepEqual(seen, []);
});

test('without a tenant set, the tenant role sees nothing at all', async () => {
  const rows = await t.db.transaction().execute(async (tx) => {
    await sql`set local role writ_tenant`.execute(tx);
    return (await sql`select id from customers`.execute(tx)).rows;
  });
  assert.deepEqual(rows, []);
});
