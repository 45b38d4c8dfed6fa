/**
 * Verification of RFC 6962 inclusion and consistency proofs, ported from the reference verifier of
 * transparency-dev/merkle (proof/verify.go) with 53-bit safe integers in place of uint64. Both
 * functions throw a LedgerError with code 'invalid_proof' (or 'invalid_argument' for impossible
 * sizes) instead of returning a flag, so a failed check cannot be ignored by accident.
 */
import { bitAt, bitLength, isUint53, popCount, shiftRight, trailingZeros, xor } from './bits.ts';
import { LedgerError } from './errors.ts';
import { HASH_SIZE, bytesEqual, hashChildren } from './hashing.ts';

function fail(message: string): never {
  throw new LedgerError('invalid_proof', message);
}

function requireHash(value: Uint8Array, what: string): void {
  if (value.length !== HASH_SIZE) fail(`${what} must be ${HASH_SIZE} bytes, got ${value.length}`);
}

function requireHashes(proof: readonly Uint8Array[]): void {
  proof.forEach((h, i) => requireHash(h, `proof[${i}]`));
}

function requireSize(n: unknown, what: string): asserts n is number {
  // Out-of-range values (for example 2^64 − 1 read from JSON) can never be a valid position.
  if (!isUint53(n)) fail(`${what} must be an integer in [0, 2^53), got ${String(n)}`);
}

/**
 * Splits an inclusion proof for `index` in a tree of `size` leaves into its two parts: `inner`
 * hashes below the point where the paths to `index` and to the last leaf diverge, then `border`
 * hashes of left siblings along the right border above it.
 */
function decomposeInclusionProof(index: number, size: number): { inner: number; border: number } {
  const inner = bitLength(xor(index, size - 1));
  const border = popCount(shiftRight(index, inner));
  return { inner, border };
}

/** Hashes `seed` up through `proof`, taking each sibling's side from the bits of `index`. */
function chainInner(seed: Uint8Array, proof: readonly Uint8Array[], index: number): Uint8Array {
  let h = seed;
  proof.forEach((p, i) => {
    h = bitAt(index, i) === 0 ? hashChildren(h, p) : hashChildren(p, h);
  });
  return h;
}

/**
 * Like chainInner but only folds in left siblings, which yields the hash of the same subtree as it
 * was in the earlier, smaller tree.
 */
function chainInnerRight(seed: Uint8Array, proof: readonly Uint8Array[], index: number): Uint8Array {
  let h = seed;
  proof.forEach((p, i) => {
    if (bitAt(index, i) === 1) h = hashChildren(p, h);
  });
  return h;
}

/** Folds left siblings along the right border of the tree. */
function chainBorderRight(seed: Uint8Array, proof: readonly Uint8Array[]): Uint8Array {
  let h = seed;
  for (const p of proof) h = hashChildren(p, h);
  return h;
}

/**
 * The root hash that an inclusion proof implies for the leaf hash at `index` in a tree of `size`
 * leaves. Throws when the proof has the wrong shape; the caller compares the result with a root it
 * trusts (or calls verifyInclusion, which does both).
 */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array {
  requireSize(index, 'leaf index');
  requireSize(size, 'tree size');
  if (index >= size) fail(`leaf index ${index} is not below tree size ${size}`);
  requireHash(leafHash, 'leaf hash');
  requireHashes(proof);
  const { inner, border } = decomposeInclusionProof(index, size);
  if (proof.length !== inner + border) {
    fail(`inclusion proof has ${proof.length} hashes, want ${inner + border}`);
  }
  const h = chainInner(leafHash, proof.slice(0, inner), index);
  return chainBorderRight(h, proof.slice(inner));
}

/**
 * Checks that `leafHash` is the leaf at `index` of the tree of `size` leaves whose root is `root`.
 * Throws LedgerError('invalid_proof') when it is not.
 */
export function verifyInclusion(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  requireHash(root, 'root hash');
  const computed = rootFromInclusionProof(index, size, leafHash, proof);
  if (!bytesEqual(computed, root)) fail('inclusion proof does not lead to the expected root');
}

/**
 * Checks that the tree of `size2` leaves with root `root2` is an append-only extension of the
 * tree of `size1` leaves with root `root1`. Throws LedgerError('invalid_proof') when it is not.
 *
 * A proof from the empty tree (size1 = 0) is refused: it cannot prove anything, and accepting it
 * would let a caller believe it had checked something. When the sizes are equal the proof must be
 * empty and the check is that the two roots are the same bytes.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  requireSize(size1, 'size1');
  requireSize(size2, 'size2');
  if (size2 < size1) fail(`size2 (${size2}) is smaller than size1 (${size1})`);
  if (size1 === 0) fail('a consistency proof from the empty tree proves nothing');
  if (size1 === size2) {
    if (proof.length !== 0) fail('sizes are equal but the proof is not empty');
    if (!bytesEqual(root1, root2)) fail('sizes are equal but the roots differ');
    return;
  }
  if (proof.length === 0) fail('consistency proof is empty');
  requireHash(root1, 'root1');
  requireHash(root2, 'root2');
  requireHashes(proof);

  const decomposed = decomposeInclusionProof(size1 - 1, size2);
  // The proof is a suffix of the inclusion proof for leaf size1 − 1, starting at the level of the
  // largest perfect subtree that ends at size1.
  const shift = trailingZeros(size1);
  const inner = decomposed.inner - shift;
  const { border } = decomposed;
  // That subtree's hash is the first proof element, unless it is the whole old tree (size1 is a
  // power of two), in which case the verifier already has it as root1.
  const size1IsPerfect = shiftRight(size1, shift) === 1;
  const seed = size1IsPerfect ? root1 : proof[0]!;
  const rest = size1IsPerfect ? proof : proof.slice(1);
  if (rest.length !== inner + border) {
    const want = (size1IsPerfect ? 0 : 1) + inner + border;
    fail(`consistency proof has ${proof.length} hashes, want ${want}`);
  }
  const mask = shiftRight(size1 - 1, shift);
  const innerPart = rest.slice(0, inner);
  const borderPart = rest.slice(inner);

  const hash1 = chainBorderRight(chainInnerRight(seed, innerPart, mask), borderPart);
  if (!bytesEqual(hash1, root1)) fail('consistency proof does not lead to root1');
  const hash2 = chainBorderRight(chainInner(seed, innerPart, mask), borderPart);
  if (!bytesEqual(hash2, root2)) fail('consistency proof does not lead to root2');
}
