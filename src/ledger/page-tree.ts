/**
 * Rebuilding a tree a page of leaves at a time, level by level, in flat buffers: the nodes that
 * leaves [from, to) complete at level L are a run of consecutive indexes, so each level of a page
 * is one Uint8Array of 32-byte hashes, computed from the level below in one pass and compared with
 * the stored level in one memcmp. Only the right edge of the tree before the page (one node per
 * level at most) is kept between pages, so memory stays O(page + log n).
 *
 * Node (L, j) is completed by leaf (j+1)·2^L − 1, so the nodes leaves [from, to) complete at level
 * L are j in [⌊from/2^L⌋, ⌊to/2^L⌋). Each such node's right child is completed in the page too;
 * its left child is in the page or, for the first node of a level, on the old right edge.
 */
import { LedgerError } from './errors.ts';
import { EMPTY_ROOT, HASH_SIZE, hashChildPairInto, hashChildren } from './hashing.ts';
import type { TreeNode } from './node-reader.ts';

/** The nodes a page completed at one level: indexes [first, first + count). */
export interface PageLevel {
  level: number;
  first: number;
  count: number;
  /** count × 32 bytes. */
  hashes: Uint8Array;
}

/** What appending leaves [from, to) completed, every level, lowest first (level 0: the leaves). */
export interface Page {
  from: number;
  to: number;
  levels: PageLevel[];
}

/** Where a left child from the old right edge and its right sibling are put side by side. */
const pair = new Uint8Array(2 * HASH_SIZE);

/** A tree that keeps only its right edge, appended to a page of flat leaf hashes at a time. */
export class PageTree {
  #size = 0;
  /** edge[L]: node (L, ⌊size/2^L⌋ − 1) when bit L of size is set. */
  #edge: (Uint8Array | undefined)[] = [];

  get size(): number {
    return this.#size;
  }

  /** Every node completed by appending `count` leaf hashes (flat, 32 bytes each); does not append. */
  compute(leafHashes: Uint8Array, count: number): Page {
    if (leafHashes.length < count * HASH_SIZE)
      throw new LedgerError('invalid_argument', `expected ${count} leaf hashes`);
    const from = this.#size;
    const to = from + count;
    const levels: PageLevel[] = [{ level: 0, first: from, count, hashes: leafHashes.subarray(0, count * HASH_SIZE) }];
    for (let level = 0; ; level++) {
      const below = levels[level]!;
      const first = Math.floor(from / 2 ** (level + 1));
      const n = Math.floor(to / 2 ** (level + 1)) - first;
      if (n <= 0) break;
      const out = new Uint8Array(n * HASH_SIZE);
      for (let k = 0; k < n; k++) {
        // Children of (level+1, first+k): (level, 2(first+k)) and the one after it.
        const left = 2 * (first + k) - below.first;
        if (left >= 0) hashChildPairInto(below.hashes, left * HASH_SIZE, out, k * HASH_SIZE);
        else {
          const edge = this.#edge[level];
          if (edge === undefined)
            throw new LedgerError('invalid_argument', `the right edge has no node at level ${level}`);
          pair.set(edge, 0);
          pair.set(below.hashes.subarray(0, HASH_SIZE), HASH_SIZE);
          hashChildPairInto(pair, 0, out, k * HASH_SIZE);
        }
      }
      levels.push({ level: level + 1, first, count: n, hashes: out });
    }
    return { from, to, levels };
  }

  /** Node (level, index), completed by the page or before it (on the right edge). */
  node(page: Page, level: number, index: number): Uint8Array {
    const l = page.levels[level];
    if (l !== undefined && index >= l.first && index < l.first + l.count)
      return l.hashes.subarray((index - l.first) * HASH_SIZE, (index - l.first + 1) * HASH_SIZE);
    const edge = this.#edge[level];
    if (edge !== undefined && index === Math.floor(this.#size / 2 ** level) - 1) return edge;
    throw new LedgerError('invalid_argument', `node ${level}/${index} is neither in the page nor on the right edge`);
  }

  /** Root of the tree of `size` leaves, for page.from ≤ size ≤ page.to (before advancing). */
  rootAt(page: Page, size: number): Uint8Array {
    if (size < page.from || size > page.to)
      throw new LedgerError('invalid_argument', `size ${size} is outside the page`);
    if (size === 0) return EMPTY_ROOT;
    // The perfect subtrees of [0, size), one per set bit, folded from the smallest (rightmost).
    let root: Uint8Array | undefined;
    for (let level = 0, rest = size; rest > 0; level++, rest = Math.floor(rest / 2)) {
      if (rest % 2 === 0) continue;
      const node = this.node(page, level, Math.floor(size / 2 ** level) - 1);
      root = root === undefined ? node : hashChildren(node, root);
    }
    return root!;
  }

  /** Appends the page computed last: its nodes become the new right edge where they belong there. */
  advance(page: Page): void {
    if (page.from !== this.#size) throw new LedgerError('invalid_argument', 'the page does not start at the tree size');
    const edge: (Uint8Array | undefined)[] = [];
    for (let level = 0, rest = page.to; rest > 0; level++, rest = Math.floor(rest / 2)) {
      if (rest % 2 === 1) edge[level] = this.node(page, level, Math.floor(page.to / 2 ** level) - 1).slice();
    }
    this.#edge = edge;
    this.#size = page.to;
  }

  /** Root at the current size. */
  root(): Uint8Array {
    return this.rootAt({ from: this.#size, to: this.#size, levels: [] }, this.#size);
  }
}

/** The page's nodes as TreeNodes, in the order appending leaf by leaf completes them. */
export function pageNodesInCompletionOrder(page: Page): TreeNode[] {
  const nodes: TreeNode[] = [];
  for (let leaf = page.from; leaf < page.to; leaf++) {
    // Leaf p completes node (L, (p+1)/2^L − 1) for every L with 2^L dividing p + 1.
    for (let level = 0; (leaf + 1) % 2 ** level === 0; level++) {
      const l = page.levels[level];
      const index = (leaf + 1) / 2 ** level - 1;
      if (l === undefined || index < l.first) break;
      const at = (index - l.first) * HASH_SIZE;
      nodes.push({ level, index, hash: l.hashes.slice(at, at + HASH_SIZE) });
    }
  }
  return nodes;
}
