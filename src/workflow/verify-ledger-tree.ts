/**
 * The tree half of full verification (verify-ledger.ts): the tree rebuilt from the stored leaf
 * hashes a page at a time (src/ledger/page-tree.ts), each level of the page compared with the
 * stored nodes in one memcmp, and the signed roots checked as the rebuild passes their sizes. A
 * page that differs is compared node by node, so that each difference is reported at the first
 * leaf below it; a missing leaf ends the rebuild, since every position after it is shifted.
 */
import type pg from 'pg';
import { type TreeNode, bytesEqual, nodeBegin, nodeEnd, nodeKey } from '../ledger/index.ts';
import type { CheckpointedTree } from '../ledger/checkpoint-walk.ts';
import { type Page, pageNodesInCompletionOrder } from '../ledger/page-tree.ts';
import type { FailureCollector } from '../ledger/verify-report.ts';
import { type Db, type Tx, poolClient } from '../store/database.ts';
import { readNodeRanges } from '../store/ledger-repository.ts';
import {
  type LevelRange,
  type StoredRange,
  beginInSnapshot,
  nextLeafIndex,
  readTreePage,
} from '../store/ledger-verify-reads.ts';

/**
 * Where node mismatches found so far begin, so that a parent that differs only because a child
 * does is reported at the child's first differing leaf, not at the start of its own range.
 */
class NodeMismatches {
  readonly #found: { begin: number; end: number; index: number }[] = [];

  /** The first differing leaf below [begin, end) already known, else `begin`. */
  locate(begin: number, end: number): number {
    let index = begin;
    let below = false;
    for (const m of this.#found) {
      if (m.begin >= begin && m.end <= end && (!below || m.index < index)) {
        index = m.index;
        below = true;
      }
    }
    return index;
  }

  record(begin: number, end: number, index: number): void {
    // Enough to locate any realistic tampering; past this, ranges are reported as they are.
    if (this.#found.length < 1000) this.#found.push({ begin, end, index });
  }
}

/** Compares nodes (in completion order) with the stored ones one by one, in one query. */
async function checkNodes(
  db: Tx,
  nodes: readonly TreeNode[],
  mismatches: NodeMismatches,
  failures: FailureCollector,
): Promise<void> {
  const ranges = new Map<number, { level: number; from: number; to: number }>();
  for (const n of nodes) {
    const r = ranges.get(n.level);
    if (!r) ranges.set(n.level, { level: n.level, from: n.index, to: n.index });
    else {
      r.from = Math.min(r.from, n.index);
      r.to = Math.max(r.to, n.index);
    }
  }
  const stored = new Map((await readNodeRanges(db, [...ranges.values()])).map((n) => [nodeKey(n), n.hash]));
  // Completion order puts children before parents, so a parent sees its children's mismatches.
  for (const n of nodes) {
    const hash = stored.get(nodeKey(n));
    if (hash !== undefined && bytesEqual(hash, n.hash)) continue;
    const begin = nodeBegin(n);
    const end = nodeEnd(n);
    const index = mismatches.locate(begin, end);
    mismatches.record(begin, end, index);
    const where = `node ${n.level}/${n.index} (leaves ${begin} to ${end - 1})`;
    if (hash === undefined) failures.add({ kind: 'node_missing', index, detail: `${where} is not stored` });
    else
      failures.add({
        kind: 'node_mismatch',
        index,
        detail: `${where} differs from the hash of its leaves${index !== begin ? ` (from leaf ${index} on)` : ''}`,
      });
  }
}

/** The index range of the nodes leaves [from, to) complete, per level. */
function completedRanges(from: number, to: number): LevelRange[] {
  const ranges = [];
  for (let level = 0; ; level++) {
    const first = Math.floor(from / 2 ** level);
    const end = Math.floor(to / 2 ** level);
    if (end <= first) break;
    ranges.push({ level, from: first, to: end });
  }
  return ranges;
}

/** True when every level the page computed is stored exactly. */
function levelsMatch(page: Page, stored: ReadonlyMap<number, StoredRange>): boolean {
  return page.levels.every((l) => {
    const s = stored.get(l.level);
    return s !== undefined && !s.malformed && s.found === l.count && s.hashes.equals(l.hashes);
  });
}

/** Runs `fn` with a pool client in the verification's snapshot; a client that failed is closed. */
export async function inSnapshot<T>(db: Db, snapshot: string, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await poolClient(db);
  let broken: Error | undefined;
  try {
    await beginInSnapshot(client, snapshot);
    const result = await fn(client);
    await client.query('commit');
    return result;
  } catch (e) {
    broken = e as Error;
    throw e;
  } finally {
    client.release(broken);
  }
}

/** Rebuilds the tree page by page in leaf order; returns whether the leaves ran without a gap. */
export async function rebuildTree(
  db: Db,
  tx: Tx,
  snapshot: string,
  size: number,
  pageSize: number,
  tree: CheckpointedTree,
  failures: FailureCollector,
  progress: (done: number) => void,
): Promise<boolean> {
  const mismatches = new NodeMismatches();
  return inSnapshot(db, snapshot, async (client) => {
    const read = (from: number) => {
      const to = Math.min(from + pageSize, size);
      return readTreePage(client, from, to, completedRanges(from, to));
    };
    // The next page is read while this one is hashed: the database and the hashing overlap.
    let reading = size > 0 ? read(0) : undefined;
    for (let from = 0; from < size; ) {
      const to = Math.min(from + pageSize, size);
      const { leaves, nodes } = await reading!;
      reading = to < size ? read(to) : undefined;
      if (leaves.found !== to - from || leaves.malformed) {
        await reading?.catch(() => undefined); // read ahead of a gap: not needed, but must settle
        let missing = from;
        while (missing < to && leaves.present[missing - from] === 1) missing += 1;
        // Every leaf is there, but a stored hash is not 32 bytes (the table's check was dropped).
        if (missing === to) throw new Error(`a stored leaf hash in [${from}, ${to}) is not a SHA-256 hash`);
        const next = await nextLeafIndex(tx, missing);
        failures.add({
          kind: 'leaf_missing',
          index: missing,
          detail: `no leaf is stored at index ${missing}${next !== undefined && next > missing + 1 ? ` (nor up to ${next - 1})` : ''}`,
        });
        // Past a missing leaf every position is shifted: rebuilding further would only echo this.
        const page = tree.appendPage(leaves.hashes, missing - from);
        await checkNodes(tx, pageNodesInCompletionOrder(page), mismatches, failures);
        progress(missing);
        return false;
      }
      const page = tree.appendPage(leaves.hashes, to - from);
      if (!levelsMatch(page, nodes)) await checkNodes(tx, pageNodesInCompletionOrder(page), mismatches, failures);
      progress(to);
      from = to;
    }
    return true;
  });
}
