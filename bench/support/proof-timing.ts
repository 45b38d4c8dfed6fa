/**
 * Proof latency from a stored tree, the same way at any size: a seeded sequence of leaf indexes
 * (so that runs are comparable), inclusion proofs timed one by one, then consistency proofs from a
 * random earlier size to the full tree. The caller checks samples against its root first.
 */
import { performance } from 'node:perf_hooks';
import { consistencyProof, inclusionProof } from '../../src/ledger/index.ts';
import type { NodeReader } from '../../src/ledger/node-reader.ts';

/** A small xorshift generator: the same indexes on every run. */
export function seededRandom(seed = 0x2545f491): (below: number) => number {
  return (below) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % below;
  };
}

/** The p-th percentile (0-100) of sorted milliseconds, to the microsecond. */
export const pct = (sorted: number[], p: number) =>
  Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(3));

/**
 * `samples` inclusion proofs and `samples / 4` consistency proofs at tree size `n`, each timed;
 * `onConsistency` sees each consistency proof (to check a few). Returns sorted milliseconds.
 */
export async function timeProofs(
  reader: NodeReader,
  n: number,
  samples: number,
  random: (below: number) => number,
  onConsistency?: (i: number, from: number, proof: Uint8Array[]) => Promise<void>,
): Promise<{ inclusion: number[]; consistency: number[] }> {
  const inclusion: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await inclusionProof(reader, random(n), n);
    inclusion.push(performance.now() - t);
  }
  const consistency: number[] = [];
  for (let i = 0; i < samples / 4; i++) {
    const from = 1 + random(n - 1);
    const t = performance.now();
    const proof = await consistencyProof(reader, from, n);
    consistency.push(performance.now() - t);
    await onConsistency?.(i, from, proof);
  }
  for (const a of [inclusion, consistency]) a.sort((x, y) => x - y);
  return { inclusion, consistency };
}
