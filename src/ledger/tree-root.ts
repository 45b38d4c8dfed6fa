/**
 * Root hashes computed directly from hashes in memory, without a store: the RFC 6962 Merkle Tree
 * Hash over a whole list of leaf hashes (for tests, rebuilds and the offline verifier), and the
 * root of a tree from the perfect subtrees on its right edge (how a store gets a root in one read).
 */
import { LedgerError } from './errors.ts';
import { EMPTY_ROOT, HASH_SIZE, hashChildren } from './hashing.ts';

/**
 * RFC 6962 MTH over already-hashed leaves. Built bottom-up: pairing nodes level by level and
 * carrying an odd last node up unchanged yields the same tree as the RFC's recursive split at the
 * largest power of two, without recursion or re-hashing.
 */
export function rootFromLeafHashes(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return EMPTY_ROOT;
  for (const h of leafHashes) {
    if (h.length !== HASH_SIZE) throw new LedgerError('invalid_argument', `leaf hashes must be ${HASH_SIZE} bytes`);
  }
  // One working copy, overwritten level by level: each level's results fit in its first half.
  const level = leafHashes.slice();
  for (let n = level.length; n > 1; n = Math.ceil(n / 2)) {
    for (let i = 0; i + 1 < n; i += 2) level[i / 2] = hashChildren(level[i]!, level[i + 1]!);
    if (n % 2 === 1) level[(n - 1) / 2] = level[n - 1]!;
  }
  return level[0]!;
}

/**
 * Root of a tree given the hashes of the perfect subtrees on its right edge, largest (leftmost)
 * first, as `rangeNodes(0, treeSize)` lists them. An empty list is the empty tree.
 */
export function rootFromRightEdge(edgeHashes: readonly Uint8Array[]): Uint8Array {
  if (edgeHashes.length === 0) return EMPTY_ROOT;
  let root = edgeHashes[edgeHashes.length - 1]!;
  // Each larger subtree to the left is the left child of everything to its right.
  for (let i = edgeHashes.length - 2; i >= 0; i--) root = hashChildren(edgeHashes[i]!, root);
  return root;
}
