/**
 * What a full verification of the ledger found, in the same shape whether it checked the database
 * or an export file offline: every difference with the leaf index where it begins, and the first
 * such index, which is where an investigation starts.
 */

/** Kinds of difference verification can find. */
export type VerifyFailureKind =
  /** No leaf is stored at an index below the tree size (a leaf was deleted). */
  | 'leaf_missing'
  /** A leaf's event row is gone. */
  | 'event_missing'
  /** A leaf's salt is gone, so its commitments cannot be recomputed. */
  | 'salt_missing'
  /** Recomputing the leaf from its event row and salt gives other bytes: the event or the leaf changed. */
  | 'leaf_mismatch'
  /** A stored leaf hash is not the hash of the stored leaf bytes. */
  | 'leaf_hash'
  /** Leaf bytes that are not a well-formed leaf, or a leaf whose seq is not its position. */
  | 'leaf_malformed'
  /** A node the tree needs is not stored. */
  | 'node_missing'
  /** A stored node differs from the hash of the leaves below it. */
  | 'node_mismatch'
  /** A node is stored that covers leaves the log does not have. */
  | 'node_extra'
  /** A checkpoint's note does not verify (signature, key or origin). */
  | 'checkpoint_signature'
  /** A checkpoint row's tree size or root differs from its own signed note. */
  | 'checkpoint_row'
  /** A signed checkpoint is for more leaves than the log holds. */
  | 'checkpoint_size'
  /** The log's root at a checkpoint's size differs from the signed root. */
  | 'checkpoint_root'
  /** Two consecutive checkpoints are not proven consistent from the stored nodes. */
  | 'consistency'
  /** An event is neither in the log nor waiting to be sequenced. */
  | 'unlogged_event'
  /** The export file itself is malformed or incomplete. */
  | 'file'
  /** The export's key is not the key the verifier was told to trust. */
  | 'key';

/** One difference. */
export interface VerifyFailure {
  kind: VerifyFailureKind;
  /**
   * Leaf index where the difference begins, as far as verification can tell (for a checkpoint
   * whose root does not match: the size of the last checkpoint that did); null when no leaf
   * index applies.
   */
  index: number | null;
  detail: string;
  /**
   * True when `index` only bounds the difference from below (it lies somewhere from there on, for
   * example under a checkpoint whose root does not match). The first index a report names comes
   * from exact failures whenever there are any.
   */
  approximate?: boolean;
  /** The event concerned, when there is one. */
  eventId?: string;
  /** The checkpoint concerned (its tree size), when there is one. */
  checkpoint?: number;
}

/** The outcome of a full verification. */
export interface LedgerVerifyReport {
  ok: boolean;
  source: 'database' | 'file';
  /** Leaves checked. */
  treeSize: number;
  /** Checkpoints checked. */
  checkpoints: number;
  /** Size of the largest checkpoint whose signature and root checked out (0: none). */
  verifiedSize: number;
  /** Events recorded but not yet sequenced (database only). */
  pending: number;
  /** The smallest leaf index an exact failure names (else the smallest bound), or null. */
  firstIndex: number | null;
  failures: VerifyFailure[];
  /** True when more failures were found than are listed. */
  truncated: boolean;
}

/** At most this many failures are kept; the first index is tracked over all of them. */
const MAX_LISTED = 200;

/** Collects failures while verification streams through a log. */
export class FailureCollector {
  readonly #failures: VerifyFailure[] = [];
  #firstExact: number | null = null;
  #firstApproximate: number | null = null;
  #truncated = false;

  add(failure: VerifyFailure): void {
    if (failure.index !== null) {
      if (failure.approximate) this.#firstApproximate = Math.min(this.#firstApproximate ?? Infinity, failure.index);
      else this.#firstExact = Math.min(this.#firstExact ?? Infinity, failure.index);
    }
    if (this.#failures.length < MAX_LISTED) this.#failures.push(failure);
    else this.#truncated = true;
  }

  get count(): number {
    return this.#failures.length;
  }

  report(
    fields: Pick<LedgerVerifyReport, 'source' | 'treeSize' | 'checkpoints' | 'verifiedSize' | 'pending'>,
  ): LedgerVerifyReport {
    const failures = [...this.#failures].sort((a, b) => (a.index ?? Infinity) - (b.index ?? Infinity));
    return {
      ok: failures.length === 0,
      ...fields,
      firstIndex: this.#firstExact ?? this.#firstApproximate,
      failures,
      truncated: this.#truncated,
    };
  }
}
