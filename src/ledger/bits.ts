/**
 * Bit arithmetic on non-negative safe integers (0 ≤ n < 2^53). JavaScript's bitwise operators
 * truncate to 32 bits, and tree sizes here go well past 2^32, so every shift, mask and count the
 * Merkle code needs goes through these helpers instead of `>>`, `&` or `^`.
 */

const TWO_32 = 2 ** 32;

/** Largest tree size (and so largest leaf count) the ledger supports: 2^53 − 1. */
export const MAX_TREE_SIZE = Number.MAX_SAFE_INTEGER;

/** True when `n` is an integer in [0, 2^53). */
export function isUint53(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

function high(n: number): number {
  return Math.floor(n / TWO_32);
}

function low(n: number): number {
  return n >>> 0; // ToUint32 is n mod 2^32 for integers.
}

/** Number of bits needed to write `n` (0 for 0), like Go's bits.Len64. */
export function bitLength(n: number): number {
  const h = high(n);
  return h === 0 ? 32 - Math.clz32(n) : 64 - Math.clz32(h);
}

function trailingZeros32(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/** Number of trailing zero bits of `n`; `n` must be positive. */
export function trailingZeros(n: number): number {
  const l = low(n);
  return l !== 0 ? trailingZeros32(l) : 32 + trailingZeros32(high(n));
}

function popCount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Number of one bits in `n`. */
export function popCount(n: number): number {
  return popCount32(low(n)) + popCount32(high(n));
}

/** Bitwise exclusive or of two safe integers. */
export function xor(a: number, b: number): number {
  return ((high(a) ^ high(b)) >>> 0) * TWO_32 + ((low(a) ^ low(b)) >>> 0);
}

/** `n >> k` without 32-bit truncation. */
export function shiftRight(n: number, k: number): number {
  return Math.floor(n / 2 ** k);
}

/** `n << k` without 32-bit truncation; the caller keeps the result below 2^53. */
export function shiftLeft(n: number, k: number): number {
  return n * 2 ** k;
}

/** Bit `i` of `n` (0 or 1). */
export function bitAt(n: number, i: number): number {
  return shiftRight(n, i) % 2;
}

/** True when `n` is a positive power of two. */
export function isPowerOfTwo(n: number): boolean {
  return n > 0 && popCount(n) === 1;
}
