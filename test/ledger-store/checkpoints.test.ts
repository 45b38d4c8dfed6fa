/**
 * Cutting checkpoints: only when the tree grew, always consistent with the last one, and refused
 * (nothing signed, nothing stored) when the stored tree or the last checkpoint was tampered with.
 * The background loop of `writ serve` sequences and checkpoints on its own and stops cleanly.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { buildApp } from '../../src/http/app.ts';
import { consistencyPlan, consistencyProof, signCheckpoint } from '../../src/ledger/index.ts';
import { generateLedgerSigning } from '../../src/ledger/log-signing.ts';
import { ledgerNodeReader } from '../../src/store/ledger-repository.ts';
import { CheckpointRefused, cutCheckpoint } from '../../src/workflow/cut-checkpoint.ts';
import { startLedgerWorker } from '../../src/workflow/ledger-worker.ts';
import { sequenceLedger } from '../../src/workflow/sequence-ledger.ts';
import { assertProblem, tokenFor } from '../support/http-kit.ts';
import { ledgerFixture, makeActivity, tamper, type LedgerFixture } from './support/ledger-fixtures.ts';
import { checkCheckpointNote, checkConsistency } from './support/rfc6962.ts';

const open: LedgerFixture[] = [];
after(async () => {
  for (const f of open) await f.t.drop();
});

async function fixture(): Promise<LedgerFixture> {
  const f = await ledgerFixture();
  open.push(f);
  return f;
}

/**
 * Changes a stored node that the consistency proof from `from` to `to` relies on. (A node off that
 * path, say a leaf hash deep inside, does not change any root: `verify` finds it, not the cut.)
 */
async function tamperProofNode(f: LedgerFixture, from: number, to: number): Promise<void> {
  const node = consistencyPlan(from, to).ids[0]!;
  await tamper(f.db, ['ledger_nodes'], (tx) =>
    sql`update ledger_nodes set hash = sha256(hash) where level = ${node.level} and idx = ${node.index}`.execute(tx),
  );
}

async function checkpointCount(f: LedgerFixture): Promise<number> {
  return Number((await sql<{ n: string }>`select count(*) as n from ledger_checkpoints`.execute(f.db)).rows[0]!.n);
}

describe('cutting checkpoints', () => {
  test('nothing to sign in an empty log; then one per growth, each consistent with the last', async () => {
    const f = await fixture();
    // The directory's events are recorded but not sequenced yet: the log is empty.
    assert.equal(await cutCheckpoint(f.db, f.signing), null, 'nothing sequenced: nothing signed');
    await sequenceLedger(f.db);
    const a = (await cutCheckpoint(f.db, f.signing))!;
    assert.equal(a.created, true);
    const same = (await cutCheckpoint(f.db, f.signing))!;
    assert.equal(same.created, false);
    assert.equal(same.checkpoint.note, a.checkpoint.note);
    await makeActivity(f, 1);
    await sequenceLedger(f.db);
    const b = (await cutCheckpoint(f.db, f.signing))!;
    assert.equal(b.created, true);
    const one = checkCheckpointNote(a.checkpoint.note, f.signing.verifierKey);
    const two = checkCheckpointNote(b.checkpoint.note, f.signing.verifierKey);
    assert.equal(two.origin, f.signing.origin);
    const proof = await consistencyProof(ledgerNodeReader(f.db), one.treeSize, two.treeSize);
    assert.ok(checkConsistency(one.treeSize, two.treeSize, proof, one.root, two.root));
    assert.equal(await checkpointCount(f), 2);
  });

  test('a node the new tree shares with the last checkpoint changed: the next checkpoint is refused and nothing is stored', async () => {
    const f = await fixture();
    await makeActivity(f, 1);
    await sequenceLedger(f.db);
    const last = (await cutCheckpoint(f.db, f.signing))!.checkpoint.treeSize;
    await makeActivity(f, 1);
    const size = (await sequenceLedger(f.db)).treeSize;
    await tamperProofNode(f, last, size);
    await assert.rejects(
      cutCheckpoint(f.db, f.signing),
      (e: unknown) => e instanceof CheckpointRefused && e.message.includes(`checkpoint for ${last}`),
    );
    assert.equal(await checkpointCount(f), 1);
  });

  test('a forged last checkpoint (right key, another root) makes the next one refused', async () => {
    const f = await fixture();
    await makeActivity(f, 1);
    const size = (await sequenceLedger(f.db)).treeSize;
    const bogus = new Uint8Array(32).fill(5);
    const note = signCheckpoint({ origin: f.signing.origin, treeSize: size, rootHash: bogus, extensions: [] }, [
      f.signing.signer,
    ]);
    await sql`insert into ledger_checkpoints (tree_size, root_hash, note) values (${size}, ${bogus}, ${note})`.execute(
      f.db,
    );
    await assert.rejects(cutCheckpoint(f.db, f.signing), CheckpointRefused, 'refused even without growth');
    await makeActivity(f, 1);
    await sequenceLedger(f.db);
    await assert.rejects(cutCheckpoint(f.db, f.signing), /not consistent with the checkpoint/);
    assert.equal(await checkpointCount(f), 1);
  });

  test('a last checkpoint signed by another key, or stored beside the wrong values, is not trusted', async () => {
    const f = await fixture();
    await makeActivity(f, 1);
    await sequenceLedger(f.db);
    const stranger = generateLedgerSigning(f.signing.origin).signing;
    assert.equal((await cutCheckpoint(f.db, stranger))?.created, true);
    await makeActivity(f, 1);
    await sequenceLedger(f.db);
    await assert.rejects(cutCheckpoint(f.db, f.signing), /does not verify with this log's key/);
    const g = await fixture();
    await makeActivity(g, 1);
    await sequenceLedger(g.db);
    const cp = (await cutCheckpoint(g.db, g.signing))!.checkpoint;
    await tamper(g.db, ['ledger_checkpoints'], (tx) =>
      sql`update ledger_checkpoints set tree_size = ${cp.treeSize - 1} where tree_size = ${cp.treeSize}`.execute(tx),
    );
    await assert.rejects(cutCheckpoint(g.db, g.signing), /does not match its own signed note/);
  });

  test('leaves removed below the last checkpoint: refused', async () => {
    const f = await fixture();
    await makeActivity(f, 1);
    const size = (await sequenceLedger(f.db)).treeSize;
    await cutCheckpoint(f.db, f.signing);
    await tamper(f.db, ['ledger_leaves'], (tx) => sql`delete from ledger_leaves where idx >= ${size - 2}`.execute(tx));
    await assert.rejects(cutCheckpoint(f.db, f.signing), /fewer than the/);
  });

  test('over HTTP a refusal is a 409 problem, and nothing is signed', async () => {
    const f = await fixture();
    await makeActivity(f, 1);
    await sequenceLedger(f.db);
    const last = (await cutCheckpoint(f.db, f.signing))!.checkpoint.treeSize;
    await makeActivity(f, 1);
    await tamperProofNode(f, last, (await sequenceLedger(f.db)).treeSize);
    const app = await buildApp({ ctx: f.ctx, logLevel: 'silent', ledger: f.signing });
    try {
      const admin = (await tokenFor(f.db, { roles: ['administrator'] })).auth;
      const res = await app.inject({ method: 'POST', url: '/api/v1/ledger/checkpoints', headers: admin });
      const p = assertProblem(res, 409);
      assert.match(p.detail, /Refused to sign/);
      assert.equal(await checkpointCount(f), 1);
    } finally {
      await app.close();
    }
  });
});

describe('the background loop', () => {
  test('sequences new events and signs checkpoints on its own, and stops cleanly', async () => {
    const f = await fixture();
    const logs: string[] = [];
    const worker = startLedgerWorker(f.db, f.signing, {
      sequenceEveryMs: 20,
      checkpointEveryMs: 50,
      log: (m) => logs.push(m),
    });
    try {
      await makeActivity(f, 1);
      // Every event, the sealed-slot padding the loop records in its first window included.
      const countEvents = async () =>
        Number((await sql<{ n: string }>`select count(*) as n from events`.execute(f.db)).rows[0]!.n);
      let events = await countEvents();
      let size = 0;
      for (let i = 0; i < 200 && size < events; i++) {
        await new Promise((r) => setTimeout(r, 25));
        events = await countEvents();
        size = Number(
          (await sql<{ n: string }>`select coalesce(max(tree_size), 0) as n from ledger_checkpoints`.execute(f.db))
            .rows[0]!.n,
        );
      }
      assert.equal(size, events, 'a checkpoint covers every event');
      assert.ok(logs.some((m) => m.includes('checkpoint signed')));
    } finally {
      await worker.stop();
    }
    await makeActivity(f, 1);
    await new Promise((r) => setTimeout(r, 100));
    const pending = Number(
      (await sql<{ n: string }>`select count(*) as n from ledger_pending`.execute(f.db)).rows[0]!.n,
    );
    assert.ok(pending > 0, 'after stop nothing runs any more');
  });

  test('a refused checkpoint is reported as a warning on every attempt, and sequencing goes on', async () => {
    const f = await fixture();
    await makeActivity(f, 1);
    await sequenceLedger(f.db);
    const last = (await cutCheckpoint(f.db, f.signing))!.checkpoint.treeSize;
    await makeActivity(f, 1);
    await tamperProofNode(f, last, (await sequenceLedger(f.db)).treeSize);
    await makeActivity(f, 1);
    const warnings: string[] = [];
    const worker = startLedgerWorker(f.db, f.signing, {
      sequenceEveryMs: 10,
      checkpointEveryMs: 10,
      warn: (m) => warnings.push(m),
    });
    try {
      for (let i = 0; i < 200 && warnings.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    } finally {
      await worker.stop();
    }
    assert.ok(
      warnings.length >= 2 && warnings.every((w) => w.startsWith('LEDGER CHECKPOINT REFUSED')),
      warnings.join('\n'),
    );
    const pending = Number(
      (await sql<{ n: string }>`select count(*) as n from ledger_pending`.execute(f.db)).rows[0]!.n,
    );
    assert.equal(pending, 0);
  });
});
