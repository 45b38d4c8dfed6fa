/**
 * The one error type the ledger core raises. Each failure carries a stable `code` so callers (the
 * HTTP edge, the offline verifier, a store) can branch on the kind of failure without parsing text.
 */

/** Stable failure kinds. */
export type LedgerErrorCode =
  /** A caller passed an argument outside the documented domain (negative size, index ≥ size…). */
  | 'invalid_argument'
  /** A Merkle proof or root hash does not check out. */
  | 'invalid_proof'
  /** A NodeReader returned something other than what was asked for. */
  | 'storage'
  /** A value cannot be written as canonical JSON (non-finite number, cycle, lone surrogate…). */
  | 'unsupported_value'
  /** Checkpoint text does not follow c2sp.org/tlog-checkpoint. */
  | 'malformed_checkpoint'
  /** Signed-note text does not follow c2sp.org/signed-note. */
  | 'malformed_note'
  /** A signer or verifier key string is not well formed or its key ID does not match. */
  | 'malformed_key'
  /** A note carries no signature from any key the caller trusts. */
  | 'unverified_note'
  /** A signature from a trusted key failed to verify. */
  | 'invalid_signature';

/** Error raised by every function in `src/ledger`. */
export class LedgerError extends Error {
  readonly code: LedgerErrorCode;

  constructor(code: LedgerErrorCode, message: string) {
    super(message);
    this.name = 'LedgerError';
    this.code = code;
  }
}
