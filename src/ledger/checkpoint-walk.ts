/**
 * The part of full verification shared by the database and the offline check: verify every
 * checkpoint note, then rebuild the tree leaf by leaf and compare its root with each signed root
 * as the walk passes that size. Roots computed along one append-only walk are consistent with each
 * other by construction, so a walk whose roots all match proves the checkpoints consistent too.
 */
import { bytesEqual } from './hashing.ts';
import type { NoteVerifier } from './note-keys.ts';
import { type Page, PageTree } from './page-tree.ts';
import { verifyCheckpoint } from './signed-checkpoint.ts';
import type { FailureCollector } from './verify-report.ts';

/** A tree size and the root a verified checkpoint signs for it. */
export interface SignedRoot {
  treeSize: number;
  rootHash: Uint8Array;
}

/** A checkpoint to check: its note, and the values stored beside it when there are any. */
export interface CheckpointToCheck {
  note: string;
  treeSize?: number;
  rootHash?: Uint8Array;
}

/**
 * Verifies each note (key and origin) and returns the roots they sign, smallest tree first.
 * Notes that fail, that disagree with the values stored beside them, or that sign more leaves than
 * the log has are reported and left out.
 */
export function checkCheckpointNotes(
  checkpoints: readonly CheckpointToCheck[],
  verifiers: readonly NoteVerifier[],
  origin: string,
  logSize: number,
  failures: FailureCollector,
): SignedRoot[] {
  const signed: SignedRoot[] = [];
  for (const cp of checkpoints) {
    let parsed: SignedRoot;
    try {
      parsed = verifyCheckpoint(cp.note, verifiers, origin).checkpoint;
    } catch (e) {
      const at = cp.treeSize ?? null;
      failures.add({
        kind: 'checkpoint_signature',
        index: null,
        detail: `checkpoint${at === null ? '' : ` for tree size ${at}`} does not verify: ${(e as Error).message}`,
        ...(at === null ? {} : { checkpoint: at }),
      });
      continue;
    }
    if (
      (cp.treeSize !== undefined && cp.treeSize !== parsed.treeSize) ||
      (cp.rootHash !== undefined && !bytesEqual(cp.rootHash, parsed.rootHash))
    ) {
      failures.add({
        kind: 'checkpoint_row',
        index: null,
        checkpoint: cp.treeSize ?? parsed.treeSize,
        detail: `the checkpoint stored for tree size ${cp.treeSize ?? '?'} carries a note signed for tree size ${parsed.treeSize}, or another root`,
      });
      continue;
    }
    if (parsed.treeSize > logSize) {
      failures.add({
        kind: 'checkpoint_size',
        index: logSize,
        checkpoint: parsed.treeSize,
        detail: `a checkpoint signs ${parsed.treeSize} leaves but the log has ${logSize}: leaves from ${logSize} on are missing`,
      });
      continue;
    }
    signed.push({ treeSize: parsed.treeSize, rootHash: parsed.rootHash });
  }
  return signed.sort((a, b) => a.treeSize - b.treeSize);
}

/** A tree rebuilt page by page (page-tree.ts) that checks its root against each signed root on the way. */
export class CheckpointedTree {
  readonly #tree = new PageTree();
  readonly #signed: readonly SignedRoot[];
  readonly #failures: FailureCollector;
  #next = 0;
  #lastMatched = 0;
  #verifiedSize = 0;

  constructor(signed: readonly SignedRoot[], failures: FailureCollector) {
    this.#signed = signed;
    this.#failures = failures;
    // A checkpoint of the empty tree signs nothing to compare.
    while ((this.#signed[this.#next]?.treeSize ?? 1) <= 0) this.#next += 1;
  }

  get size(): number {
    return this.#tree.size;
  }

  /** Largest signed size whose root matched. */
  get verifiedSize(): number {
    return this.#verifiedSize;
  }

  /**
   * Appends `count` leaf hashes (flat, 32 bytes each), comparing the root with every signed root
   * at a size the page reaches; returns every node the page completed, level by level.
   */
  appendPage(leafHashes: Uint8Array, count: number): Page {
    const page = this.#tree.compute(leafHashes, count);
    // Targets are sorted and each is checked when reached, so a pending one is always ahead.
    for (let s = this.#signed[this.#next]; s !== undefined && s.treeSize <= page.to; s = this.#signed[this.#next]) {
      this.#next += 1;
      this.#compare(s, this.#tree.rootAt(page, s.treeSize));
    }
    this.#tree.advance(page);
    return page;
  }

  #compare(s: SignedRoot, root: Uint8Array): void {
    if (bytesEqual(root, s.rootHash)) {
      this.#lastMatched = s.treeSize;
      this.#verifiedSize = s.treeSize;
      return;
    }
    this.#failures.add({
      kind: 'checkpoint_root',
      index: this.#lastMatched,
      approximate: true,
      checkpoint: s.treeSize,
      detail: `the log's root at tree size ${s.treeSize} is not the signed one: leaves in [${this.#lastMatched}, ${s.treeSize}) differ from what was signed`,
    });
  }
}
