/**
 * RFC 6962 hashing against published values: the empty tree, the eight-leaf test tree used by
 * transparency-dev/merkle and Certificate Transparency (roots at sizes 1..8), and leaves big
 * enough to take the streaming path.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { EMPTY_ROOT, MemoryTree, hashChildren, hashLeaf, rootFromLeafHashes } from '../../src/ledger/index.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

test('empty tree and leaf hashes use the RFC 6962 prefixes', () => {
  assert.equal(hex(EMPTY_ROOT), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(hex(rootFromLeafHashes([])), hex(EMPTY_ROOT));
  assert.equal(hex(hashLeaf(new Uint8Array(0))), ROOTS[0]);
  const l = hashLeaf(Uint8Array.of(1));
  const r = hashLeaf(Uint8Array.of(2));
  assert.equal(
    hex(hashChildren(l, r)),
    createHash('sha256').update(Uint8Array.of(1)).update(l).update(r).digest('hex'),
  );
  assert.notEqual(hex(hashChildren(l, r)), hex(hashChildren(r, l)));
  assert.throws(() => hashChildren(l, new Uint8Array(31)), { code: 'invalid_argument' });
  assert.throws(() => rootFromLeafHashes([l, new Uint8Array(33)]), { code: 'invalid_argument' });
});

test('roots of the reference eight-leaf tree at every size', () => {
  const leafHashes = LEAVES.map((h) => hashLeaf(new Uint8Array(Buffer.from(h, 'hex'))));
  const tree = new MemoryTree();
  LEAVES.forEach((h, i) => {
    tree.appendLeaf(new Uint8Array(Buffer.from(h, 'hex')));
    assert.equal(hex(rootFromLeafHashes(leafHashes.slice(0, i + 1))), ROOTS[i], `size ${i + 1}`);
    assert.equal(hex(tree.root()), ROOTS[i], `MemoryTree size ${i + 1}`);
  });
});

test('leaf hashes are right for every input length, small and streamed', () => {
  for (const length of [0, 1, 31, 32, 33, 4095, 4096, 4097, 100_000, 3]) {
    const data = new Uint8Array(length).map((_, i) => (i * 7 + length) & 0xff);
    const want = createHash('sha256').update(Uint8Array.of(0)).update(data).digest('hex');
    assert.equal(hex(hashLeaf(data)), want, `length ${length}`);
  }
});
