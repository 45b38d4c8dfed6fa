/**
 * The sequencer: every event gets exactly one leaf, whatever order transactions commit in, with
 * several sequencers and intake running at once; one sequencer at a time holds the lock.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import pg from 'pg';
import { sequenceLedger } from '../../src/workflow/sequence-ledger.ts';
import { verifyLedger } from '../../src/workflow/verify-ledger.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { storedNodeCount } from '../../src/ledger/streaming-tree.ts';
import { ledgerNodeReader } from '../../src/store/ledger-repository.ts';
import { treeRoot } from '../../src/ledger/index.ts';
import { STAFF, warrantInput } from '../support/factories.ts';
import {
  allEventIds,
  leafEvents,
  ledgerFixture,
  makeActivity,
  storedLeaves,
  type LedgerFixture,
} from './support/ledger-fixtures.ts';
import { mth } from './support/rfc6962.ts';

let f: LedgerFixture;

before(async () => {
  f = await ledgerFixture();
});
after(() => f.t.drop());

/** Every event has exactly one leaf, indexes run 0..n−1, and the tree is the RFC 6962 tree of the leaves. */
async function assertLogComplete(): Promise<void> {
  const events = await allEventIds(f.db);
  const leaves = await leafEvents(f.db);
  assert.deepEqual(
    leaves.map((l) => l.idx),
    leaves.map((_, i) => i),
    'indexes are 0..n−1 without gaps',
  );
  assert.deepEqual(
    [...leaves.map((l) => l.eventId)].sort((a, b) => Number(a) - Number(b)),
    events,
    'every event exactly once',
  );
  const { rows } = await sql<{ n: string }>`select count(*) as n from ledger_nodes`.execute(f.db);
  assert.equal(Number(rows[0]!.n), storedNodeCount(leaves.length), 'one node per perfect subtree');
  const root = await treeRoot(ledgerNodeReader(f.db), leaves.length);
  assert.ok(
    mth(await storedLeaves(f.db)).equals(Buffer.from(root)),
    'stored nodes give the RFC 6962 root of the stored leaves',
  );
}

describe('sequencing', () => {
  test('after a run every event since the first is in the log, in id order, and the queue is empty', async () => {
    await makeActivity(f, 2);
    const before = (await allEventIds(f.db)).length;
    assert.ok(before > 10);
    const r = await sequenceLedger(f.db, { batchSize: 7 });
    assert.equal(r.appended, before);
    assert.equal(r.treeSize, before);
    await assertLogComplete();
    const leaves = await leafEvents(f.db);
    assert.deepEqual(
      leaves.map((l) => l.eventId),
      await allEventIds(f.db),
      'serial commits: leaf order is id order',
    );
    const { rows } = await sql<{ n: string }>`select count(*) as n from ledger_pending`.execute(f.db);
    assert.equal(Number(rows[0]!.n), 0);
    assert.deepEqual(await sequenceLedger(f.db), { appended: 0, treeSize: before }, 'a second run has nothing to do');
  });

  test('an event whose transaction commits late, with a lower id, is not skipped: it gets a later index', async () => {
    await sequenceLedger(f.db);
    const client = new pg.Client({ connectionString: f.t.url });
    await client.connect();
    try {
      await client.query('begin');
      const slow = (
        await client.query<{ id: string }>(
          `insert into events (type, payload, actor) values ('agency.created', '{"agencyId":"late","country":"US","kind":"police"}', 'system:test') returning id`,
        )
      ).rows[0]!.id;
      await makeActivity(f, 1); // commits events with higher ids meanwhile
      await sequenceLedger(f.db);
      const mid = await leafEvents(f.db);
      assert.ok(!mid.some((l) => l.eventId === slow), 'an uncommitted event is not in the log');
      assert.ok(
        mid.some((l) => Number(l.eventId) > Number(slow)),
        'events with higher ids were sequenced',
      );
      await client.query('commit');
      await sequenceLedger(f.db);
      const leaves = await leafEvents(f.db);
      const late = leaves.find((l) => l.eventId === slow);
      assert.ok(late, 'the late event is in the log');
      assert.equal(late.idx, mid.length, 'it got the next index');
      await assertLogComplete();
    } finally {
      await client.end();
    }
  });

  test('a sequencer waits while another process holds the lock, then appends what it committed on top', async () => {
    await makeActivity(f, 1);
    const other = new pg.Client({ connectionString: f.t.url });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('select pg_advisory_xact_lock(1465010516, 1)'); // "WRIT", sequencer
      let done = false;
      const run = sequenceLedger(f.db).then((r) => {
        done = true;
        return r;
      });
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(done, false, 'blocked on the lock');
      await other.query('commit');
      assert.ok((await run).appended > 0);
      await assertLogComplete();
    } finally {
      await other.end();
    }
  });

  test('two sequencers at once while intake runs: no event skipped, none twice', async () => {
    let intakeDone = false;
    const intake = (async () => {
      const jobs: Promise<unknown>[] = [];
      for (let i = 0; i < 40; i++) {
        jobs.push(intakeDemand(f.ctx, { input: warrantInput(f.dir, { caseNumber: `CONC-${i}` }), actor: STAFF }));
        if (jobs.length === 8) await Promise.all(jobs.splice(0));
      }
      await Promise.all(jobs);
      intakeDone = true;
    })();
    const sequencer = async () => {
      let runs = 0;
      // Keep going while intake runs, and at least three times each, however fast intake is.
      while (!intakeDone || runs < 3) {
        await sequenceLedger(f.db, { batchSize: 5, maxBatches: 1 });
        runs += 1;
      }
      return runs;
    };
    const [, runsA, runsB] = await Promise.all([intake, sequencer(), sequencer()]);
    assert.ok(runsA > 1 && runsB > 1, `both sequencers ran repeatedly (${runsA}, ${runsB})`);
    await sequenceLedger(f.db);
    await assertLogComplete();
    const report = await verifyLedger(f.db, { verifiers: [f.signing.verifier], origin: f.signing.origin });
    assert.ok(report.ok, JSON.stringify(report.failures));
    assert.equal(report.pending, 0);
  });
});
