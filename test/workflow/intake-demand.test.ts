/**
 * Intake against a real PostgreSQL: the demand, its targets, documents, events and outbox jobs are
 * written in one transaction; a failure anywhere leaves nothing; an idempotency key makes a retry
 * return the first demand.
 */
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { DomainError } from '../../src/domain/errors.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testClock, testContext } from '../support/context.ts';
import { PDF_BYTES, STAFF, seedDirectory, warrantInput, type Directory } from '../support/factories.ts';

let t: TestDb;
let dir: Directory;
const clock = testClock('2026-11-02T09:00:00Z');

async function counts() {
  const one = async (table: 'demands' | 'demand_targets' | 'documents' | 'events' | 'outbox' | 'idempotency_keys') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    demands: await one('demands'),
    targets: await one('demand_targets'),
    documents: await one('documents'),
    events: await one('events'),
    outbox: await one('outbox'),
    keys: await one('idempotency_keys'),
  };
}

before(async () => {
  t = await createTestDb();
  dir = await seedDirectory(testContext(t.db, clock));
});
after(() => t.drop());

describe('intake', () => {
  test('stores the demand with its targets, documents, decision, events and outbox job together', async () => {
    const ctx = testContext(t.db, clock);
    const before = await counts();
    const { demand, created } = await intakeDemand(ctx, {
      input: warrantInput(dir),
      documents: [{ filename: 'warrant.pdf', mediaType: 'application/pdf', bytes: PDF_BYTES }],
      actor: STAFF,
    });
    assert.equal(created, true);
    assert.match(demand.reference, /^WR-2026-\d{6}$/);
    assert.equal(demand.targets.length, 1);
    assert.equal(demand.targets[0]!.customerId, dir.consumer);
    assert.equal(demand.documents[0]!.sha256, createHash('sha256').update(PDF_BYTES).digest('hex'));
    assert.deepEqual(await ctx.documents.get(demand.documents[0]!.sha256), PDF_BYTES);
    // A portal officer from a verified agency domain goes straight to counsel.
    assert.equal(demand.state, 'legal_review');
    const after = await counts();
    assert.equal(after.demands - before.demands, 1);
    assert.equal(after.targets - before.targets, 1);
    assert.equal(after.documents - before.documents, 1);
    const events = await t.db
      .selectFrom('events')
      .select(['type'])
      .where('demand_id', '=', demand.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(events.map((e) => e.type).slice(0, 3), [
      'demand.received',
      'demand.decision_recorded',
      'demand.review_started',
    ]);
    const row = await t.db
      .selectFrom('demands')
      .select(['decision'])
      .where('id', '=', demand.id)
      .executeTakeFirstOrThrow();
    assert.equal((row.decision as { kind: string }).kind, 'recommendation');
    const jobs = await t.db
      .selectFrom('outbox')
      .select(['kind', 'idempotency_key'])
      .where('demand_id', '=', demand.id)
      .execute();
    assert.deepEqual(
      jobs.map((j) => j.kind),
      ['notice.deliver'],
    );
    // All rows were written by one transaction: PostgreSQL stamps them with the same xmin.
    const { rows } = await sql<{ n: number }>`
      select count(distinct xid) as n from (
        select xmin::text as xid from demands where id = ${demand.id}
        union all select xmin::text from demand_targets where demand_id = ${demand.id}
        union all select xmin::text from documents where demand_id = ${demand.id}
        union all select xmin::text from events where demand_id = ${demand.id}
        union all select xmin::text from outbox where demand_id = ${demand.id}) x`.execute(t.db);
    assert.equal(Number(rows[0]!.n), 1);
  });

  test("the reference carries the UTC year the demand was received, whatever the sender's offset", async () => {
    // Entered on 2 January: both dates are still open to staff (a half-year closes 7 days after its end).
    const ctx = testContext(t.db, testClock('2026-01-02T12:00:00Z'));
    const received = async (receivedAt: string) => {
      const { demand } = await intakeDemand(ctx, {
        input: { ...warrantInput(dir), issuedAt: '2025-12-30T12:00:00Z', receivedAt },
        actor: STAFF,
      });
      return demand.reference;
    };
    assert.match(await received('2025-12-31T23:30:00-05:00'), /^WR-2026-\d{6}$/); // 04:30 UTC on 1 January 2026
    assert.match(await received('2026-01-01T00:30:00+02:00'), /^WR-2025-\d{6}$/); // 22:30 UTC on 31 December 2025
  });

  test('the decision record is stored as the policy engine made it (compressed with lz4 where the server has it)', async () => {
    const ctx = testContext(t.db, clock);
    let made: unknown;
    const recording = {
      ...ctx,
      decide: (...args: Parameters<typeof ctx.decide>) => {
        const d = ctx.decide(...args);
        made = d.record;
        return d;
      },
    };
    const { demand } = await intakeDemand(recording, { input: warrantInput(dir), actor: STAFF });
    const row = await t.db
      .selectFrom('demands')
      .select(['decision'])
      .where('id', '=', demand.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row.decision, JSON.parse(JSON.stringify(made)));
    const { rows } = await sql<{ lz4: boolean; method: string }>`
      select exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)) as lz4,
        (select attcompression::text from pg_attribute where attrelid = 'demands'::regclass and attname = 'decision') as method`.execute(
      t.db,
    );
    assert.equal(rows[0]!.method, rows[0]!.lz4 ? 'l' : '');
  });

  test('an e-mailed demand from an unknown requester waits for verification', async () => {
    const { demand } = await intakeDemand(testContext(t.db, clock), {
      input: warrantInput(dir, { channel: 'email', requester: { name: 'X', email: 'x@springfield-pd.example' } }),
      actor: STAFF,
    });
    assert.equal(demand.state, 'verifying_requester');
  });

  test('a secrecy order holds the notice until it lapses, with a release timer', async () => {
    const secrecyOrder = {
      legalBasis: '18 U.S.C. 2705(b)',
      issuedAt: '2026-11-01T00:00:00Z',
      expiresAt: '2026-12-01T00:00:00Z',
      individualizedFindings: true,
    };
    const { demand } = await intakeDemand(testContext(t.db, clock), {
      input: warrantInput(dir, { secrecyOrder }),
      actor: STAFF,
    });
    assert.equal(demand.noticeState, 'held');
    assert.equal(demand.noticeHeldUntil, '2026-12-01T00:00:00.000Z');
    const jobs = await t.db
      .selectFrom('outbox')
      .select(['kind', 'run_at'])
      .where('demand_id', '=', demand.id)
      .execute();
    assert.deepEqual(
      jobs.map((j) => [j.kind, new Date(j.run_at).toISOString()]),
      [['notice.release', '2026-12-01T00:00:00.000Z']],
    );
  });

  test('concurrent first demands from a new requester all land, with one requester row', async () => {
    const input = warrantInput(dir, { requester: { name: 'Brand New', email: 'brand.new@springfield-pd.example' } });
    const results = await Promise.all(
      Array.from({ length: 8 }, () => intakeDemand(testContext(t.db, clock), { input, actor: STAFF })),
    );
    assert.equal(new Set(results.map((r) => r.demand.id)).size, 8);
    const rows = await t.db
      .selectFrom('requesters')
      .select('id')
      .where('email', '=', 'brand.new@springfield-pd.example')
      .execute();
    assert.equal(rows.length, 1);
    assert.ok(results.every((r) => r.demand.requesterId === rows[0]!.id));
  });

  test('a target that resolves to nobody is refused and nothing is written', async () => {
    const before = await counts();
    await assert.rejects(
      intakeDemand(testContext(t.db, clock), {
        input: warrantInput(dir, {
          targets: [
            { kind: 'email', value: 'dana@writmail.example' },
            { kind: 'email', value: 'nobody@nowhere.example' },
          ],
        }),
        actor: STAFF,
      }),
      (e: unknown) => e instanceof DomainError && e.code === 'invalid_input' && e.fields[0]!.pointer === '/targets/1',
    );
    assert.deepEqual(await counts(), before);
  });

  test('a "PDF" that is not a PDF is refused and nothing is written', async () => {
    const before = await counts();
    await assert.rejects(
      intakeDemand(testContext(t.db, clock), {
        input: warrantInput(dir),
        documents: [{ filename: 'x.pdf', mediaType: 'application/pdf', bytes: Buffer.from('MZ not a pdf') }],
        actor: STAFF,
      }),
      (e: unknown) => e instanceof DomainError && e.code === 'unsupported_media_type',
    );
    assert.deepEqual(await counts(), before);
  });

  test('a crash in the middle of the transaction leaves nothing behind', async () => {
    // Make the database fail on the last writes of intake (the notice event), after the demand,
    // its targets and its first events were inserted.
    await sql`create function fail_notice() returns trigger language plpgsql as $$
      begin if new.type = 'notice.queued' then raise exception 'simulated crash'; end if; return new; end $$`.execute(
      t.db,
    );
    await sql`create trigger fail_notice before insert on events for each row execute function fail_notice()`.execute(
      t.db,
    );
    try {
      const before = await counts();
      await assert.rejects(
        intakeDemand(testContext(t.db, clock), { input: warrantInput(dir), actor: STAFF }),
        /simulated crash/,
      );
      assert.deepEqual(await counts(), before);
    } finally {
      await sql`drop trigger fail_notice on events`.execute(t.db);
      await sql`drop function fail_notice()`.execute(t.db);
    }
  });
});

describe('idempotent intake', () => {
  test('the same key and request return the first demand', async () => {
    const ctx = testContext(t.db, clock);
    const a = await intakeDemand(ctx, {
      input: warrantInput(dir, { caseNumber: 'IDEM-1' }),
      actor: STAFF,
      idempotencyKey: 'k-1',
    });
    const before = await counts();
    const b = await intakeDemand(ctx, {
      input: warrantInput(dir, { caseNumber: 'IDEM-1' }),
      actor: STAFF,
      idempotencyKey: 'k-1',
    });
    assert.equal(b.created, false);
    assert.equal(b.demand.id, a.demand.id);
    assert.deepEqual(await counts(), before);
  });

  test('the same key with a different request is refused', async () => {
    const ctx = testContext(t.db, clock);
    await intakeDemand(ctx, {
      input: warrantInput(dir, { caseNumber: 'IDEM-2' }),
      actor: STAFF,
      idempotencyKey: 'k-2',
    });
    await assert.rejects(
      intakeDemand(ctx, {
        input: warrantInput(dir, { caseNumber: 'IDEM-2-changed' }),
        actor: STAFF,
        idempotencyKey: 'k-2',
      }),
      (e: unknown) => e instanceof DomainError && e.code === 'idempotency_conflict',
    );
  });

  test('concurrent retries with one key make exactly one demand', async () => {
    const ctx = testContext(t.db, clock);
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        intakeDemand(ctx, { input: warrantInput(dir, { caseNumber: 'IDEM-3' }), actor: STAFF, idempotencyKey: 'k-3' }),
      ),
    );
    assert.equal(new Set(results.map((r) => r.demand.id)).size, 1);
    assert.equal(results.filter((r) => r.created).length, 1);
    const n = await t.db
      .selectFrom('demands')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('case_number', '=', 'IDEM-3')
      .executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 1);
  });

  test('keys are scoped to the agency', async () => {
    const ctx = testContext(t.db, clock);
    const a = await intakeDemand(ctx, {
      input: warrantInput(dir, { caseNumber: 'IDEM-4' }),
      actor: STAFF,
      idempotencyKey: 'shared',
    });
    const b = await intakeDemand(ctx, {
      input: warrantInput(dir, {
        agencyId: dir.ukPolice,
        jurisdiction: 'GB',
        jurisdictionSubdivision: null,
        instrument: 'overseas_production_order',
        requester: { name: 'PC Plod', email: 'plod@tvp.police.example' },
        caseNumber: 'IDEM-4',
      }),
      actor: STAFF,
      idempotencyKey: 'shared',
    });
    assert.notEqual(a.demand.id, b.demand.id);
  });
});

describe('events are append-only in the database', () => {
  test('UPDATE, DELETE and TRUNCATE on events are refused', async () => {
    await assert.rejects(sql`update events set type = 'x'`.execute(t.db), /append-only/);
    await assert.rejects(sql`delete from events`.execute(t.db), /append-only/);
    await assert.rejects(sql`truncate events cascade`.execute(t.db), /append-only/);
  });
});
