/**
 * The storage contract between the pure Merkle code and whatever keeps the tree (memory here, a
 * database table elsewhere). A store only has to keep perfect-subtree hashes keyed by (level,
 * index) and answer batched look-ups; proof generation asks for everything it needs in one call.
 */
import { LedgerError } from './errors.ts';
import { HASH_SIZE } from './hashing.ts';
import type { NodeId } from './node-id.ts';

/** A perfect-subtree node with its hash, as a store persists it. */
export interface TreeNode extends NodeId {
  readonly hash: Uint8Array;
}

/** Read access to stored perfect-subtree hashes. */
export interface NodeReader {
  /**
   * Hashes of the given nodes, in the same order. Must reject (throw) when any node is not stored:
   * a missing node means the caller asked about leaves the tree does not have, and inventing a
   * hash would produce a proof that cannot verify. The list may contain up to about 2·log2(n) ids
   * and is never empty.
   */
  getNodes(ids: readonly NodeId[]): Promise<Uint8Array[]>;
}

/** Calls `reader.getNodes` once (not at all for no ids) and checks that the answer fits the ask. */
export async function readNodes(reader: NodeReader, ids: readonly NodeId[]): Promise<Uint8Array[]> {
  if (ids.length === 0) return [];
  const hashes = await reader.getNodes(ids);
  if (!Array.isArray(hashes) || hashes.length !== ids.length) {
    throw new LedgerError('storage', `asked for ${ids.length} nodes, got ${String(hashes?.length)}`);
  }
  hashes.forEach((h, i) => {
    if (!(h instanceof Uint8Array) || h.length !== HASH_SIZE) {
      const id = ids[i]!;
      throw new LedgerError('storage', `node ${id.level}/${id.index} is not a ${HASH_SIZE}-byte hash`);
    }
  });
  return hashes;
}
