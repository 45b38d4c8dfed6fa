/**
 * The database itself refuses to change the ledger: no UPDATE, DELETE or TRUNCATE on leaves,
 * salts, nodes or checkpoints, and the queue only lets an event go once it has its leaf.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { cutCheckpoint } from '../../src/workflow/cut-checkpoint.ts';
import { sequenceLedger } from '../../src/workflow/sequence-ledger.ts';
import { ledgerFixture, makeActivity, type LedgerFixture } from './support/ledger-fixtures.ts';

let f: LedgerFixture;

before(async () => {
  f = await ledgerFixture();
  await makeActivity(f, 1);
  await sequenceLedger(f.db);
  await cutCheckpoint(f.db, f.signing);
});
after(() => f.t.drop());

const APPEND_ONLY = {
  ledger_leaves: sql`update ledger_leaves set leaf = leaf where idx = 0`,
  ledger_salts: sql`update ledger_salts set salt = salt where event_id = (select min(event_id) from ledger_salts)`,
  ledger_nodes: sql`update ledger_nodes set hash = hash where level = 0 and idx = 0`,
  ledger_checkpoints: sql`update ledger_checkpoints set note = note`,
} as const;

async function rowCount(table: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(f.db);
  return Number(rows[0]!.n);
}

describe('append-only ledger tables', () => {
  for (const [table, update] of Object.entries(APPEND_ONLY)) {
    test(`${table}: UPDATE, DELETE and TRUNCATE are refused, and nothing changes`, async () => {
      const before = await rowCount(table);
      assert.ok(before > 0, `${table} has rows to protect`);
      await assert.rejects(update.execute(f.db), /append-only \(UPDATE refused\)/);
      await assert.rejects(sql`delete from ${sql.table(table)}`.execute(f.db), /append-only \(DELETE refused\)/);
      await assert.rejects(sql`truncate ${sql.table(table)} cascade`.execute(f.db), /append-only \(TRUNCATE refused\)/);
      assert.equal(await rowCount(table), before);
    });
  }

  test('every new event is queued for the log in its own transaction', async () => {
    const { rows } = await sql<{ id: string }>`
      insert into events (type, payload, actor) values ('agency.created', '{"agencyId":"x","country":"FR","kind":"police"}', 'system:test') returning id`.execute(
      f.db,
    );
    const queued = await sql<{
      n: string;
    }>`select count(*) as n from ledger_pending where event_id = ${rows[0]!.id}`.execute(f.db);
    assert.equal(Number(queued.rows[0]!.n), 1);
  });

  test('the queue refuses to drop an event that has no leaf yet, but lets a sequenced one go', async () => {
    const { rows } = await sql<{ event_id: string }>`select event_id from ledger_pending limit 1`.execute(f.db);
    const waiting = rows[0]!.event_id;
    await assert.rejects(
      sql`delete from ledger_pending where event_id = ${waiting}`.execute(f.db),
      /has no leaf yet \(DELETE refused\)/,
    );
    await assert.rejects(sql`update ledger_pending set event_id = event_id`.execute(f.db), /UPDATE refused/);
    await assert.rejects(sql`truncate ledger_pending`.execute(f.db), /append-only \(TRUNCATE refused\)/);
    await sequenceLedger(f.db);
    assert.equal(await rowCount('ledger_pending'), 0, 'the sequencer took it off the queue');
  });
});
