/**
 * Public surface of the ledger core: canonical JSON for event bytes, the RFC 6962 Merkle tree and
 * its proofs, checkpoints, and signed notes. No I/O happens here besides hashing and signing.
 */
export { LedgerError, type LedgerErrorCode } from './errors.ts';
export { canonicalJson, canonicalJsonBytes } from './canonical-json.ts';
export * from './merkle.ts';
export { type Checkpoint, formatCheckpoint, parseCheckpoint } from './checkpoint.ts';
export {
  ED25519_SIGNATURE_TYPE,
  type NoteKeyPair,
  type NoteSigner,
  type NoteVerifier,
  ed25519PublicKeyFromSeed,
  formatKeyId,
  formatSignerKey,
  formatVerifierKey,
  generateNoteKeyPair,
  isValidKeyName,
  noteKeyId,
  parseSignerKey,
  parseVerifierKey,
} from './note-keys.ts';
export {
  MAX_NOTE_SIGNATURES,
  type NoteSignature,
  type ParsedNote,
  type VerifiedNote,
  parseNote,
  signNote,
  verifyNote,
} from './signed-note.ts';
export { signCheckpoint, verifyCheckpoint } from './signed-checkpoint.ts';
export { decodeBase64, encodeBase64 } from './base64.ts';
