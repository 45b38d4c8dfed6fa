/**
 * The ledger's checkpoint key: one Ed25519 signer key string (the format of Go's sumdb/note) is
 * all an operator configures. The verifier key that customers and auditors pin is derived from it,
 * so the two can never disagree.
 */
import { decodeBase64 } from './base64.ts';
import { LedgerError } from './errors.ts';
import {
  type NoteSigner,
  type NoteVerifier,
  ed25519PublicKeyFromSeed,
  formatVerifierKey,
  generateNoteKeyPair,
  isValidKeyName,
  parseSignerKey,
  parseVerifierKey,
} from './note-keys.ts';

/** What signs and checks the ledger's checkpoints. */
export interface LedgerSigning {
  /** First line of every checkpoint: the log's identity. */
  readonly origin: string;
  readonly signer: NoteSigner;
  readonly verifier: NoteVerifier;
  /** The public verifier key string, as published at /api/v1/ledger/key. */
  readonly verifierKey: string;
}

/** The verifier key string that belongs to a signer key string. */
export function verifierKeyFromSignerKey(signerKey: string): string {
  // parseSignerKey checks the whole string (prefix, name, key ID, encoding) before the seed is used.
  const signer = parseSignerKey(signerKey);
  // PRIVATE+KEY+<name>+<key ID>+<base64>: the base64 itself may contain '+', so count from the left.
  const afterName = signerKey.indexOf('+', 'PRIVATE+KEY+'.length);
  const seed = decodeBase64(signerKey.slice(signerKey.indexOf('+', afterName + 1) + 1))?.subarray(1);
  if (seed === undefined) throw new LedgerError('malformed_key', 'the key is not canonical base64');
  return formatVerifierKey(signer.name, ed25519PublicKeyFromSeed(seed));
}

/** Signing for `origin` with the given signer key string. Throws LedgerError('malformed_key'). */
export function signingFromSignerKey(origin: string, signerKey: string): LedgerSigning {
  const verifierKey = verifierKeyFromSignerKey(signerKey);
  return { origin, signer: parseSignerKey(signerKey), verifier: parseVerifierKey(verifierKey), verifierKey };
}

/** The key name for a new key of this log: the origin when it is a valid key name. */
export function keyNameForOrigin(origin: string): string {
  return isValidKeyName(origin) ? origin : 'writ-ledger';
}

/** A fresh key for `origin`, with its signer key string (the secret to store). */
export function generateLedgerSigning(origin: string): { signing: LedgerSigning; signerKey: string } {
  const { signerKey } = generateNoteKeyPair(keyNameForOrigin(origin));
  return { signing: signingFromSignerKey(origin, signerKey), signerKey };
}
