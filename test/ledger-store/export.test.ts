/**
 * The export file and its offline verification: a round trip verifies, with the key in the file or
 * a pinned one; any change to the file (a leaf edited, moved or dropped, the file cut short, a
 * stranger's key) fails. The CLI verifies a file with no database at all.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateLedgerSigning } from '../../src/ledger/log-signing.ts';
import { cutCheckpoint } from '../../src/workflow/cut-checkpoint.ts';
import { exportLedger } from '../../src/workflow/export-ledger.ts';
import { sequenceLedger } from '../../src/workflow/sequence-ledger.ts';
import { verifyLedgerExport } from '../../src/workflow/verify-ledger-export.ts';
import { ledgerFixture, makeActivity, type LedgerFixture } from './support/ledger-fixtures.ts';

let f: LedgerFixture;
let dir: string;
let file: string;
let size: number;
let signed: number;

before(async () => {
  f = await ledgerFixture();
  await makeActivity(f, 2);
  await sequenceLedger(f.db);
  await cutCheckpoint(f.db, f.signing);
  await makeActivity(f, 1);
  await sequenceLedger(f.db);
  signed = (await cutCheckpoint(f.db, f.signing))!.checkpoint.treeSize;
  await makeActivity(f, 1);
  size = (await sequenceLedger(f.db)).treeSize;
  dir = mkdtempSync(path.join(os.tmpdir(), 'writ-ledger-export-'));
  file = path.join(dir, 'ledger.json');
  await exportLedger(f.db, file, { origin: f.signing.origin, verifierKey: f.signing.verifierKey, pageSize: 7 });
});
after(async () => {
  await f.t.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** The export's lines, changed by `edit`, written to a new file. */
function variant(name: string, edit: (lines: string[]) => string[]): string {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out = path.join(dir, name);
  writeFileSync(out, edit(lines).join('\n'));
  return out;
}

describe('export and offline verification', () => {
  test('the file is one JSON document with every leaf, the checkpoints and the key', () => {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(doc.format, 'writ-ledger-export/1');
    assert.equal(doc.verifierKey, f.signing.verifierKey);
    assert.equal(doc.treeSize, size);
    assert.equal(doc.leaves.length, size);
    assert.equal(doc.checkpoints.length, 2);
    assert.equal(JSON.parse(doc.leaves[4]).seq, 4);
  });

  test('round trip: the export verifies offline, with the key in the file and with the key pinned', async () => {
    for (const options of [{}, { verifierKey: f.signing.verifierKey }]) {
      const r = await verifyLedgerExport(file, options);
      assert.ok(r.ok, JSON.stringify(r.failures));
      assert.equal(r.treeSize, size);
      assert.equal(r.verifiedSize, signed);
    }
  });

  test('with the leaves checked in worker threads, the same verdicts', async () => {
    const r = await verifyLedgerExport(file, { workers: 2 });
    assert.ok(r.ok, JSON.stringify(r.failures));
    assert.equal(r.verifiedSize, signed);
    const swapped = variant('swapped-workers.json', (lines) => {
      [lines[3], lines[8]] = [lines[8]!, lines[3]!];
      return lines;
    });
    const bad = await verifyLedgerExport(swapped, { workers: 1 });
    assert.equal(bad.firstIndex, 2);
    assert.deepEqual(
      bad.failures.filter((x) => x.kind === 'leaf_malformed').map((x) => x.index),
      [2, 7],
    );
  });

  test('a file reformatted by another tool still verifies', async () => {
    const pretty = path.join(dir, 'pretty.json');
    writeFileSync(pretty, JSON.stringify(JSON.parse(readFileSync(file, 'utf8')), null, 2));
    assert.ok((await verifyLedgerExport(pretty)).ok);
  });

  test('pinned to a stranger’s key, the same file fails', async () => {
    const r = await verifyLedgerExport(file, {
      verifierKey: generateLedgerSigning(f.signing.origin).signing.verifierKey,
    });
    assert.equal(r.ok, false);
    assert.ok(r.failures.some((x) => x.kind === 'key'));
    assert.ok(r.failures.some((x) => x.kind === 'checkpoint_signature'));
    assert.equal(r.verifiedSize, 0);
  });

  test('one leaf edited: the signed root no longer matches', async () => {
    const edited = variant('edited.json', (lines) => {
      const i = lines.findIndex((l, n) => n > 5 && l.includes('\\"jurisdiction\\":\\"US\\"'));
      lines[i] = lines[i]!.replace('\\"jurisdiction\\":\\"US\\"', '\\"jurisdiction\\":\\"FR\\"');
      return lines;
    });
    const r = await verifyLedgerExport(edited);
    assert.equal(r.ok, false);
    assert.ok(
      r.failures.some((x) => x.kind === 'checkpoint_root'),
      JSON.stringify(r.failures),
    );
  });

  test('two leaves swapped: the first of them is named', async () => {
    const swapped = variant('swapped.json', (lines) => {
      // Line 0 is the header; leaf i is line i + 1 (the last leaf has no trailing comma).
      [lines[3], lines[8]] = [lines[8]!, lines[3]!];
      return lines;
    });
    const r = await verifyLedgerExport(swapped);
    assert.equal(r.ok, false);
    assert.equal(r.firstIndex, 2);
    assert.deepEqual(
      r.failures.filter((x) => x.kind === 'leaf_malformed').map((x) => x.index),
      [2, 7],
    );
  });

  test('a leaf dropped, or the file cut short: named as such', async () => {
    const dropped = await verifyLedgerExport(variant('dropped.json', (lines) => lines.filter((_, n) => n !== 5)));
    assert.equal(dropped.ok, false);
    assert.equal(dropped.firstIndex, 4);
    const cut = await verifyLedgerExport(variant('cut.json', (lines) => lines.slice(0, 10)));
    assert.equal(cut.ok, false);
    assert.ok(cut.failures.some((x) => x.kind === 'file' && /cut short/.test(x.detail)));
  });

  test('something that is not an export is refused', async () => {
    const r = await verifyLedgerExport(variant('other.json', () => ['{"hello":"world"}']));
    assert.equal(r.ok, false);
    assert.equal(r.failures[0]!.kind, 'file');
  });
});

describe('writ ledger export / verify --file', () => {
  test('export through the CLI, verify the file with no database, and fail a tampered copy', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'writ-ledger-offline-'));
    const out = path.join(dir, 'cli.json');
    const cli = (args: string[], env: Record<string, string>) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'ledger', ...args], {
        encoding: 'utf8',
        env: { ...process.env, ...env },
      });
    const exported = cli(['export', out], {
      DATABASE_URL: f.t.url,
      WRIT_DATA_DIR: dataDir,
      WRIT_LEDGER_KEY: f.signerKey,
      WRIT_LEDGER_ORIGIN: f.signing.origin,
    });
    assert.equal(exported.status, 0, exported.stderr);
    assert.match(exported.stdout, new RegExp(`exported ${size} leaves and 2 checkpoints`));

    const offline = { DATABASE_URL: '', WRIT_DATA_DIR: dataDir };
    const good = cli(['verify', '--file', out, '--key', f.signing.verifierKey], offline);
    assert.equal(good.status, 0, good.stdout + good.stderr);
    assert.match(good.stdout, /OK: every leaf, node and checkpoint checks out/);
    assert.ok(!existsSync(path.join(dataDir, 'pg')), 'no database was started');

    writeFileSync(out, readFileSync(out, 'utf8').replace('\\"seq\\":3,', '\\"seq\\":33,'));
    const bad = cli(['verify', '--file', out, '--json'], offline);
    assert.equal(bad.status, 1, bad.stdout + bad.stderr);
    assert.equal(JSON.parse(bad.stdout).firstIndex, 3);
  });
});
