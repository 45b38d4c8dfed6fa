/**
 * The 53-bit helpers against BigInt, which has no width limit, over random and boundary values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bitAt, bitLength, isPowerOfTwo, popCount, shiftRight, trailingZeros, xor } from '../../src/ledger/bits.ts';

const uint53 = fc.oneof(
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  fc.integer({ min: 0, max: 52 }).map((k) => 2 ** k),
  fc.integer({ min: 1, max: 53 }).map((k) => 2 ** k - 1),
);

test('bit helpers agree with BigInt arithmetic', () => {
  fc.assert(
    fc.property(uint53, uint53, fc.integer({ min: 0, max: 60 }), (a, b, k) => {
      const A = BigInt(a);
      const B = BigInt(b);
      assert.equal(bitLength(a), A.toString(2).replace(/^0$/, '').length);
      assert.equal(popCount(a), [...A.toString(2)].filter((c) => c === '1').length);
      assert.equal(xor(a, b), Number(A ^ B));
      assert.equal(shiftRight(a, k), Number(A >> BigInt(k)));
      assert.equal(bitAt(a, k), Number((A >> BigInt(k)) & 1n));
      assert.equal(isPowerOfTwo(a), a > 0 && (A & (A - 1n)) === 0n);
      if (a > 0) {
        const tz = A.toString(2).length - 1 - A.toString(2).lastIndexOf('1');
        assert.equal(trailingZeros(a), tz);
      }
    }),
    { numRuns: 2000 },
  );
});
