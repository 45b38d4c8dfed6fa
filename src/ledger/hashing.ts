/**
 * RFC 6962 hashing: SHA-256 with domain-separation prefixes so a leaf can never be passed off as
 * an interior node (0x00 for leaves, 0x01 for nodes). Everything else in the tree is built on the
 * functions here.
 *
 * Digests are taken from node:crypto's one-shot `hash()` as a latin1 ('binary') string and copied out byte by
 * byte. On Node 20 asking `hash()` or `createHash()` for a Buffer costs four to eight times the
 * SHA-256 itself for inputs this small (each digest gets an ArrayBuffer of its own, which the
 * garbage collector then has to track); a 32-character string is cheap to make and to read.
 */
import { createHash, hash } from 'node:crypto';
import { LedgerError } from './errors.ts';

/** Size in bytes of every hash in the tree (SHA-256). */
export const HASH_SIZE = 32;

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/** Scratch space for hashChildren; safe to share because hashing is synchronous. */
const childrenInput = new Uint8Array(1 + 2 * HASH_SIZE);
childrenInput[0] = NODE_PREFIX;

/** SHA-256 of `data` as a 32-character latin1 string (one character per digest byte). */
export function sha256Latin1(data: Uint8Array): string {
  return hash('sha256', data, 'binary');
}

/** Writes the 32 bytes of a latin1 digest string into `out` at `offset`. */
export function writeDigest(digest: string, out: Uint8Array, offset: number): void {
  for (let i = 0; i < HASH_SIZE; i++) out[offset + i] = digest.charCodeAt(i);
}

/** True when the latin1 digest string equals the first 32 bytes of `bytes`. */
export function digestEquals(digest: string, bytes: Uint8Array): boolean {
  if (bytes.length < HASH_SIZE) return false;
  for (let i = 0; i < HASH_SIZE; i++) if (bytes[i] !== digest.charCodeAt(i)) return false;
  return true;
}

/** Plain SHA-256 of `data`, as a plain Uint8Array (not a Buffer) so values compare uniformly. */
export function sha256(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(HASH_SIZE);
  writeDigest(sha256Latin1(data), out, 0);
  return out;
}

/** Root hash of the empty tree: SHA-256 of the empty string (RFC 6962 §2.1). */
export const EMPTY_ROOT: Uint8Array = sha256(new Uint8Array(0));

/** Leaf inputs up to this size are prefixed in a shared scratch buffer instead of a fresh one. */
const LEAF_SCRATCH_SIZE = 4096;
const leafInput = new Uint8Array(1 + LEAF_SCRATCH_SIZE);
leafInput[0] = LEAF_PREFIX;

/** Leaf hash as a latin1 digest string: SHA-256(0x00 ‖ data). */
export function hashLeafLatin1(data: Uint8Array): string {
  if (data.length > LEAF_SCRATCH_SIZE) {
    // Large leaves are streamed rather than copied behind the prefix byte.
    return createHash('sha256').update(Uint8Array.of(LEAF_PREFIX)).update(data).digest('binary');
  }
  // Allocating a fresh prefixed copy per leaf costs about as much as the hash itself.
  leafInput.set(data, 1);
  return sha256Latin1(leafInput.subarray(0, 1 + data.length));
}

/** Leaf hash: SHA-256(0x00 ‖ data). */
export function hashLeaf(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(HASH_SIZE);
  writeDigest(hashLeafLatin1(data), out, 0);
  return out;
}

/** Interior node hash: SHA-256(0x01 ‖ left ‖ right); both children must be 32-byte hashes. */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    // Mixing hash lengths would make the encoding ambiguous, so refuse rather than hash.
    throw new LedgerError('invalid_argument', `hashChildren needs two ${HASH_SIZE}-byte hashes`);
  }
  childrenInput.set(left, 1);
  childrenInput.set(right, 1 + HASH_SIZE);
  return sha256(childrenInput);
}

/**
 * Interior node hash of two children stored side by side, `pair` holding left ‖ right (64 bytes)
 * at `from`, written into `out` at `to`. For rebuilding whole levels of a tree held in flat
 * buffers, without a Uint8Array per node.
 */
export function hashChildPairInto(pair: Uint8Array, from: number, out: Uint8Array, to: number): void {
  childrenInput.set(pair.subarray(from, from + 2 * HASH_SIZE), 1);
  writeDigest(sha256Latin1(childrenInput), out, to);
}

/** Byte-wise equality. Hashes are public values, so a constant-time compare is not needed. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
