/**
 * Where the checkpoint key comes from: WRIT_LEDGER_KEY, WRIT_LEDGER_KEY_FILE, or a demo key made
 * once in the data folder (mode 0600), never the database. Bad settings are configuration errors
 * that name the variable and never echo a secret.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/env.ts';
import { demoKeyPath, loadLedgerSigning } from '../../src/config/ledger-key.ts';
import { generateLedgerSigning, signingFromSignerKey } from '../../src/ledger/log-signing.ts';
import { parseVerifierKey, signCheckpoint, verifyCheckpoint } from '../../src/ledger/index.ts';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'writ-ledger-key-'));

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    return e.problems;
  }
}

describe('configuration', () => {
  test('defaults: an example origin and no key configured', () => {
    const c = loadConfig({});
    assert.deepEqual(c.ledger, {
      origin: 'writ.example/ledger',
      signerKey: null,
      keyFile: null,
      checkpointEveryMs: 60_000,
      witnessing: { witnesses: [], quorum: 0, witness: null },
    });
  });

  test('WRIT_LEDGER_CHECKPOINT_SECONDS sets how often checkpoints are signed; nonsense is reported', () => {
    assert.equal(loadConfig({ WRIT_LEDGER_CHECKPOINT_SECONDS: '5' }).ledger.checkpointEveryMs, 5000);
    for (const bad of ['0', '-1', '1.5', 'soon', '86401'])
      assert.ok(
        problemsOf({ WRIT_LEDGER_CHECKPOINT_SECONDS: bad }).some((p) => p.includes('WRIT_LEDGER_CHECKPOINT_SECONDS')),
        bad,
      );
  });

  test('witnesses and a witness key are read and checked; a quorum above the witnesses is refused', () => {
    const w = generateLedgerSigning('witness.example.org');
    const c = loadConfig({
      WRIT_LEDGER_WITNESSES: `https://w.example.org/witness ${w.signing.verifierKey}`,
      WRIT_WITNESS_KEY: w.signerKey,
      WRIT_WITNESS_LOGS: w.signing.verifierKey,
    });
    assert.equal(c.ledger.witnessing.quorum, 1, 'all witnesses by default');
    assert.equal(c.ledger.witnessing.witnesses[0]!.url, 'https://w.example.org/witness');
    const problems = problemsOf({
      WRIT_LEDGER_WITNESSES: 'not-a-url key',
      WRIT_LEDGER_WITNESS_QUORUM: '3',
      WRIT_WITNESS_LOGS: 'nope',
    });
    for (const name of ['WRIT_LEDGER_WITNESSES', 'WRIT_LEDGER_WITNESS_QUORUM', 'WRIT_WITNESS_LOGS'])
      assert.ok(
        problems.some((p) => p.startsWith(name)),
        name,
      );
  });

  test('a malformed key, both sources at once, or an origin with spaces are reported, without echoing the key', () => {
    const secretish = 'PRIVATE+KEY+writ.example/ledger+00000000+AQ==';
    const problems = problemsOf({
      WRIT_LEDGER_KEY: secretish,
      WRIT_LEDGER_KEY_FILE: 'keys/ledger-key',
      WRIT_LEDGER_ORIGIN: 'my log',
    });
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('WRIT_LEDGER_KEY is not')));
    assert.ok(problems.some((p) => p.includes('not both')));
    assert.ok(problems.some((p) => p.startsWith('WRIT_LEDGER_ORIGIN')));
    assert.ok(!problems.join('\n').includes('AQ=='), 'the key value is not in the message');
  });

  test('a valid key and origin are accepted', () => {
    const { signerKey } = generateLedgerSigning('example.org/log');
    const c = loadConfig({ WRIT_LEDGER_KEY: signerKey, WRIT_LEDGER_ORIGIN: 'example.org/log' });
    assert.equal(c.ledger.signerKey, signerKey);
    assert.equal(c.ledger.origin, 'example.org/log');
  });
});

describe('loading the key', () => {
  test('the demo key is made on first start in the data folder, mode 0600, and reused afterwards', async () => {
    const dataDir = tmp();
    const config = loadConfig({ WRIT_DATA_DIR: dataDir });
    assert.equal(await loadLedgerSigning(config, { createDemoKey: false }), null, 'a CLI command does not make one');
    const logs: string[] = [];
    const first = await loadLedgerSigning(config, { createDemoKey: true, log: (m) => logs.push(m) });
    assert.equal(statSync(demoKeyPath(dataDir)).mode & 0o777, 0o600);
    assert.match(logs[0]!, /generated a demo ledger signing key/);
    const again = await loadLedgerSigning(config, { createDemoKey: false });
    assert.equal(again?.verifierKey, first.verifierKey);
  });

  test('processes starting at once agree on one demo key', async () => {
    const config = loadConfig({ WRIT_DATA_DIR: tmp() });
    const all = await Promise.all(Array.from({ length: 8 }, () => loadLedgerSigning(config, { createDemoKey: true })));
    assert.equal(new Set(all.map((s) => s.verifierKey)).size, 1);
  });

  test('WRIT_LEDGER_KEY and WRIT_LEDGER_KEY_FILE win over the demo key', async () => {
    const dataDir = tmp();
    const { signerKey, signing } = generateLedgerSigning('writ.example/ledger');
    const fromEnv = await loadLedgerSigning(
      loadConfig({ WRIT_LEDGER_ORIGIN: 'writ.example.org/ledger', WRIT_DATA_DIR: dataDir, WRIT_LEDGER_KEY: signerKey }),
      {
        createDemoKey: true,
      },
    );
    assert.equal(fromEnv.verifierKey, signing.verifierKey);
    const keyFile = path.join(dataDir, 'secret-key');
    writeFileSync(keyFile, `${signerKey}\n`, { mode: 0o600 });
    const fromFile = await loadLedgerSigning(
      loadConfig({
        WRIT_LEDGER_ORIGIN: 'writ.example.org/ledger',
        WRIT_DATA_DIR: dataDir,
        WRIT_LEDGER_KEY_FILE: keyFile,
      }),
      {
        createDemoKey: true,
      },
    );
    assert.equal(fromFile.verifierKey, signing.verifierKey);
    assert.throws(() => statSync(demoKeyPath(dataDir)), 'no demo key was made');
  });

  test('a log with its own key must name itself: without WRIT_LEDGER_ORIGIN it does not start', async () => {
    const { signerKey } = generateLedgerSigning('writ.example/ledger');
    for (const env of [{ WRIT_LEDGER_KEY: signerKey }, { WRIT_LEDGER_KEY_FILE: '/keys/ledger' }]) {
      assert.throws(
        () => loadConfig(env),
        (e: unknown) => e instanceof ConfigError && /WRIT_LEDGER_ORIGIN must be set/.test(e.message),
      );
    }
    // The demo (no key configured) may sign as the example origin.
    assert.equal(loadConfig({}).ledger.origin, 'writ.example/ledger');
  });

  test('a missing or malformed key file is a configuration error', async () => {
    const dataDir = tmp();
    await assert.rejects(
      loadLedgerSigning(
        loadConfig({ WRIT_LEDGER_ORIGIN: 'writ.example.org/ledger', WRIT_LEDGER_KEY_FILE: path.join(dataDir, 'none') }),
        { createDemoKey: true },
      ),
      ConfigError,
    );
    const bad = path.join(dataDir, 'bad');
    writeFileSync(bad, 'not a key');
    await assert.rejects(
      loadLedgerSigning(loadConfig({ WRIT_LEDGER_ORIGIN: 'writ.example.org/ledger', WRIT_LEDGER_KEY_FILE: bad }), {
        createDemoKey: true,
      }),
      /WRIT_LEDGER_KEY_FILE .* does not hold/,
    );
  });

  test('the verifier key derived from any signer key checks what it signs (keys with "+" in their base64 too)', () => {
    let withPlus = 0;
    for (let i = 0; i < 40; i++) {
      const { signerKey } = generateLedgerSigning('writ.example/ledger');
      if (signerKey.split('+').length > 5) withPlus += 1;
      const s = signingFromSignerKey('writ.example/ledger', signerKey);
      const note = signCheckpoint({ origin: s.origin, treeSize: 1, rootHash: new Uint8Array(32), extensions: [] }, [
        s.signer,
      ]);
      assert.equal(verifyCheckpoint(note, [parseVerifierKey(s.verifierKey)], s.origin).checkpoint.treeSize, 1);
    }
    assert.ok(withPlus > 0, 'some keys had a "+" in their base64');
  });
});
