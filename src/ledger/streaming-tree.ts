/**
 * A Merkle tree that keeps only its right edge: leaves stream in, the nodes they complete stream
 * out, and the root is known at every size along the way. Verification uses it to rebuild a whole
 * log in O(log n) memory, comparing what it computes with what a store or an export file holds.
 */
import { appendToRightEdge } from './append.ts';
import type { TreeNode } from './node-reader.ts';
import { rootFromRightEdge } from './tree-root.ts';

/** Append-only tree that remembers only its right edge. */
export class StreamingTree {
  #size = 0;
  #edge: TreeNode[] = [];

  /** Number of leaves so far. */
  get size(): number {
    return this.#size;
  }

  /** Appends leaf hashes; returns every node they complete (level 0 included), in completion order. */
  append(leafHashes: readonly Uint8Array[]): TreeNode[] {
    const result = appendToRightEdge(
      this.#size,
      this.#edge.map((n) => n.hash),
      leafHashes,
    );
    this.#size = result.treeSize;
    this.#edge = result.rightEdge;
    return result.nodes;
  }

  /** Root hash at the current size. */
  root(): Uint8Array {
    return rootFromRightEdge(this.#edge.map((n) => n.hash));
  }
}

/** How many perfect-subtree nodes (all levels, leaves included) a tree of `treeSize` leaves stores. */
export function storedNodeCount(treeSize: number): number {
  let total = 0;
  for (let n = treeSize; n > 0; n = Math.floor(n / 2)) total += n;
  return total;
}
