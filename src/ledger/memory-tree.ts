/**
 * An in-memory Merkle tree that stores perfect-subtree hashes exactly as a database store would,
 * one contiguous byte array per level. It is the NodeReader used by tests and benchmarks, and a
 * reference for what a persistent store has to do on append.
 */
import { appendToRightEdge, type AppendResult } from './append.ts';
import { LedgerError } from './errors.ts';
import { HASH_SIZE, hashLeaf } from './hashing.ts';
import { type NodeId, isNodeComplete, rangeNodes } from './node-id.ts';
import type { NodeReader } from './node-reader.ts';
import { rootFromRightEdge } from './tree-root.ts';

/** Growable storage for the hashes of one level. */
interface Level {
  bytes: Uint8Array;
  count: number;
}

/** Append-only Merkle tree held in memory. */
export class MemoryTree implements NodeReader {
  readonly #levels: Level[] = [];
  #size = 0;

  /** Number of leaves. */
  get size(): number {
    return this.#size;
  }

  /** Appends one leaf (its data is hashed with hashLeaf) and returns its index. */
  appendLeaf(data: Uint8Array): number {
    const index = this.#size;
    this.appendLeafHashes([hashLeaf(data)]);
    return index;
  }

  /** Appends already-hashed leaves and returns what a store would have to persist. */
  appendLeafHashes(leafHashes: readonly Uint8Array[]): AppendResult {
    const edge = rangeNodes(0, this.#size).map((id) => this.#read(id));
    const result = appendToRightEdge(this.#size, edge, leafHashes);
    for (const node of result.nodes) this.#store(node.level, node.index, node.hash);
    this.#size = result.treeSize;
    return result;
  }

  /** Root hash of the tree as it was at `treeSize` leaves (default: now). */
  root(treeSize: number = this.#size): Uint8Array {
    if (!Number.isSafeInteger(treeSize) || treeSize < 0 || treeSize > this.#size) {
      throw new LedgerError('invalid_argument', `tree size ${treeSize} is outside [0, ${this.#size}]`);
    }
    return rootFromRightEdge(rangeNodes(0, treeSize).map((id) => this.#read(id)));
  }

  /** NodeReader: copies of the requested hashes; rejects nodes that are not complete yet. */
  async getNodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    return ids.map((id) => this.#read(id).slice());
  }

  #read(id: NodeId): Uint8Array {
    const level = this.#levels[id.level];
    if (
      level === undefined ||
      !Number.isSafeInteger(id.index) ||
      id.index < 0 ||
      id.index >= level.count ||
      !isNodeComplete(id, this.#size)
    ) {
      throw new LedgerError('storage', `node ${id.level}/${id.index} is not stored`);
    }
    const start = id.index * HASH_SIZE;
    return level.bytes.subarray(start, start + HASH_SIZE);
  }

  #store(levelNumber: number, index: number, hash: Uint8Array): void {
    let level = this.#levels[levelNumber];
    if (level === undefined) {
      level = { bytes: new Uint8Array(64 * HASH_SIZE), count: 0 };
      this.#levels[levelNumber] = level;
    }
    if (index !== level.count) {
      // Nodes of a level complete strictly left to right; anything else is a bug in the caller.
      throw new LedgerError('storage', `node ${levelNumber}/${index} stored out of order`);
    }
    if ((index + 1) * HASH_SIZE > level.bytes.length) {
      const grown = new Uint8Array(level.bytes.length * 2);
      grown.set(level.bytes);
      level.bytes = grown;
    }
    level.bytes.set(hash, index * HASH_SIZE);
    level.count += 1;
  }
}
