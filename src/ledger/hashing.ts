/**
 * RFC 6962 hashing: SHA-256 with domain-separation prefixes so a leaf can never be passed off as
 * an interior node (0x00 for leaves, 0x01 for nodes). Everything else in the tree is built on the
 * two functions here.
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

/** Plain SHA-256 of `data`, as a plain Uint8Array (not a Buffer) so values compare uniformly. */
export function sha256(data: Uint8Array): Uint8Array {
  const digest = hash('sha256', data, 'buffer');
  // The digest owns its whole ArrayBuffer (it is not taken from Buffer's shared pool), so a view
  // over it is as good as a copy.
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
}

/** Root hash of the empty tree: SHA-256 of the empty string (RFC 6962 §2.1). */
export const EMPTY_ROOT: Uint8Array = sha256(new Uint8Array(0));

/** Leaf inputs up to this size are prefixed in a shared scratch buffer instead of a fresh one. */
const LEAF_SCRATCH_SIZE = 4096;
const leafInput = new Uint8Array(1 + LEAF_SCRATCH_SIZE);
leafInput[0] = LEAF_PREFIX;

/** Leaf hash: SHA-256(0x00 ‖ data). */
export function hashLeaf(data: Uint8Array): Uint8Array {
  if (data.length > LEAF_SCRATCH_SIZE) {
    // Large leaves are streamed rather than copied behind the prefix byte.
    const digest = createHash('sha256').update(Uint8Array.of(LEAF_PREFIX)).update(data).digest();
    return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
  }
  // Allocating a fresh prefixed copy per leaf costs about as much as the hash itself.
  leafInput.set(data, 1);
  return sha256(leafInput.subarray(0, 1 + data.length));
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

/** Byte-wise equality. Hashes are public values, so a constant-time compare is not needed. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
