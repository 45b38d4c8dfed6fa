/**
 * Tree sizes far beyond 2^32, where 32-bit bitwise arithmetic would silently go wrong. A virtual
 * tree whose leaves are all the same makes every node's hash depend only on its level, so a reader
 * can answer for any size up to 2^53 − 1 while checking that each requested node exists.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_TREE_SIZE,
  type NodeId,
  type NodeReader,
  appendToRightEdge,
  consistencyProof,
  consistencyPlan,
  hashChildren,
  hashLeaf,
  inclusionPlan,
  inclusionProof,
  isNodeComplete,
  rangeNodes,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
} from '../../src/ledger/index.ts';

const levelHashes: Uint8Array[] = [hashLeaf(new TextEncoder().encode('same'))];
for (let level = 1; level <= 53; level++)
  levelHashes.push(hashChildren(levelHashes[level - 1]!, levelHashes[level - 1]!));

class UniformTree implements NodeReader {
  constructor(readonly size: number) {}
  async getNodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    return ids.map((id) => {
      assert.ok(Number.isSafeInteger(id.index) && id.index >= 0, `bad index ${id.index}`);
      assert.ok(isNodeComplete(id, this.size), `node ${id.level}/${id.index} is not in a tree of ${this.size}`);
      return levelHashes[id.level]!;
    });
  }
}

const sizes = [2 ** 32 + 1, 2 ** 40 - 3, 2 ** 52 + 12345, 2 ** 53 - 2, MAX_TREE_SIZE];

test('inclusion proofs verify at sizes up to 2^53 − 1', async () => {
  for (const size of sizes) {
    const tree = new UniformTree(size);
    const root = await treeRoot(tree, size);
    for (const index of [0, 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, Math.floor(size / 3), size - 2, size - 1]) {
      const proof = await inclusionProof(tree, index, size);
      assert.ok(proof.length <= 53);
      verifyInclusion(index, size, levelHashes[0]!, proof, root);
      assert.throws(() => verifyInclusion(index, size, levelHashes[1]!, proof, root), { code: 'invalid_proof' });
    }
  }
});

test('consistency proofs verify between sizes beyond 2^32', async () => {
  const pairs: Array<[number, number]> = [
    [2 ** 32, 2 ** 32 + 1],
    [2 ** 32 - 1, 2 ** 40 - 3],
    [2 ** 33 + 7, 2 ** 52 + 12345],
    [3, MAX_TREE_SIZE],
    [2 ** 53 - 2, MAX_TREE_SIZE],
  ];
  for (const [size1, size2] of pairs) {
    const proof = await consistencyProof(new UniformTree(size2), size1, size2);
    const root1 = await treeRoot(new UniformTree(size1), size1);
    const root2 = await treeRoot(new UniformTree(size2), size2);
    verifyConsistency(size1, size2, proof, root1, root2);
    assert.throws(() => verifyConsistency(size1, size2, proof, root2, root1), { code: 'invalid_proof' });
  }
});

test('plans stay O(log n) at the largest size', () => {
  for (const index of [0, 2 ** 52, MAX_TREE_SIZE - 1]) {
    assert.ok(inclusionPlan(index, MAX_TREE_SIZE).ids.length <= 2 * 53);
  }
  assert.ok(consistencyPlan(2 ** 40 + 1, MAX_TREE_SIZE).ids.length <= 2 * 53);
  assert.equal(rangeNodes(0, MAX_TREE_SIZE).length, 53);
});

test('appending at a size beyond 2^32 completes the expected nodes', () => {
  const size = 2 ** 33 - 1; // 33 one bits: the next leaf completes a subtree at every level.
  const edge = rangeNodes(0, size).map((id) => levelHashes[id.level]!);
  const result = appendToRightEdge(size, edge, [levelHashes[0]!]);
  assert.equal(result.nodes.length, 34);
  assert.deepEqual(result.nodes.at(-1), { level: 33, index: 0, hash: levelHashes[33] });
  assert.deepEqual(result.root, levelHashes[33]);
});
