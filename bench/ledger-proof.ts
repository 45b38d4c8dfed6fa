/**
 * Ledger Merkle benchmark (a script, not a test):
 *
 *   node --import tsx bench/ledger-proof.ts [leaves=1000000] [samples=20000]
 *
 * Builds an in-memory tree of N leaves, then prints inclusion- and consistency-proof generation
 * latency (p50/p99, one getNodes round trip each), and the throughput of recomputing the root from
 * scratch next to raw SHA-256 over the same leaf bytes. Bounded: N is capped and proof sampling
 * stops after a few seconds.
 */
import { createHash } from 'node:crypto';
import {
  MemoryTree,
  consistencyProof,
  hashLeaf,
  inclusionProof,
  rootFromLeafHashes,
  sha256,
  verifyConsistency,
  verifyInclusion,
} from '../src/ledger/index.ts';

const MAX_LEAVES = 2 ** 24;
const LEAF_BYTES = 128; // roughly one canonical-JSON ledger event
const BATCH = 4096;
const SAMPLE_BUDGET_MS = 4000;

function argument(position: number, fallback: number): number {
  const raw = process.argv[position];
  const value = raw === undefined ? fallback : Number(raw.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value < 2) throw new Error(`argument ${position - 1} must be an integer ≥ 2`);
  return value;
}

const leaves = Math.min(argument(2, 1_000_000), MAX_LEAVES);
const samples = argument(3, 20_000);

/** Deterministic leaf bytes: the leaf number followed by a fixed filler, rewritten in place. */
const leafBuffer = new Uint8Array(LEAF_BYTES).map((_, i) => (i * 37) & 0xff);
const leafView = new DataView(leafBuffer.buffer);
function leafData(i: number): Uint8Array {
  leafView.setFloat64(0, i);
  return leafBuffer;
}

/** Deterministic pseudo-random integers in [0, n), so runs are comparable. */
let seed = 0x2545f491;
function randomBelow(n: number): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % n;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function fmtMs(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`;
}

function rate(count: number, ms: number): string {
  return `${((count / ms) * 1000).toLocaleString('en-US', { maximumFractionDigits: 0 })}/s`;
}

function mbps(bytes: number, ms: number): string {
  return `${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`;
}

console.log(
  `ledger Merkle benchmark: ${leaves.toLocaleString('en-US')} leaves of ${LEAF_BYTES} bytes, node ${process.version}`,
);

// Build the tree the way a store would: hash leaves, append in batches.
const tree = new MemoryTree();
let t0 = performance.now();
for (let start = 0; start < leaves; start += BATCH) {
  const batch: Uint8Array[] = [];
  for (let i = start; i < Math.min(start + BATCH, leaves); i++) batch.push(hashLeaf(leafData(i)));
  tree.appendLeafHashes(batch);
}
const buildMs = performance.now() - t0;
const root = tree.root();
console.log(`build (hash + append): ${fmtMs(buildMs)}, ${rate(leaves, buildMs)} leaves`);

async function timeProofs(label: string, make: () => Promise<() => void>): Promise<void> {
  const times: number[] = [];
  const deadline = performance.now() + SAMPLE_BUDGET_MS;
  while (times.length < samples && performance.now() < deadline) {
    const start = performance.now();
    const check = await make();
    times.push(performance.now() - start);
    if (times.length <= 100) check(); // verify a few, outside the timing
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label}: p50 ${fmtMs(percentile(times, 50))}, p99 ${fmtMs(percentile(times, 99))} over ${times.length} proofs`,
  );
}

const leafHashOf = (i: number) => hashLeaf(leafData(i));

await timeProofs(`inclusion proof at size ${leaves}`, async () => {
  const index = randomBelow(leaves);
  const proof = await inclusionProof(tree, index, leaves);
  return () => verifyInclusion(index, leaves, leafHashOf(index), proof, root);
});

await timeProofs('inclusion proof at a random older size', async () => {
  const size = 1 + randomBelow(leaves);
  const index = randomBelow(size);
  const proof = await inclusionProof(tree, index, size);
  return () => verifyInclusion(index, size, leafHashOf(index), proof, tree.root(size));
});

await timeProofs(`consistency proof to size ${leaves}`, async () => {
  const size1 = 1 + randomBelow(leaves);
  const proof = await consistencyProof(tree, size1, leaves);
  return () => verifyConsistency(size1, leaves, proof, tree.root(size1), root);
});

// Full recompute of the root from the leaf bytes, against SHA-256 over the same bytes.
t0 = performance.now();
const leafHashes: Uint8Array[] = new Array(leaves);
for (let i = 0; i < leaves; i++) leafHashes[i] = hashLeaf(leafData(i));
const recomputed = rootFromLeafHashes(leafHashes);
const recomputeMs = performance.now() - t0;
if (Buffer.compare(recomputed, root) !== 0) throw new Error('recomputed root differs from the tree root');

t0 = performance.now();
const stream = createHash('sha256');
for (let i = 0; i < leaves; i++) stream.update(leafData(i));
stream.digest();
const streamMs = performance.now() - t0;

t0 = performance.now();
for (let i = 0; i < leaves; i++) sha256(leafData(i));
const perLeafMs = performance.now() - t0;

const bytes = leaves * LEAF_BYTES;
const digests = 2 * leaves - 1;
console.log(
  `full root recompute: ${fmtMs(recomputeMs)}, ${mbps(bytes, recomputeMs)} of leaf data, ${rate(digests, recomputeMs)} digests`,
);
console.log(`raw SHA-256, one stream over the same bytes: ${fmtMs(streamMs)}, ${mbps(bytes, streamMs)}`);
console.log(`raw SHA-256, one digest per leaf: ${fmtMs(perLeafMs)}, ${mbps(bytes, perLeafMs)}`);
const vsStream = (recomputeMs / streamMs).toFixed(1);
const vsPerLeaf = (recomputeMs / perLeafMs).toFixed(1);
console.log(`recompute = ${vsStream}x one stream, ${vsPerLeaf}x one digest per leaf (it takes ${digests} digests)`);
