/**
 * Checkpoints as signed notes: what a log publishes and what customers and auditors check before
 * trusting a root hash.
 */
import { type Checkpoint, formatCheckpoint, parseCheckpoint } from './checkpoint.ts';
import { LedgerError } from './errors.ts';
import type { NoteSigner, NoteVerifier } from './note-keys.ts';
import { type VerifiedNote, signNote, verifyNote } from './signed-note.ts';

/** Formats and signs a checkpoint. */
export function signCheckpoint(checkpoint: Checkpoint, signers: readonly NoteSigner[]): string {
  return signNote(formatCheckpoint(checkpoint), signers);
}

/**
 * Verifies a signed checkpoint against trusted keys and parses it. When `expectedOrigin` is given
 * the checkpoint must be for that log, so a valid checkpoint of another log is not mistaken for it.
 */
export function verifyCheckpoint(
  message: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
  expectedOrigin?: string,
): { checkpoint: Checkpoint; note: VerifiedNote } {
  const note = verifyNote(message, verifiers);
  const checkpoint = parseCheckpoint(note.text);
  if (expectedOrigin !== undefined && checkpoint.origin !== expectedOrigin) {
    const found = JSON.stringify(checkpoint.origin);
    throw new LedgerError('malformed_checkpoint', `checkpoint is for ${found}, not ${JSON.stringify(expectedOrigin)}`);
  }
  return { checkpoint, note };
}
