/**
 * The RFC 6962 Merkle tree of the ledger, in one import. The pieces live in small files:
 * hashing (leaf and node hashes), node-id (perfect-subtree addresses), tree-root (roots from
 * hashes in memory), verify (proof checking), proof-plan and proof (proof generation against a
 * NodeReader), append (nodes to store when leaves are added) and memory-tree (an in-memory store).
 */
export { MAX_TREE_SIZE } from './bits.ts';
export { EMPTY_ROOT, HASH_SIZE, bytesEqual, hashChildren, hashLeaf, sha256 } from './hashing.ts';
export { type NodeId, isNodeComplete, nodeBegin, nodeEnd, nodeKey, rangeNodes } from './node-id.ts';
export { rootFromLeafHashes, rootFromRightEdge } from './tree-root.ts';
export { rootFromInclusionProof, verifyConsistency, verifyInclusion } from './verify.ts';
export { type ProofPlan, assembleProof, consistencyPlan, inclusionPlan } from './proof-plan.ts';
export { type NodeReader, type TreeNode, readNodes } from './node-reader.ts';
export { consistencyProof, inclusionProof, treeRoot } from './proof.ts';
export {
  type AppendResult,
  appendToRightEdge,
  nodesToStoreOnAppend,
  nodesToStoreOnAppendBatch,
} from './append.ts';
export { MemoryTree } from './memory-tree.ts';
