/**
 * Tampering with the database behind the ledger's back (triggers switched off, as a superuser
 * could): `verify` must fail and name the first leaf index, or the checkpoint, that differs. Each
 * test tampers with a database of its own.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { generateLedgerSigning } from '../../src/ledger/log-signing.ts';
import { consistencyPlan, nodeBegin, signCheckpoint } from '../../src/ledger/index.ts';
import type { LedgerVerifyReport } from '../../src/ledger/verify-report.ts';
import { cutCheckpoint } from '../../src/workflow/cut-checkpoint.ts';
import { sequenceLedger } from '../../src/workflow/sequence-ledger.ts';
import { verifyLedger } from '../../src/workflow/verify-ledger.ts';
import {
  leafEvents,
  ledgerFixture,
  makeActivity,
  storedLeaves,
  tamper,
  type LedgerFixture,
} from './support/ledger-fixtures.ts';

const open: LedgerFixture[] = [];
after(async () => {
  for (const f of open) await f.t.drop();
});

/** A log with two checkpoints (the second over more leaves) and a few leaves past the last. */
async function loggedFixture(): Promise<{ f: LedgerFixture; first: number; second: number; size: number }> {
  const f = await ledgerFixture();
  open.push(f);
  await makeActivity(f, 2);
  await sequenceLedger(f.db);
  const first = (await cutCheckpoint(f.db, f.signing))!.checkpoint.treeSize;
  await makeActivity(f, 1);
  await sequenceLedger(f.db);
  const second = (await cutCheckpoint(f.db, f.signing))!.checkpoint.treeSize;
  await makeActivity(f, 1);
  const size = (await sequenceLedger(f.db)).treeSize;
  return { f, first, second, size };
}

const verify = (f: LedgerFixture) =>
  verifyLedger(f.db, { verifiers: [f.signing.verifier], origin: f.signing.origin, pageSize: 8 });

function assertFails(r: LedgerVerifyReport, firstIndex: number | null, kinds: string[]): void {
  assert.equal(r.ok, false, 'verification fails');
  assert.equal(r.firstIndex, firstIndex, `first index named: ${JSON.stringify(r.failures)}`);
  for (const k of kinds)
    assert.ok(
      r.failures.some((x) => x.kind === k),
      `a ${k} failure in ${JSON.stringify(r.failures.map((x) => x.kind))}`,
    );
}

describe('verify on an untouched log', () => {
  test('passes, with every checkpoint verified', async () => {
    const { f, second, size } = await loggedFixture();
    const r = await verify(f);
    assert.ok(r.ok, JSON.stringify(r.failures));
    assert.equal(r.treeSize, size);
    assert.equal(r.checkpoints, 2);
    assert.equal(r.verifiedSize, second);
    assert.equal(r.firstIndex, null);
  });
});

describe('tampering is found and located', () => {
  test('one event row changed: the leaf of that event', async () => {
    const { f } = await loggedFixture();
    const target = (await leafEvents(f.db))[9]!;
    await tamper(f.db, ['events'], (tx) =>
      sql`update events set payload = payload || '{"note":"nothing to see"}' where id = ${target.eventId}`.execute(tx),
    );
    const r = await verify(f);
    assertFails(r, 9, ['leaf_mismatch']);
    assert.equal(r.failures[0]!.eventId, target.eventId);
  });

  test('one event row deleted: the leaf that pointed to it', async () => {
    const { f } = await loggedFixture();
    const target = (await leafEvents(f.db))[4]!;
    await tamper(f.db, ['events'], (tx) => sql`delete from events where id = ${target.eventId}`.execute(tx));
    assertFails(await verify(f), 4, ['event_missing']);
  });

  test('an event and its leaf deleted: the gap in the log', async () => {
    const { f } = await loggedFixture();
    const target = (await leafEvents(f.db))[11]!;
    await tamper(f.db, ['events', 'ledger_leaves', 'ledger_salts'], async (tx) => {
      await sql`delete from ledger_leaves where idx = 11`.execute(tx);
      await sql`delete from ledger_salts where event_id = ${target.eventId}`.execute(tx);
      await sql`delete from events where id = ${target.eventId}`.execute(tx);
    });
    assertFails(await verify(f), 11, ['leaf_missing']);
  });

  test('two events reordered (their ids swapped): the earlier of the two leaves', async () => {
    const { f } = await loggedFixture();
    const leaves = await leafEvents(f.db);
    const [a, b] = [leaves[6]!.eventId, leaves[13]!.eventId];
    await tamper(f.db, ['events'], async (tx) => {
      await sql`update events set id = -1 where id = ${a}`.execute(tx);
      await sql`update events set id = ${a} where id = ${b}`.execute(tx);
      await sql`update events set id = ${b} where id = -1`.execute(tx);
    });
    const r = await verify(f);
    assertFails(r, 6, ['leaf_mismatch']);
    assert.deepEqual(
      r.failures.filter((x) => x.kind === 'leaf_mismatch').map((x) => x.index),
      [6, 13],
    );
  });

  test('two leaves reordered in the log: the earlier index', async () => {
    const { f } = await loggedFixture();
    await tamper(f.db, ['ledger_leaves'], async (tx) => {
      await sql`update ledger_leaves set idx = 1000000 where idx = 3`.execute(tx);
      await sql`update ledger_leaves set idx = 3 where idx = 5`.execute(tx);
      await sql`update ledger_leaves set idx = 5 where idx = 1000000`.execute(tx);
    });
    assertFails(await verify(f), 3, ['leaf_mismatch', 'node_mismatch']);
  });

  test('a leaf rewritten consistently (bytes, hash and every node above it): the signed root gives it away', async () => {
    const { f, first } = await loggedFixture();
    // Rewrite leaf 0 (the first agency, in the US) and rebuild the stored tree so that leaves, hashes and nodes agree again.
    await tamper(f.db, ['ledger_leaves', 'ledger_nodes'], async (tx) => {
      await sql`update ledger_leaves set leaf = convert_to(replace(convert_from(leaf, 'UTF8'), '"US"', '"FR"'), 'UTF8') where idx = 0`.execute(
        tx,
      );
      await sql`update ledger_leaves set leaf_hash = sha256('\\x00'::bytea || leaf) where idx = 0`.execute(tx);
      await sql`delete from ledger_nodes`.execute(tx);
      await sql`insert into ledger_nodes (level, idx, hash) select 0, idx, leaf_hash from ledger_leaves`.execute(tx);
      for (let level = 1; level < 20; level++) {
        await sql`insert into ledger_nodes (level, idx, hash)
          select ${level}, l.idx / 2, sha256('\\x01'::bytea || l.hash || r.hash)
          from ledger_nodes l join ledger_nodes r on r.level = l.level and r.idx = l.idx + 1
          where l.level = ${level - 1} and l.idx % 2 = 0`.execute(tx);
      }
    });
    assert.match((await storedLeaves(f.db))[0]!.toString('utf8'), /"country":"FR"/, 'the leaf was rewritten');
    const r = await verify(f);
    assertFails(r, 0, ['leaf_mismatch', 'checkpoint_root']);
    const cp = r.failures.find((x) => x.kind === 'checkpoint_root')!;
    assert.equal(cp.checkpoint, first, 'the first checkpoint no longer matches');
    assert.ok(!r.failures.some((x) => x.kind === 'node_mismatch'), 'the stored tree itself is consistent again');
  });

  test('one stored node changed: the first leaf below it, and the consistency proof between checkpoints fails', async () => {
    const { f, first, second } = await loggedFixture();
    // A node that the consistency proof between the two checkpoints needs.
    const node = consistencyPlan(first, second).ids[0]!;
    await tamper(f.db, ['ledger_nodes'], (tx) =>
      sql`update ledger_nodes set hash = sha256(hash) where level = ${node.level} and idx = ${node.index}`.execute(tx),
    );
    assertFails(await verify(f), nodeBegin(node), ['node_mismatch', 'consistency']);
  });

  test('a checkpoint swapped for one validly signed over another history: that checkpoint is named', async () => {
    const { f, first, second } = await loggedFixture();
    const forged = signCheckpoint(
      { origin: f.signing.origin, treeSize: second, rootHash: new Uint8Array(32).fill(9), extensions: [] },
      [f.signing.signer],
    );
    await tamper(f.db, ['ledger_checkpoints'], (tx) =>
      sql`update ledger_checkpoints set note = ${forged}, root_hash = ${new Uint8Array(32).fill(9)} where tree_size = ${second}`.execute(
        tx,
      ),
    );
    const r = await verify(f);
    assertFails(r, first, ['checkpoint_root', 'consistency']);
    assert.equal(r.failures.find((x) => x.kind === 'checkpoint_root')!.checkpoint, second);
    assert.equal(r.verifiedSize, first);
  });

  test('two checkpoints swapped between rows: both rows are named', async () => {
    const { f, first, second } = await loggedFixture();
    await tamper(f.db, ['ledger_checkpoints'], (tx) =>
      sql`update ledger_checkpoints c set note = o.note from ledger_checkpoints o where o.tree_size <> c.tree_size`.execute(
        tx,
      ),
    );
    const r = await verify(f);
    assertFails(r, null, ['checkpoint_row']);
    assert.deepEqual(
      r.failures.map((x) => x.checkpoint).sort((a, b) => a! - b!),
      [first, second],
    );
  });

  test('a checkpoint signed by another key is refused', async () => {
    const { f, second } = await loggedFixture();
    const stranger = generateLedgerSigning(f.signing.origin).signing;
    const root = (
      await sql<{ root_hash: Buffer }>`select root_hash from ledger_checkpoints where tree_size = ${second}`.execute(
        f.db,
      )
    ).rows[0]!.root_hash;
    const forged = signCheckpoint({ origin: f.signing.origin, treeSize: second, rootHash: root, extensions: [] }, [
      stranger.signer,
    ]);
    await tamper(f.db, ['ledger_checkpoints'], (tx) =>
      sql`update ledger_checkpoints set note = ${forged} where tree_size = ${second}`.execute(tx),
    );
    const r = await verify(f);
    assertFails(r, null, ['checkpoint_signature']);
    assert.equal(r.failures[0]!.checkpoint, second);
  });

  test('an event kept out of the log (its queue row removed before sequencing) is reported', async () => {
    const { f } = await loggedFixture();
    const { rows } = await sql<{ id: string }>`
      insert into events (type, payload, actor) values ('agency.created', '{"agencyId":"x","country":"FR","kind":"police"}', 'system:ledger-fixture') returning id`.execute(
      f.db,
    );
    await tamper(f.db, ['ledger_pending'], (tx) =>
      sql`delete from ledger_pending where event_id = ${rows[0]!.id}`.execute(tx),
    );
    await sequenceLedger(f.db);
    const r = await verify(f);
    assertFails(r, null, ['unlogged_event']);
    assert.equal(r.failures[0]!.eventId, rows[0]!.id);
  });
});

describe('with the leaves recomputed in a worker thread', () => {
  test('the same verdicts: an untouched log passes, a changed event row is named', async () => {
    const { f, second } = await loggedFixture();
    const withWorker = () =>
      verifyLedger(f.db, { verifiers: [f.signing.verifier], origin: f.signing.origin, pageSize: 8, workers: 1 });
    const good = await withWorker();
    assert.ok(good.ok, JSON.stringify(good.failures));
    assert.equal(good.verifiedSize, second);
    const target = (await leafEvents(f.db))[9]!;
    await tamper(f.db, ['events'], (tx) =>
      sql`update events set payload = payload || '{"note":"nothing to see"}' where id = ${target.eventId}`.execute(tx),
    );
    const bad = await withWorker();
    assertFails(bad, 9, ['leaf_mismatch']);
    assert.equal(bad.failures[0]!.eventId, target.eventId);
  });
});

describe('writ ledger verify', () => {
  test('exits 0 on an untouched log and 1 after tampering, naming the first index', async () => {
    const { f } = await loggedFixture();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'writ-ledger-cli-'));
    const run = () =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'ledger', 'verify'], {
        encoding: 'utf8',
        env: {
          ...process.env,
          DATABASE_URL: f.t.url,
          WRIT_DATA_DIR: dataDir,
          WRIT_LEDGER_KEY: f.signerKey,
          WRIT_LEDGER_ORIGIN: f.signing.origin,
        },
      });
    const good = run();
    assert.equal(good.status, 0, good.stdout + good.stderr);
    assert.match(good.stdout, /OK: every leaf, node and checkpoint checks out/);
    const target = (await leafEvents(f.db))[7]!;
    await tamper(f.db, ['events'], (tx) =>
      sql`update events set actor = 'staff:someone-else' where id = ${target.eventId}`.execute(tx),
    );
    const bad = run();
    assert.equal(bad.status, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout, /FAILED: .*the first at leaf index 7/);
    assert.match(bad.stdout, /leaf 7: recomputing it from event/);
  });
});
