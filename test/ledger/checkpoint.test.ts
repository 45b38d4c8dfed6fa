/**
 * Checkpoint bodies (c2sp.org/tlog-checkpoint): the spec's example, round trips, every parse
 * refusal, and signed checkpoints end to end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  type Checkpoint,
  LedgerError,
  MemoryTree,
  formatCheckpoint,
  generateNoteKeyPair,
  parseCheckpoint,
  parseSignerKey,
  parseVerifierKey,
  signCheckpoint,
  verifyCheckpoint,
} from '../../src/ledger/index.ts';

const malformed = (err: unknown) => err instanceof LedgerError && err.code === 'malformed_checkpoint';
const ROOT_B64 = 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=';

test('parses the example from the specification', () => {
  const text = `example.com/behind-the-sofa\n20852163\n${ROOT_B64}\n`;
  const cp = parseCheckpoint(text);
  assert.equal(cp.origin, 'example.com/behind-the-sofa');
  assert.equal(cp.treeSize, 20852163);
  assert.deepEqual(cp.rootHash, new Uint8Array(Buffer.from(ROOT_B64, 'base64')));
  assert.deepEqual(cp.extensions, []);
  assert.equal(formatCheckpoint(cp), text);
});

test('format and parse round-trip, with and without extension lines', () => {
  const tree = new MemoryTree();
  for (let i = 0; i < 5; i++) tree.appendLeaf(Uint8Array.of(i));
  const cases: Checkpoint[] = [
    { origin: 'writ.example/ledger', treeSize: 0, rootHash: tree.root(0), extensions: [] },
    { origin: 'writ.example/ledger', treeSize: 5, rootHash: tree.root(), extensions: ['— ext one', 'x'] },
    {
      origin: 'origins may have spaces+plus',
      treeSize: Number.MAX_SAFE_INTEGER,
      rootHash: tree.root(),
      extensions: [],
    },
  ];
  for (const cp of cases) {
    const text = formatCheckpoint(cp);
    assert.ok(text.endsWith('\n'));
    assert.deepEqual(parseCheckpoint(text), cp);
  }
  assert.equal(
    formatCheckpoint(cases[1]!),
    `writ.example/ledger\n5\n${Buffer.from(tree.root()).toString('base64')}\n— ext one\nx\n`,
  );
});

test('parse refuses anything but the canonical form', () => {
  const bad = [
    `example.com/log\n1\n${ROOT_B64}`, // no final newline
    `example.com/log\n1\n`, // two lines
    `\n1\n${ROOT_B64}\n`, // empty origin
    `example.com/log\n1\n${ROOT_B64}\n\n`, // empty extension line
    `example.com/log\n1\n${ROOT_B64}\nok\n\nok\n`, // blank line between extensions
    `example.com/log\n01\n${ROOT_B64}\n`, // leading zero
    `example.com/log\n-1\n${ROOT_B64}\n`,
    `example.com/log\n+1\n${ROOT_B64}\n`,
    `example.com/log\n 1\n${ROOT_B64}\n`,
    `example.com/log\n1.0\n${ROOT_B64}\n`,
    `example.com/log\n1e3\n${ROOT_B64}\n`,
    `example.com/log\n0x10\n${ROOT_B64}\n`,
    `example.com/log\n9007199254740992\n${ROOT_B64}\n`, // beyond 2^53 − 1
    `example.com/log\n18446744073709551615\n${ROOT_B64}\n`,
    `example.com/log\n1\n${ROOT_B64.slice(0, -1)}\n`, // padding missing
    `example.com/log\n1\n${ROOT_B64.replace('=', 'F')}\n`, // 33 bytes' worth without padding
    `example.com/log\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=\n`, // non-zero trailing bits
    `example.com/log\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jx\n`, // 30 bytes
    `example.com/log\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=AAAA\n`, // 35 bytes
    `example.com/log\n1\nCsUYapGGPo4dkMgIAUqom_Xajj7h2fB2MPA3j2jxq2I=\n`, // base64url
    `example.com/log\n1\n ${ROOT_B64}\n`,
    `example.com/log\r\n1\r\n${ROOT_B64}\r\n`, // CRLF
    `example.com/\tlog\n1\n${ROOT_B64}\n`, // control character
    `example.com/\ud800log\n1\n${ROOT_B64}\n`, // lone surrogate
  ];
  for (const text of bad) assert.throws(() => parseCheckpoint(text), malformed, JSON.stringify(text));
});

test('format refuses what it could not write faithfully', () => {
  const root = new Uint8Array(32);
  const bad: Checkpoint[] = [
    { origin: '', treeSize: 1, rootHash: root, extensions: [] },
    { origin: 'a\nb', treeSize: 1, rootHash: root, extensions: [] },
    { origin: 'log', treeSize: -1, rootHash: root, extensions: [] },
    { origin: 'log', treeSize: 1.5, rootHash: root, extensions: [] },
    { origin: 'log', treeSize: 2 ** 53, rootHash: root, extensions: [] },
    { origin: 'log', treeSize: 1, rootHash: new Uint8Array(31), extensions: [] },
    { origin: 'log', treeSize: 1, rootHash: root, extensions: [''] },
    { origin: 'log', treeSize: 1, rootHash: root, extensions: ['two\nlines'] },
  ];
  for (const cp of bad) assert.throws(() => formatCheckpoint(cp), malformed, JSON.stringify(cp.origin));
});

test('signed checkpoints verify, and only for the trusted key and origin', () => {
  const keys = generateNoteKeyPair('writ.example/ledger');
  const signer = parseSignerKey(keys.signerKey);
  const verifier = parseVerifierKey(keys.verifierKey);
  const tree = new MemoryTree();
  tree.appendLeaf(new TextEncoder().encode('demand received'));
  const cp: Checkpoint = { origin: 'writ.example/ledger', treeSize: 1, rootHash: tree.root(), extensions: [] };

  const signed = signCheckpoint(cp, [signer]);
  const { checkpoint, note } = verifyCheckpoint(signed, [verifier], 'writ.example/ledger');
  assert.deepEqual(checkpoint, cp);
  assert.equal(note.verified.length, 1);

  assert.throws(() => verifyCheckpoint(signed, [verifier], 'other.example/log'), malformed);
  const stranger = parseVerifierKey(generateNoteKeyPair('writ.example/ledger').verifierKey);
  assert.throws(() => verifyCheckpoint(signed, [stranger]), { code: 'unverified_note' });
  // A rewritten tree size invalidates the signature.
  assert.throws(() => verifyCheckpoint(signed.replace('\n1\n', '\n2\n'), [verifier]), { code: 'invalid_signature' });
});
