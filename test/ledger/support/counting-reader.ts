/**
 * A NodeReader wrapper that records every getNodes call, so tests can assert how many round trips
 * and node reads proof generation costs, and that it never touches nodes beyond a given size.
 */
import assert from 'node:assert/strict';
import { type NodeId, type NodeReader, isNodeComplete } from '../../../src/ledger/index.ts';

export class CountingReader implements NodeReader {
  readonly calls: NodeId[][] = [];
  readonly #inner: NodeReader;
  /** When set, every requested node must be complete in a tree of this many leaves. */
  limit: number | undefined;

  constructor(inner: NodeReader, limit?: number) {
    this.#inner = inner;
    this.limit = limit;
  }

  async getNodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    this.calls.push([...ids]);
    const limit = this.limit;
    if (limit !== undefined) {
      for (const id of ids)
        assert.ok(isNodeComplete(id, limit), `node ${id.level}/${id.index} is beyond size ${limit}`);
    }
    return this.#inner.getNodes(ids);
  }

  reset(limit?: number): void {
    this.calls.length = 0;
    this.limit = limit;
  }
}
