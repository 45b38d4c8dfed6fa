/**
 * A deliberately naive RFC 6962 reference, written straight from the RFC's definitions (§2.1 MTH,
 * §2.1.1 PATH, §2.1.2 PROOF/SUBPROOF) over a list of leaf hashes, to check the optimised code
 * against. It recomputes subtree hashes recursively (memoised per range only for speed).
 */
import { createHash } from 'node:crypto';

function sha256(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

/** Largest power of two strictly smaller than n (n > 1). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Naive RFC 6962 algorithms over a fixed list of leaf hashes. */
export class ReferenceTree {
  readonly #leafHashes: readonly Uint8Array[];
  readonly #memo = new Map<string, Uint8Array>();

  constructor(leafHashes: readonly Uint8Array[]) {
    this.#leafHashes = leafHashes;
  }

  /** MTH(D[begin:end]). */
  mth(begin: number, end: number): Uint8Array {
    const n = end - begin;
    if (n === 0) return sha256(new Uint8Array(0));
    if (n === 1) return this.#leafHashes[begin]!;
    const key = `${begin}:${end}`;
    const cached = this.#memo.get(key);
    if (cached) return cached;
    const k = splitPoint(n);
    const h = sha256(Uint8Array.of(1), this.mth(begin, begin + k), this.mth(begin + k, end));
    this.#memo.set(key, h);
    return h;
  }

  /** PATH(m, D[begin:end]) — the inclusion proof of leaf m (relative to begin). */
  path(m: number, begin: number, end: number): Uint8Array[] {
    const n = end - begin;
    if (n === 1) return [];
    const k = splitPoint(n);
    if (m < k) return [...this.path(m, begin, begin + k), this.mth(begin + k, end)];
    return [...this.path(m - k, begin + k, end), this.mth(begin, begin + k)];
  }

  /** PROOF(m, D[n]) — the consistency proof from the first m leaves to the first n. */
  proof(m: number, n: number): Uint8Array[] {
    return this.#subproof(m, 0, n, true);
  }

  #subproof(m: number, begin: number, end: number, b: boolean): Uint8Array[] {
    const n = end - begin;
    if (m === n) return b ? [] : [this.mth(begin, end)];
    const k = splitPoint(n);
    if (m <= k) return [...this.#subproof(m, begin, begin + k, b), this.mth(begin + k, end)];
    return [...this.#subproof(m - k, begin + k, end, false), this.mth(begin, begin + k)];
  }
}
