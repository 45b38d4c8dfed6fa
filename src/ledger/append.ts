/**
 * Appending leaves. Each new leaf completes its own level-0 node and, whenever it fills a perfect
 * subtree, that subtree's node and possibly its ancestors. Only the right edge of the old tree (at
 * most one node per level) is needed to compute them, so a store reads O(log n) nodes once per
 * batch, inserts the returned nodes and keeps the new right edge for the next batch if it likes.
 *
 * Appends to one tree must be serialised by the caller (a store does it in one transaction per
 * batch): two appends computed from the same old edge would both claim the same leaf positions.
 */
import { MAX_TREE_SIZE, isUint53 } from './bits.ts';
import { LedgerError } from './errors.ts';
import { HASH_SIZE, hashChildren } from './hashing.ts';
import { rangeNodes } from './node-id.ts';
import { type NodeReader, type TreeNode, readNodes } from './node-reader.ts';
import { rootFromRightEdge } from './tree-root.ts';

/** What appending leaves produced. */
export interface AppendResult {
  /** Every node the new leaves complete (their level-0 nodes included), in completion order. */
  readonly nodes: TreeNode[];
  /** Tree size after the append. */
  readonly treeSize: number;
  /** Root hash after the append. */
  readonly root: Uint8Array;
  /** The perfect subtrees on the new right edge, largest first (rangeNodes(0, treeSize) order). */
  readonly rightEdge: TreeNode[];
}

function invalid(message: string): never {
  throw new LedgerError('invalid_argument', message);
}

/**
 * Pure core of appending: given the hashes of the right edge of the tree of `treeSize` leaves (in
 * rangeNodes(0, treeSize) order) and the hashes of the leaves to add, returns the nodes to store.
 */
export function appendToRightEdge(
  treeSize: number,
  edgeHashes: readonly Uint8Array[],
  leafHashes: readonly Uint8Array[],
): AppendResult {
  if (!isUint53(treeSize)) invalid(`tree size must be an integer in [0, 2^53), got ${String(treeSize)}`);
  if (leafHashes.length > MAX_TREE_SIZE - treeSize) invalid('append would exceed the largest supported tree size');
  const edgeIds = rangeNodes(0, treeSize);
  if (edgeHashes.length !== edgeIds.length) {
    invalid(`a tree of ${treeSize} leaves has ${edgeIds.length} right-edge nodes, got ${edgeHashes.length}`);
  }
  const stack: TreeNode[] = edgeIds.map((id, i) => {
    const hash = edgeHashes[i]!;
    if (hash.length !== HASH_SIZE) invalid(`right-edge hash ${i} is not ${HASH_SIZE} bytes`);
    return { ...id, hash };
  });

  const nodes: TreeNode[] = [];
  let size = treeSize;
  for (const leafHash of leafHashes) {
    if (leafHash.length !== HASH_SIZE) invalid(`leaf hash for index ${size} is not ${HASH_SIZE} bytes`);
    let node: TreeNode = { level: 0, index: size, hash: leafHash };
    nodes.push(node);
    // Merge while the new node is the right sibling of the top of the edge: that completes the parent.
    for (let top = stack.at(-1); top !== undefined && top.level === node.level; top = stack.at(-1)) {
      stack.pop();
      node = { level: node.level + 1, index: top.index / 2, hash: hashChildren(top.hash, node.hash) };
      nodes.push(node);
    }
    stack.push(node);
    size += 1;
  }
  return { nodes, treeSize: size, root: rootFromRightEdge(stack.map((n) => n.hash)), rightEdge: stack };
}

/**
 * Nodes to store when appending `leafHashes` to the tree that currently has `startIndex` leaves,
 * reading the old right edge from `reader` in one getNodes call.
 */
export async function nodesToStoreOnAppendBatch(
  startIndex: number,
  leafHashes: readonly Uint8Array[],
  reader: NodeReader,
): Promise<AppendResult> {
  if (!isUint53(startIndex)) invalid(`start index must be an integer in [0, 2^53), got ${String(startIndex)}`);
  const edge = await readNodes(reader, rangeNodes(0, startIndex));
  return appendToRightEdge(startIndex, edge, leafHashes);
}

/** Nodes to store when appending the leaf with hash `leafHash` at position `leafIndex`. */
export async function nodesToStoreOnAppend(
  leafIndex: number,
  leafHash: Uint8Array,
  reader: NodeReader,
): Promise<AppendResult> {
  return nodesToStoreOnAppendBatch(leafIndex, [leafHash], reader);
}
