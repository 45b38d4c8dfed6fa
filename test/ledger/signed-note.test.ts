/**
 * Signed notes and their keys, checked against the published vectors of golang.org/x/mod/sumdb/note
 * (note_test.go: the PeterNeumann and EnochRoot keys and signatures) and against tampering.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  LedgerError,
  ed25519PublicKeyFromSeed,
  formatSignerKey,
  formatVerifierKey,
  generateNoteKeyPair,
  isValidKeyName,
  noteKeyId,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  verifyNote,
} from '../../src/ledger/index.ts';

// Published in golang.org/x/mod/sumdb/note (note.go and note_test.go).
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG =
  '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

const withCode = (code: string) => (err: unknown) => err instanceof LedgerError && err.code === code;

test('reproduces the Go reference signature byte for byte', () => {
  const signer = parseSignerKey(PETER_SKEY);
  assert.equal(signer.name, 'PeterNeumann');
  assert.equal(signer.keyId, 0xc74f20a3);
  assert.equal(signNote(TEXT, [signer]), `${TEXT}\n${PETER_SIG}`);
});

test('key ID is SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4]', () => {
  const verifier = parseVerifierKey(PETER_VKEY);
  const publicKey = Buffer.from(PETER_VKEY.split('+').slice(2).join('+'), 'base64').subarray(1);
  const digest = createHash('sha256').update('PeterNeumann\n').update(Uint8Array.of(1)).update(publicKey).digest();
  assert.equal(verifier.keyId, digest.readUInt32BE(0));
  assert.equal(noteKeyId('PeterNeumann', 1, publicKey), 0xc74f20a3);
  // The verifier key is derivable from the signer key's seed.
  const seed = Buffer.from(PETER_SKEY.split('+').slice(4).join('+'), 'base64').subarray(1);
  assert.deepEqual(ed25519PublicKeyFromSeed(seed), new Uint8Array(publicKey));
  assert.equal(formatVerifierKey('PeterNeumann', publicKey), PETER_VKEY);
  assert.equal(formatSignerKey('PeterNeumann', seed), PETER_SKEY);
});

test('opens the Go reference notes with one, both or no known keys', () => {
  const peter = parseVerifierKey(PETER_VKEY);
  const enoch = parseVerifierKey(ENOCH_VKEY);
  const message = `${TEXT}\n${PETER_SIG}${ENOCH_SIG}`;

  const one = verifyNote(message, [peter]);
  assert.equal(one.text, TEXT);
  assert.deepEqual(
    one.verified.map((s) => [s.name, s.keyId]),
    [['PeterNeumann', 0xc74f20a3]],
  );
  assert.deepEqual(
    one.unverified.map((s) => [s.name, s.keyId]),
    [['EnochRoot', 0xaf0cfe78]],
  );

  const both = verifyNote(new TextEncoder().encode(message), [peter, enoch]);
  assert.deepEqual(
    both.verified.map((s) => s.name),
    ['PeterNeumann', 'EnochRoot'],
  );
  assert.equal(both.unverified.length, 0);

  assert.throws(() => verifyNote(message, []), withCode('unverified_note'));
  // Repeated identical lines are tolerated and reported once.
  const repeated = verifyNote(`${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}`, [peter]);
  assert.equal(repeated.verified.length, 1);
  assert.equal(repeated.unverified.length, 1);
});

test('Go reference key manglings are all rejected', () => {
  for (const [key, parse] of [
    [PETER_VKEY, parseVerifierKey],
    [PETER_SKEY, parseSignerKey],
  ] as const) {
    parse(key);
    for (let i = 0; i <= key.length; i++) {
      for (let j = i + 1; j <= key.length; j++) {
        if (i === 0 && j === key.length) continue;
        assert.throws(() => parse(key.slice(i, j)), withCode('malformed_key'), key.slice(i, j));
      }
    }
    for (let i = 0; i < key.length; i++) {
      const mangled = key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1);
      assert.throws(() => parse(mangled), withCode('malformed_key'), mangled);
    }
  }
  // Wrong key length and unknown algorithm, each with a key ID adjusted to match.
  assert.throws(
    () => parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='),
    withCode('malformed_key'),
  );
  assert.throws(
    () => parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'),
    withCode('malformed_key'),
  );
});

test('generated keys sign and verify, and encode as the Go formats do', () => {
  const pair = generateNoteKeyPair('writ.example/ledger');
  assert.match(pair.verifierKey, /^writ\.example\/ledger\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
  assert.match(pair.signerKey, /^PRIVATE\+KEY\+writ\.example\/ledger\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
  const signer = parseSignerKey(pair.signerKey);
  const verifier = parseVerifierKey(pair.verifierKey);
  assert.equal(signer.keyId, verifier.keyId);
  const note = signNote('hello\n\nworld\n', [signer]);
  assert.equal(verifyNote(note, [verifier]).text, 'hello\n\nworld\n');
  assert.notEqual(generateNoteKeyPair('writ.example/ledger').signerKey, pair.signerKey);
  assert.throws(() => generateNoteKeyPair('bad name'), withCode('malformed_key'));
});

test('tampering is detected', () => {
  const signer = parseSignerKey(PETER_SKEY);
  const peter = parseVerifierKey(PETER_VKEY);
  const note = signNote(TEXT, [signer]);
  const bytes = new TextEncoder().encode(note);

  // Flip a byte of the body: the known key's signature no longer verifies.
  const body = bytes.slice();
  body[3]! ^= 0x01;
  assert.throws(() => verifyNote(body, [peter]), withCode('invalid_signature'));

  // Flip a byte of the signature itself (past the 4-byte key ID).
  const sigBytes = Buffer.from(note.slice(note.lastIndexOf(' ') + 1, -1), 'base64');
  sigBytes[10]! ^= 0x01;
  const badSig = note.slice(0, note.lastIndexOf(' ') + 1) + sigBytes.toString('base64') + '\n';
  assert.throws(() => verifyNote(badSig, [peter]), withCode('invalid_signature'));

  // Change the key ID bytes: now it is some unknown key's signature, and no trusted key signed.
  const idBytes = Buffer.from(note.slice(note.lastIndexOf(' ') + 1, -1), 'base64');
  idBytes[0]! ^= 0x01;
  const badId = note.slice(0, note.lastIndexOf(' ') + 1) + idBytes.toString('base64') + '\n';
  assert.throws(() => verifyNote(badId, [peter]), withCode('unverified_note'));

  // Wrong key name on the signature line, or a different key under the right name.
  assert.throws(
    () => verifyNote(note.replace('— PeterNeumann ', '— PeterNeuman '), [peter]),
    withCode('unverified_note'),
  );
  const impostor = parseVerifierKey(generateNoteKeyPair('PeterNeumann').verifierKey);
  assert.throws(() => verifyNote(note, [impostor]), withCode('unverified_note'));

  // A bad signature from a known key sinks the note even next to a good one.
  assert.throws(
    () => verifyNote(`${TEXT}\n${PETER_SIG}${badSig.slice(badSig.lastIndexOf('— '))}`, [peter]),
    withCode('invalid_signature'),
  );
  // Go's case: base64 still valid but the signature has the wrong length.
  assert.throws(
    () => verifyNote(`${TEXT}\n${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`, [peter]),
    withCode('invalid_signature'),
  );
});

test('malformed notes are rejected', () => {
  const peter = parseVerifierKey(PETER_VKEY);
  const bad: Array<string | Uint8Array> = [
    TEXT, // no signatures
    `${TEXT}\n`, // blank line but no signatures
    `${TEXT}\n${PETER_SIG.slice(0, -1)}`, // last signature line without newline
    `\x01${TEXT}\n${PETER_SIG}`, // control character
    Uint8Array.of(0xff, ...new TextEncoder().encode(`${TEXT}\n${PETER_SIG}`)), // invalid UTF-8
    `${TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
    `${TEXT}\n${PETER_SIG}Unexpected line.\n`,
    `${TEXT}\n${PETER_SIG.replace('— ', '-- ')}`, // hyphens instead of the em dash
    `${TEXT}\n— PeterNeumann\n`, // no signature
    `${TEXT}\n— PeterNeumann AAAA\n`, // too short to hold a key ID and a signature
    `${TEXT}\n— PeterNeumann x08go/ZJkuBS9UG\n`, // not valid padded base64
    `${TEXT.slice(0, -1)}\r\n\n${PETER_SIG}`, // CR
    `${TEXT}\n${PETER_SIG.repeat(101)}`, // too many signatures
  ];
  for (const message of bad) {
    assert.throws(
      () => verifyNote(message, [peter]),
      withCode('malformed_note'),
      JSON.stringify(String(message).slice(0, 40)),
    );
  }
  assert.equal(parseNote(`${TEXT}\n${PETER_SIG.repeat(100)}`).signatures.length, 100);
});

test('signing refuses texts and signers that would make a malformed note', () => {
  const signer = parseSignerKey(PETER_SKEY);
  assert.throws(() => signNote('no final newline', [signer]), withCode('malformed_note'));
  assert.throws(() => signNote('tab\there\n', [signer]), withCode('malformed_note'));
  assert.throws(() => signNote('lone \udc00\n', [signer]), withCode('malformed_note'));
  assert.throws(() => signNote(TEXT, []), withCode('invalid_argument'));
  assert.throws(() => signNote(TEXT, [signer, signer]), withCode('invalid_argument'));
  const badName = { name: 'a+b', keyId: 1, sign: () => new Uint8Array(64) };
  assert.throws(() => signNote(TEXT, [badName]), withCode('malformed_key'));
});

test('key names follow the spec', () => {
  for (const ok of ['PeterNeumann', 'writ.example/ledger', 'ünïcode', '😀']) assert.ok(isValidKeyName(ok), ok);
  for (const bad of ['', 'a b', 'a+b', 'a\tb', 'a\u00a0b', 'a\u0085b', 'a\u2003b', 'a\u3000b', 'a\u0001b', 'a\ud800']) {
    assert.ok(!isValidKeyName(bad), JSON.stringify(bad));
  }
});

test('two different keys with the same name and ID are refused as ambiguous', () => {
  const peter = parseVerifierKey(PETER_VKEY);
  const lookalike = { name: peter.name, keyId: peter.keyId, verify: () => true };
  assert.throws(() => verifyNote(`${TEXT}\n${PETER_SIG}`, [peter, lookalike]), withCode('invalid_argument'));
  assert.equal(verifyNote(`${TEXT}\n${PETER_SIG}`, [peter, peter]).verified.length, 1);
});
