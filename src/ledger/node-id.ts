/**
 * Addresses of perfect subtrees. The tree is stored as the hashes of its perfect subtrees: node
 * (level L, index i) is the root of the 2^L leaves [i·2^L, (i+1)·2^L). Such a node never changes
 * once its last leaf is appended, which is what lets a store keep it forever and serve proofs for
 * any past tree size from the same rows.
 */
import { bitLength, shiftLeft, shiftRight, trailingZeros } from './bits.ts';

/** A perfect subtree: `level` 0 is a leaf, level L covers 2^L leaves starting at index·2^L. */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/** First leaf covered by the node. */
export function nodeBegin(id: NodeId): number {
  return shiftLeft(id.index, id.level);
}

/** One past the last leaf covered by the node. */
export function nodeEnd(id: NodeId): number {
  return shiftLeft(id.index + 1, id.level);
}

/** True when the node's leaves all exist in a tree of `treeSize` leaves. */
export function isNodeComplete(id: NodeId, treeSize: number): boolean {
  return nodeEnd(id) <= treeSize;
}

/** The node's sibling (the other child of its parent). */
export function siblingOf(id: NodeId): NodeId {
  return { level: id.level, index: id.index % 2 === 0 ? id.index + 1 : id.index - 1 };
}

/** The node's parent. */
export function parentOf(id: NodeId): NodeId {
  return { level: id.level + 1, index: Math.floor(id.index / 2) };
}

/**
 * The perfect subtrees that exactly cover leaves [begin, end), left to right, using as few nodes
 * as possible (at most about 2·log2(end − begin)). For begin = 0 these are the "right edge" of a
 * tree of `end` leaves: one node per one bit of `end`, largest first.
 */
export function rangeNodes(begin: number, end: number): NodeId[] {
  const ids: NodeId[] = [];
  let at = begin;
  while (at < end) {
    // The biggest node that starts at `at` is limited by the alignment of `at` and by what fits.
    const byAlignment = at === 0 ? Infinity : trailingZeros(at);
    const bySize = bitLength(end - at) - 1;
    const level = Math.min(byAlignment, bySize);
    ids.push({ level, index: shiftRight(at, level) });
    at += 2 ** level;
  }
  return ids;
}

/** A stable string key for a node, for maps and sets. */
export function nodeKey(id: NodeId): string {
  return `${id.level}/${id.index}`;
}
