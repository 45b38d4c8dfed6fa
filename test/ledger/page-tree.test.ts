/**
 * PageTree against the leaf-by-leaf append: for random page splits, the same nodes (in the same
 * completion order), the same roots at every size and the same right edge.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashLeaf, nodeKey, rootFromLeafHashes } from '../../src/ledger/index.ts';
import { appendToRightEdge } from '../../src/ledger/append.ts';
import { PageTree, pageNodesInCompletionOrder } from '../../src/ledger/page-tree.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function flat(hashes: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(hashes.length * 32);
  hashes.forEach((h, i) => out.set(h, i * 32));
  return out;
}

test('pages of any size give the nodes and roots of leaf-by-leaf appends', () => {
  const leaves = Array.from({ length: 300 }, (_, i) => hashLeaf(Uint8Array.of(i & 0xff, i >> 8)));
  const reference = appendToRightEdge(0, [], leaves).nodes.map((n) => `${nodeKey(n)}=${hex(n.hash)}`);
  let seed = 7;
  const random = (below: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % below;
  for (const pageSizes of [
    [1],
    [2],
    [8],
    [64],
    [300],
    [3, 5, 7, 11],
    [random(40) + 1, random(40) + 1, random(40) + 1],
  ]) {
    const tree = new PageTree();
    const nodes: string[] = [];
    for (let p = 0; tree.size < leaves.length; p++) {
      const n = Math.min(pageSizes[p % pageSizes.length]!, leaves.length - tree.size);
      const page = tree.compute(flat(leaves.slice(tree.size, tree.size + n)), n);
      for (let s = page.from; s <= page.to; s++)
        assert.equal(hex(tree.rootAt(page, s)), hex(rootFromLeafHashes(leaves.slice(0, s))), `root at ${s}`);
      for (const node of pageNodesInCompletionOrder(page)) nodes.push(`${nodeKey(node)}=${hex(node.hash)}`);
      tree.advance(page);
      assert.equal(hex(tree.root()), hex(rootFromLeafHashes(leaves.slice(0, tree.size))));
    }
    assert.deepEqual(nodes, reference, `pages ${pageSizes.join(',')}`);
  }
});

test('an empty tree has the empty root, and a page must start at the tree size', () => {
  const tree = new PageTree();
  assert.equal(hex(tree.root()), hex(rootFromLeafHashes([])));
  const page = tree.compute(new Uint8Array(64), 2);
  tree.advance(page);
  assert.throws(() => tree.advance(page), { code: 'invalid_argument' });
  assert.throws(() => tree.compute(new Uint8Array(31), 1), { code: 'invalid_argument' });
});
