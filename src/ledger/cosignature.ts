/**
 * C2SP tlog-cosignature/v1 with Ed25519 (c2sp.org/tlog-cosignature): a signature line on a
 * checkpoint by which a cosigner states that, as of a time, this is the largest consistent tree it
 * has seen of the log. The line is a signed-note signature whose key ID is
 *
 *   SHA-256(<name> ‖ "\n" ‖ 0x04 ‖ Ed25519 public key)[:4]
 *
 * and whose signature is a timestamped_signature: the POSIX time as a big-endian u64, then the
 * Ed25519 signature of
 *
 *   "cosignature/v1\n" ‖ "time <timestamp>\n" ‖ <the checkpoint's note body>
 *
 * Writ uses it twice: the log cosigns its own checkpoints with its key (so every checkpoint
 * carries a signed time), and witnesses (other Writ deployments, or any tlog-witness) cosign them.
 * A verifier that only knows the log's note key ignores these lines: they have another key ID.
 */
import { createHash } from 'node:crypto';
import { decodeBase64, encodeBase64 } from './base64.ts';
import { LedgerError } from './errors.ts';
import { type NoteSigner, type NoteVerifier, formatKeyId, isValidKeyName, parseVerifierKey } from './note-keys.ts';
import { parseNote } from './signed-note.ts';
import { encodeUtf8 } from './text.ts';

/** The key-ID algorithm byte of Ed25519 cosignatures. */
export const COSIGNATURE_TYPE = 0x04;
const SIGNATURE_PREFIX = '\u2014 ';

/** The 32-bit key ID of an Ed25519 cosigner. */
export function cosignatureKeyId(name: string, publicKey: Uint8Array): number {
  const digest = createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, COSIGNATURE_TYPE]))
    .update(publicKey)
    .digest();
  return digest.readUInt32BE(0);
}

/** The message an Ed25519 cosignature signs. */
export function cosignedMessage(body: string, timestamp: number): Uint8Array {
  return encodeUtf8(`cosignature/v1\ntime ${timestamp}\n${body}`);
}

/** The raw Ed25519 public key of a verifier key string "<name>+<id>+<base64(0x01 ‖ key)>". */
export function ed25519KeyOf(verifierKey: string): Uint8Array {
  parseVerifierKey(verifierKey); // checks name, ID and encoding
  const raw = decodeBase64(verifierKey.slice(verifierKey.indexOf('+', verifierKey.indexOf('+') + 1) + 1));
  if (raw === undefined || raw.length !== 33) throw new LedgerError('malformed_key', 'not an Ed25519 verifier key');
  return raw.subarray(1);
}

/** A cosigner: a name and an Ed25519 key, with the key ID of cosignatures. */
export interface Cosigner {
  readonly name: string;
  readonly keyId: number;
  sign(message: Uint8Array): Uint8Array;
}

/** What checks one cosigner's lines. */
export interface CosignatureVerifier {
  readonly name: string;
  readonly keyId: number;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

/**
 * A cosigner and its verifier from an Ed25519 note key (its signer and verifier key string): the
 * same key, under the cosignature key ID. `name` defaults to the key's own name.
 */
export function cosignerFromNoteKey(
  signer: NoteSigner,
  verifierKey: string,
  name: string = signer.name,
): { cosigner: Cosigner; verifier: CosignatureVerifier } {
  const verifier = cosignatureVerifier(verifierKey, name);
  return { cosigner: { name, keyId: verifier.keyId, sign: (m) => signer.sign(m) }, verifier };
}

/** The cosignature verifier of a note verifier key string, under `name` (default: the key's name). */
export function cosignatureVerifier(verifierKey: string, name?: string): CosignatureVerifier {
  const noteVerifier: NoteVerifier = parseVerifierKey(verifierKey);
  const keyName = name ?? noteVerifier.name;
  if (!isValidKeyName(keyName)) throw new LedgerError('malformed_key', `invalid key name ${JSON.stringify(keyName)}`);
  return {
    name: keyName,
    keyId: cosignatureKeyId(keyName, ed25519KeyOf(verifierKey)),
    verify: (m, s) => noteVerifier.verify(m, s),
  };
}

/** The signature line of a cosignature of `body` at `timestamp` (seconds). */
export function cosignatureLine(body: string, cosigner: Cosigner, timestamp: number): string {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0)
    throw new LedgerError('invalid_argument', `a cosignature time is a POSIX timestamp, not ${timestamp}`);
  const signature = cosigner.sign(cosignedMessage(body, timestamp));
  const bytes = Buffer.alloc(4 + 8 + signature.length);
  bytes.writeUInt32BE(cosigner.keyId, 0);
  bytes.writeBigUInt64BE(BigInt(timestamp), 4);
  Buffer.from(signature).copy(bytes, 12);
  return `${SIGNATURE_PREFIX}${cosigner.name} ${encodeBase64(bytes)}\n`;
}

/** A signed note with one more signature line. */
export function addSignatureLine(note: string, line: string): string {
  parseNote(note);
  return `${note}${line}`;
}

/** A verified cosignature: who, and the time it states. */
export interface VerifiedCosignature {
  readonly name: string;
  readonly keyId: string;
  readonly timestamp: number;
  /** The signature line as it stands in the note. */
  readonly line: string;
}

/**
 * The cosignatures of a note by the given cosigners, verified. Lines of other keys are ignored; a
 * line of a known cosigner that does not verify throws LedgerError('invalid_signature').
 */
export function verifyCosignatures(note: string, verifiers: readonly CosignatureVerifier[]): VerifiedCosignature[] {
  const { text, signatures } = parseNote(note);
  const out: VerifiedCosignature[] = [];
  for (const sig of signatures) {
    const v = verifiers.find((x) => x.name === sig.name && x.keyId === sig.keyId);
    if (v === undefined) continue;
    const id = `${sig.name}+${formatKeyId(sig.keyId)}`;
    if (sig.signature.length !== 8 + 64)
      throw new LedgerError('invalid_signature', `cosignature of ${id} is not timestamped Ed25519`);
    const ts = Buffer.from(sig.signature.subarray(0, 8)).readBigUInt64BE(0);
    if (ts > BigInt(Number.MAX_SAFE_INTEGER))
      throw new LedgerError('invalid_signature', `cosignature of ${id} has no valid time`);
    const timestamp = Number(ts);
    if (!v.verify(cosignedMessage(text, timestamp), sig.signature.subarray(8)))
      throw new LedgerError('invalid_signature', `invalid cosignature for key ${id}`);
    const bytes = Buffer.alloc(4 + sig.signature.length);
    bytes.writeUInt32BE(sig.keyId, 0);
    Buffer.from(sig.signature).copy(bytes, 4);
    out.push({
      name: sig.name,
      keyId: formatKeyId(sig.keyId),
      timestamp,
      line: `${SIGNATURE_PREFIX}${sig.name} ${encodeBase64(bytes)}\n`,
    });
  }
  return out;
}
