/**
 * Which stored nodes a proof needs, worked out from the sizes alone (a port of the node selection
 * in transparency-dev/merkle proof/proof.go). A plan lists perfect-subtree nodes to fetch in one
 * batch; where RFC 6962 wants the hash of an incomplete subtree on the right edge (an "ephemeral"
 * node), the plan lists the perfect subtrees covering it instead and marks them to be folded into
 * one hash. Every plan has O(log n) nodes.
 */
import { bitLength, isPowerOfTwo, isUint53, shiftLeft, shiftRight, trailingZeros, xor } from './bits.ts';
import { LedgerError } from './errors.ts';
import { hashChildren } from './hashing.ts';
import { type NodeId, parentOf, rangeNodes, siblingOf } from './node-id.ts';

/** The nodes to fetch for a proof and how to turn their hashes into the proof. */
export interface ProofPlan {
  /** Perfect-subtree nodes to read, in proof order except for the folded run below. */
  readonly ids: readonly NodeId[];
  /**
   * ids[foldBegin, foldEnd) cover one incomplete right-edge subtree, smallest first; their hashes
   * are folded into a single proof element. Empty (foldBegin = foldEnd) when nothing is folded.
   */
  readonly foldBegin: number;
  readonly foldEnd: number;
}

function invalid(message: string): never {
  throw new LedgerError('invalid_argument', message);
}

function requireSize(n: unknown, what: string): asserts n is number {
  if (!isUint53(n)) invalid(`${what} must be an integer in [0, 2^53), got ${String(n)}`);
}

/**
 * Nodes proving that node (level, index) is part of the tree of `size` leaves: the node itself
 * first, then its siblings up to where its path leaves the right edge (the "fork"), then the
 * perfect subtrees covering the rest of the tree to the right of the fork (folded into the fork's
 * sibling), then those covering everything to the left of the fork, lowest first.
 */
function planForNode(index: number, level: number, size: number): ProofPlan {
  // Levels above `level` at which the path to the node diverges from the path to the last leaf.
  const inner = bitLength(xor(index, shiftRight(size, level))) - 1;
  const forkLevel = level + inner;
  const forkIndex = shiftRight(index, inner);
  const forkBegin = shiftLeft(forkIndex, forkLevel);
  const forkEnd = shiftLeft(forkIndex + 1, forkLevel);

  const ids: NodeId[] = [{ level, index }];
  for (let node: NodeId = { level, index }; node.level < forkLevel; node = parentOf(node)) {
    ids.push(siblingOf(node));
  }
  const foldBegin = ids.length;
  ids.push(...rangeNodes(forkEnd, size).reverse());
  const foldEnd = ids.length;
  ids.push(...rangeNodes(0, forkBegin).reverse());
  return foldBegin < foldEnd ? { ids, foldBegin, foldEnd } : { ids, foldBegin: 0, foldEnd: 0 };
}

/** Drops the first id (a node the verifier already has) and shifts the fold range to match. */
function skipFirst(plan: ProofPlan): ProofPlan {
  const folded = plan.foldBegin < plan.foldEnd;
  return {
    ids: plan.ids.slice(1),
    foldBegin: folded ? plan.foldBegin - 1 : 0,
    foldEnd: folded ? plan.foldEnd - 1 : 0,
  };
}

/** Plan for the inclusion proof of leaf `index` in the tree of `treeSize` leaves. */
export function inclusionPlan(index: number, treeSize: number): ProofPlan {
  requireSize(index, 'leaf index');
  requireSize(treeSize, 'tree size');
  if (index >= treeSize) invalid(`leaf index ${index} is not below tree size ${treeSize}`);
  return skipFirst(planForNode(index, 0, treeSize));
}

/**
 * Plan for the consistency proof from the tree of `size1` leaves to the tree of `size2` leaves.
 * Requires 0 < size1 ≤ size2; equal sizes give an empty plan.
 */
export function consistencyPlan(size1: number, size2: number): ProofPlan {
  requireSize(size1, 'size1');
  requireSize(size2, 'size2');
  if (size1 > size2) invalid(`size1 (${size1}) is larger than size2 (${size2})`);
  if (size1 === 0) invalid('a consistency proof from the empty tree proves nothing');
  if (size1 === size2) return { ids: [], foldBegin: 0, foldEnd: 0 };
  // The proof is the inclusion proof, in the new tree, of the largest perfect subtree ending at
  // size1; that subtree's own hash leads the proof unless it is the whole old tree.
  const level = trailingZeros(size1);
  const plan = planForNode(shiftRight(size1 - 1, level), level, size2);
  return isPowerOfTwo(size1) ? skipFirst(plan) : plan;
}

/** Turns the hashes of a plan's nodes (same order as plan.ids) into the proof. */
export function assembleProof(plan: ProofPlan, hashes: readonly Uint8Array[]): Uint8Array[] {
  if (hashes.length !== plan.ids.length) {
    throw new LedgerError('storage', `expected ${plan.ids.length} hashes, got ${hashes.length}`);
  }
  const proof = hashes.slice(0, plan.foldBegin);
  if (plan.foldBegin < plan.foldEnd) {
    // Smallest subtree first: each next, larger one sits to the left of what is folded so far.
    let folded = hashes[plan.foldBegin]!;
    for (let i = plan.foldBegin + 1; i < plan.foldEnd; i++) folded = hashChildren(hashes[i]!, folded);
    proof.push(folded);
  }
  proof.push(...hashes.slice(plan.foldEnd));
  return proof;
}
