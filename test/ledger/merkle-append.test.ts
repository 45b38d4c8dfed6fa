/**
 * Appending: the nodes a store is told to insert must be exactly the perfect subtrees the new
 * leaves complete, with the right hashes, read from one O(log n) look-up of the old right edge,
 * and single and batched appends must agree.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LedgerError,
  MemoryTree,
  type NodeId,
  type NodeReader,
  type TreeNode,
  appendToRightEdge,
  hashLeaf,
  nodeBegin,
  nodeEnd,
  nodeKey,
  nodesToStoreOnAppend,
  nodesToStoreOnAppendBatch,
  rangeNodes,
} from '../../src/ledger/index.ts';
import { CountingReader } from './support/counting-reader.ts';
import { ReferenceTree } from './support/rfc6962-reference.ts';

const MAX = 70;
const leafHashes = Array.from({ length: MAX }, (_, i) => hashLeaf(Uint8Array.of(i, i >> 8, 0xab)));
const reference = new ReferenceTree(leafHashes);

/** A map-backed store, like a database table keyed by (level, index). */
class MapStore implements NodeReader {
  readonly nodes = new Map<string, Uint8Array>();

  insert(nodes: readonly TreeNode[]): void {
    for (const n of nodes) {
      assert.ok(!this.nodes.has(nodeKey(n)), `node ${nodeKey(n)} inserted twice`);
      this.nodes.set(nodeKey(n), n.hash);
    }
  }

  async getNodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    return ids.map((id) => {
      const h = this.nodes.get(nodeKey(id));
      if (!h) throw new Error(`missing ${nodeKey(id)}`);
      return h;
    });
  }
}

/** Every perfect subtree of a tree of n leaves. */
function allCompleteNodes(n: number): NodeId[] {
  const ids: NodeId[] = [];
  for (let level = 0; 2 ** level <= n; level++) {
    for (let index = 0; (index + 1) * 2 ** level <= n; index++) ids.push({ level, index });
  }
  return ids;
}

function assertStoreHolds(store: MapStore, n: number): void {
  const want = allCompleteNodes(n);
  assert.equal(store.nodes.size, want.length, `node count at size ${n}`);
  for (const id of want) {
    assert.deepEqual(store.nodes.get(nodeKey(id)), reference.mth(nodeBegin(id), nodeEnd(id)), `hash of ${nodeKey(id)}`);
  }
}

test('appending one leaf at a time stores exactly the completed subtrees', async () => {
  const store = new MapStore();
  const reader = new CountingReader(store);
  for (let i = 0; i < MAX; i++) {
    reader.reset(i);
    const result = await nodesToStoreOnAppend(i, leafHashes[i]!, reader);
    assert.equal(reader.calls.length, i === 0 ? 0 : 1, 'one read of the old right edge');
    assert.ok((reader.calls[0] ?? []).length <= Math.ceil(Math.log2(i + 1)), 'O(log n) ids');
    store.insert(result.nodes);
    assert.equal(result.treeSize, i + 1);
    assert.deepEqual(result.root, reference.mth(0, i + 1), `root at size ${i + 1}`);
    assert.deepEqual(
      result.rightEdge.map(({ level, index }) => ({ level, index })),
      rangeNodes(0, i + 1),
    );
    assertStoreHolds(store, i + 1);
  }
});

test('batched appends produce the same nodes as single appends', async () => {
  for (const batch of [2, 3, 5, 16, 33, MAX]) {
    const store = new MapStore();
    for (let start = 0; start < MAX; start += batch) {
      const result = await nodesToStoreOnAppendBatch(start, leafHashes.slice(start, start + batch), store);
      store.insert(result.nodes);
      assert.deepEqual(result.root, reference.mth(0, result.treeSize));
    }
    assertStoreHolds(store, MAX);
  }
});

test('MemoryTree keeps the same nodes and serves them as a NodeReader', async () => {
  const tree = new MemoryTree();
  for (let i = 0; i < 10; i++) assert.equal(tree.appendLeaf(Uint8Array.of(i)), i);
  tree.appendLeafHashes(leafHashes.slice(10));
  assert.equal(tree.size, MAX);
  const ids = allCompleteNodes(MAX).filter((id) => nodeBegin(id) >= 10);
  const hashes = await tree.getNodes(ids);
  ids.forEach((id, i) => assert.deepEqual(hashes[i], reference.mth(nodeBegin(id), nodeEnd(id))));
  // Returned hashes are copies: scribbling on them must not change the tree.
  const rootBefore = tree.root();
  (await tree.getNodes(rangeNodes(0, MAX))).forEach((h) => h.fill(0));
  assert.deepEqual(tree.root(), rootBefore);
  await assert.rejects(tree.getNodes([{ level: 0, index: MAX }]), { code: 'storage' });
  await assert.rejects(tree.getNodes([{ level: 7, index: 0 }]), { code: 'storage' });
  assert.throws(() => tree.root(MAX + 1), LedgerError);
});

test('appendToRightEdge refuses an edge that does not fit the size', () => {
  const leaf = leafHashes[0]!;
  assert.throws(() => appendToRightEdge(3, [leaf], [leaf]), { code: 'invalid_argument' });
  assert.throws(() => appendToRightEdge(0, [], [new Uint8Array(31)]), { code: 'invalid_argument' });
  assert.throws(() => appendToRightEdge(1, [new Uint8Array(33)], [leaf]), { code: 'invalid_argument' });
  assert.throws(() => appendToRightEdge(-1, [], [leaf]), { code: 'invalid_argument' });
  assert.throws(
    () =>
      appendToRightEdge(
        2 ** 53 - 1,
        rangeNodes(0, 2 ** 53 - 1).map(() => leaf),
        [leaf],
      ),
    {
      code: 'invalid_argument',
    },
  );
});
