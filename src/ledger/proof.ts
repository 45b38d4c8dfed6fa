/**
 * Proof generation against a NodeReader: each function works out the nodes it needs from the
 * sizes, fetches them in a single getNodes call and assembles the RFC 6962 proof. The caller
 * guarantees the sizes do not exceed the tree the reader holds (the reader rejects nodes it lacks).
 */
import { isUint53 } from './bits.ts';
import { LedgerError } from './errors.ts';
import { EMPTY_ROOT } from './hashing.ts';
import { rangeNodes } from './node-id.ts';
import { type NodeReader, readNodes } from './node-reader.ts';
import { assembleProof, consistencyPlan, inclusionPlan } from './proof-plan.ts';
import { rootFromRightEdge } from './tree-root.ts';

/** Inclusion proof (RFC 6962 PATH) for leaf `index` in the tree of `treeSize` leaves. */
export async function inclusionProof(reader: NodeReader, index: number, treeSize: number): Promise<Uint8Array[]> {
  const plan = inclusionPlan(index, treeSize);
  return assembleProof(plan, await readNodes(reader, plan.ids));
}

/**
 * Consistency proof (RFC 6962 PROOF) from the tree of `size1` leaves to the tree of `size2`
 * leaves; requires 0 < size1 ≤ size2.
 */
export async function consistencyProof(reader: NodeReader, size1: number, size2: number): Promise<Uint8Array[]> {
  const plan = consistencyPlan(size1, size2);
  return assembleProof(plan, await readNodes(reader, plan.ids));
}

/** Root hash of the tree of `treeSize` leaves, from the perfect subtrees on its right edge. */
export async function treeRoot(reader: NodeReader, treeSize: number): Promise<Uint8Array> {
  if (!isUint53(treeSize)) {
    throw new LedgerError('invalid_argument', `tree size must be an integer in [0, 2^53), got ${String(treeSize)}`);
  }
  if (treeSize === 0) return EMPTY_ROOT;
  return rootFromRightEdge(await readNodes(reader, rangeNodes(0, treeSize)));
}
