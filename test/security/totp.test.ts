/** TOTP against the RFC 6238 appendix B test vectors (SHA-1 seed), and replay refusal. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { base32Decode, base32Encode, hotp, matchTotp, totpAt } from '../../src/domain/totp.ts';

const SEED = Buffer.from('12345678901234567890', 'ascii');

test('RFC 6238 appendix B vectors (8 digits, SHA-1)', () => {
  const vectors: [number, string][] = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ];
  for (const [t, code] of vectors) assert.equal(hotp(SEED, Math.floor(t / 30), 8), code, `T=${t}`);
});

test('base32 round trip and the six-digit code', () => {
  const b32 = base32Encode(SEED);
  assert.equal(b32, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  assert.deepEqual(base32Decode(b32), SEED);
  assert.equal(totpAt(b32, new Date(59_000)), '287082');
});

test('a code matches within one step of drift, and never twice', () => {
  const b32 = base32Encode(SEED);
  const at = new Date(1111111111_000);
  const code = totpAt(b32, at);
  const counter = matchTotp(b32, code, new Date(at.getTime() + 30_000), null);
  assert.equal(counter, Math.floor(1111111111 / 30));
  assert.equal(matchTotp(b32, code, at, counter), null, 'replay refused');
  assert.equal(matchTotp(b32, code, new Date(at.getTime() + 120_000), null), null, 'too old');
  assert.equal(matchTotp(b32, '12345', at, null), null);
});
