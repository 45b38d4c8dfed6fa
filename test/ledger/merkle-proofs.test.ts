/**
 * Proof generation against the naive RFC 6962 reference: every index and size pair up to 70
 * leaves, one getNodes round trip per proof with O(log n) nodes, and only nodes that existed at
 * the proof's tree size. Also: proofs and roots that have been tampered with must fail.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LedgerError,
  MemoryTree,
  consistencyProof,
  hashLeaf,
  inclusionProof,
  rootFromInclusionProof,
  rootFromLeafHashes,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
} from '../../src/ledger/index.ts';
import { CountingReader } from './support/counting-reader.ts';
import { ReferenceTree } from './support/rfc6962-reference.ts';

const MAX = 70;
const leafHashes = Array.from({ length: MAX }, (_, i) => hashLeaf(new TextEncoder().encode(`event ${i}`)));
const tree = new MemoryTree();
tree.appendLeafHashes(leafHashes);
const reference = new ReferenceTree(leafHashes);

function ceilLog2(n: number): number {
  return n <= 1 ? 0 : Math.ceil(Math.log2(n));
}

const isInvalidProof = (err: unknown) => err instanceof LedgerError && err.code === 'invalid_proof';

test('roots at every size match the RFC definition', () => {
  for (let n = 0; n <= MAX; n++) {
    const want = reference.mth(0, n);
    assert.deepEqual(rootFromLeafHashes(leafHashes.slice(0, n)), want, `rootFromLeafHashes size ${n}`);
    assert.deepEqual(tree.root(n), want, `MemoryTree.root size ${n}`);
  }
});

test('treeRoot reads the right edge once', async () => {
  const reader = new CountingReader(tree);
  for (let n = 1; n <= MAX; n++) {
    reader.reset(n);
    assert.deepEqual(await treeRoot(reader, n), reference.mth(0, n));
    assert.equal(reader.calls.length, 1);
    assert.ok(reader.calls[0]!.length <= ceilLog2(n) + 1);
  }
});

test('inclusion proofs match RFC 6962 PATH, verify, and cost one O(log n) read', async () => {
  const reader = new CountingReader(tree);
  let checked = 0;
  for (let n = 1; n <= MAX; n++) {
    const root = reference.mth(0, n);
    for (let m = 0; m < n; m++) {
      reader.reset(n);
      const proof = await inclusionProof(reader, m, n);
      assert.deepEqual(proof, reference.path(m, 0, n), `PATH(${m}, D[${n}])`);
      verifyInclusion(m, n, leafHashes[m]!, proof, root);
      assert.equal(reader.calls.length, proof.length === 0 ? 0 : 1, `reads for (${m}, ${n})`);
      const ids = reader.calls[0] ?? [];
      assert.ok(ids.length <= 2 * ceilLog2(n), `(${m}, ${n}) read ${ids.length} nodes`);
      checked++;
    }
  }
  assert.equal(checked, (MAX * (MAX + 1)) / 2);
});

test('consistency proofs match RFC 6962 PROOF, verify, and cost one O(log n) read', async () => {
  const reader = new CountingReader(tree);
  for (let n = 1; n <= MAX; n++) {
    const root2 = reference.mth(0, n);
    for (let m = 1; m <= n; m++) {
      reader.reset(n);
      const proof = await consistencyProof(reader, m, n);
      assert.deepEqual(proof, reference.proof(m, n), `PROOF(${m}, D[${n}])`);
      verifyConsistency(m, n, proof, reference.mth(0, m), root2);
      assert.equal(reader.calls.length, proof.length === 0 ? 0 : 1, `reads for (${m}, ${n})`);
      const ids = reader.calls[0] ?? [];
      assert.ok(ids.length <= 2 * ceilLog2(n), `(${m}, ${n}) read ${ids.length} nodes`);
    }
  }
});

test('proof generation refuses impossible arguments', async () => {
  const bad: Array<[number, number]> = [
    [0, 0],
    [5, 5],
    [-1, 3],
    [1.5, 3],
    [0, Number.NaN],
    [0, 2 ** 53],
  ];
  for (const [index, size] of bad) {
    await assert.rejects(inclusionProof(tree, index, size), { name: 'LedgerError', code: 'invalid_argument' });
  }
  await assert.rejects(consistencyProof(tree, 0, 5), { code: 'invalid_argument' });
  await assert.rejects(consistencyProof(tree, 6, 5), { code: 'invalid_argument' });
  // Past the end of the stored tree the reader has no nodes to give.
  await assert.rejects(inclusionProof(tree, 3, MAX + 1), { code: 'storage' });
  await assert.rejects(consistencyProof(tree, 3, MAX + 5), { code: 'storage' });
});

test('a reader that answers with the wrong shape is caught', async () => {
  const short = { getNodes: async () => [] as Uint8Array[] };
  await assert.rejects(inclusionProof(short, 3, 10), { code: 'storage' });
  const truncated = { getNodes: async (ids: readonly unknown[]) => ids.map(() => new Uint8Array(31)) };
  await assert.rejects(inclusionProof(truncated, 3, 10), { code: 'storage' });
});

function flipBit(hashes: Uint8Array[], i: number): Uint8Array[] {
  return hashes.map((h, j) => (j === i ? h.map((b, k) => (k === 0 ? b ^ 1 : b)) : h));
}

test('tampered inclusion proofs, leaves, indexes and roots are rejected', async () => {
  for (const n of [2, 3, 7, 8, 13, 32, 70]) {
    const root = reference.mth(0, n);
    for (const m of [0, Math.floor(n / 2), n - 1]) {
      const proof = await inclusionProof(tree, m, n);
      const leaf = leafHashes[m]!;
      for (let i = 0; i < proof.length; i++) {
        assert.throws(() => verifyInclusion(m, n, leaf, flipBit(proof, i), root), isInvalidProof, `flip proof[${i}]`);
      }
      assert.throws(() => verifyInclusion(m, n, leaf, proof, flipBit([root], 0)[0]!), isInvalidProof, 'wrong root');
      assert.throws(() => verifyInclusion(m, n, flipBit([leaf], 0)[0]!, proof, root), isInvalidProof, 'wrong leaf');
      assert.throws(() => verifyInclusion(m, n, leaf, [...proof, root], root), isInvalidProof, 'extra hash');
      assert.throws(() => verifyInclusion(m, n, leaf, proof.slice(1), root), isInvalidProof, 'missing hash');
      assert.throws(() => verifyInclusion((m + 1) % n, n, leaf, proof, root), isInvalidProof, 'other index');
      // The size is not hashed into the proof (the checkpoint binds it to the root), so claim a
      // bigger size together with that size's genuine root.
      if (n < MAX) {
        assert.throws(
          () => verifyInclusion(m, n + 1, leaf, proof, reference.mth(0, n + 1)),
          isInvalidProof,
          'other size',
        );
      }
      // A proof for one tree size does not vouch for the root of another.
      if (n > 2) assert.throws(() => verifyInclusion(m, n, leaf, proof, reference.mth(0, n - 1)), isInvalidProof);
    }
  }
});

test('tampered consistency proofs and roots are rejected', async () => {
  for (const [m, n] of [
    [1, 2],
    [3, 7],
    [4, 8],
    [6, 8],
    [13, 70],
    [32, 70],
    [69, 70],
  ] as const) {
    const proof = await consistencyProof(tree, m, n);
    const root1 = reference.mth(0, m);
    const root2 = reference.mth(0, n);
    verifyConsistency(m, n, proof, root1, root2);
    for (let i = 0; i < proof.length; i++) {
      assert.throws(() => verifyConsistency(m, n, flipBit(proof, i), root1, root2), isInvalidProof, `flip proof[${i}]`);
    }
    assert.throws(() => verifyConsistency(m, n, proof, flipBit([root1], 0)[0]!, root2), isInvalidProof, 'root1');
    assert.throws(() => verifyConsistency(m, n, proof, root1, flipBit([root2], 0)[0]!), isInvalidProof, 'root2');
    assert.throws(() => verifyConsistency(m, n, proof, root2, root1), isInvalidProof, 'swapped');
    assert.throws(() => verifyConsistency(m, n, proof.slice(0, -1), root1, root2), isInvalidProof, 'truncated');
    assert.throws(() => verifyConsistency(m, n, [...proof, root1], root1, root2), isInvalidProof, 'extended');
    // A log that rewrote history: same size, different leaf 0.
    const forged = new ReferenceTree([flipBit([leafHashes[0]!], 0)[0]!, ...leafHashes.slice(1, n)]);
    assert.throws(() => verifyConsistency(m, n, proof, root1, forged.mth(0, n)), isInvalidProof, 'rewritten');
  }
});

test('the verifier refuses sizes and indexes outside [0, 2^53)', () => {
  const leaf = leafHashes[0]!;
  for (const bad of [-1, 0.5, 2 ** 53, 2 ** 64, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.throws(() => rootFromInclusionProof(bad, 1, leaf, []), isInvalidProof);
    assert.throws(() => rootFromInclusionProof(0, bad, leaf, []), isInvalidProof);
    assert.throws(() => verifyConsistency(bad, 2, [], leaf, leaf), isInvalidProof);
    assert.throws(() => verifyConsistency(1, bad, [leaf], leaf, leaf), isInvalidProof);
  }
});
