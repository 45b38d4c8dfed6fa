/**
 * Signed notes (c2sp.org/signed-note): a UTF-8 text ending in a newline, a blank line, then one or
 * more lines "— <key name> <base64(4-byte key ID ‖ signature)>". The signature covers the text
 * including its final newline. Verification follows the spec: signatures from unknown keys are
 * ignored, every signature from a known key must verify, and at least one must.
 */
import { decodeBase64, encodeBase64 } from './base64.ts';
import { LedgerError } from './errors.ts';
import { type NoteSigner, type NoteVerifier, formatKeyId, isValidKeyName } from './note-keys.ts';
import { decodeUtf8, encodeUtf8, hasControlCharacterOtherThanNewline, hasLoneSurrogate } from './text.ts';

/** Most signature lines a note may carry; the spec requires accepting at least 16. */
export const MAX_NOTE_SIGNATURES = 100;

const SIGNATURE_PREFIX = '\u2014 '; // em dash, space
const KEY_ID_SIZE = 4;

/** One signature line of a note. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** The signature bytes, without the leading key ID. */
  readonly signature: Uint8Array;
}

/** A note split into its text and signature lines, nothing verified. */
export interface ParsedNote {
  /** The signed text, ending in a newline. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/** A note with at least one signature from a trusted key. */
export interface VerifiedNote {
  readonly text: string;
  /** Valid signatures from the trusted keys, one per key. */
  readonly verified: readonly NoteSignature[];
  /** Signatures from keys the caller did not list, not checked. */
  readonly unverified: readonly NoteSignature[];
}

function malformed(message: string): never {
  throw new LedgerError('malformed_note', message);
}

/** Decodes and checks the characters of a whole note (or note text). */
function checkedText(input: string | Uint8Array, what: string): string {
  const text = typeof input === 'string' ? input : decodeUtf8(input);
  if (text === undefined || hasLoneSurrogate(text)) malformed(`${what} is not valid UTF-8`);
  if (hasControlCharacterOtherThanNewline(text)) malformed(`${what} contains a control character other than newline`);
  return text;
}

function signatureLine(signature: NoteSignature): string {
  const bytes = new Uint8Array(KEY_ID_SIZE + signature.signature.length);
  new DataView(bytes.buffer).setUint32(0, signature.keyId, false);
  bytes.set(signature.signature, KEY_ID_SIZE);
  return `${SIGNATURE_PREFIX}${signature.name} ${encodeBase64(bytes)}\n`;
}

function identity(name: string, keyId: number): string {
  return `${name}+${formatKeyId(keyId)}`;
}

/**
 * Signs `text` with each signer and returns the signed note. The text must end in a newline and
 * be free of control characters other than newline.
 */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  checkedText(text, 'note text');
  if (!text.endsWith('\n')) malformed('note text must end with a newline');
  if (signers.length === 0) throw new LedgerError('invalid_argument', 'a note needs at least one signer');
  if (signers.length > MAX_NOTE_SIGNATURES) throw new LedgerError('invalid_argument', 'too many signers');
  const seen = new Set<string>();
  const message = encodeUtf8(text);
  const lines = signers.map((signer) => {
    if (!isValidKeyName(signer.name)) {
      throw new LedgerError('malformed_key', `invalid key name ${JSON.stringify(signer.name)}`);
    }
    const id = identity(signer.name, signer.keyId);
    if (seen.has(id)) throw new LedgerError('invalid_argument', `key ${id} listed twice`);
    seen.add(id);
    return signatureLine({ name: signer.name, keyId: signer.keyId, signature: signer.sign(message) });
  });
  return `${text}\n${lines.join('')}`;
}

/** Splits a signed note into text and signature lines, checking only the syntax. */
export function parseNote(message: string | Uint8Array): ParsedNote {
  const note = checkedText(message, 'note');
  // The text may itself contain blank lines; the last blank line starts the signatures.
  const split = note.lastIndexOf('\n\n');
  if (split < 0) malformed('note has no blank line before its signatures');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) malformed('signature lines must end with a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) malformed(`note has more than ${MAX_NOTE_SIGNATURES} signatures`);
  const signatures = lines.map((line) => {
    if (!line.startsWith(SIGNATURE_PREFIX)) malformed('signature line does not start with an em dash and a space');
    const rest = line.slice(SIGNATURE_PREFIX.length);
    const space = rest.indexOf(' ');
    const name = space < 0 ? rest : rest.slice(0, space);
    const bytes = space < 0 ? undefined : decodeBase64(rest.slice(space + 1));
    if (!isValidKeyName(name)) malformed(`invalid key name on a signature line`);
    if (bytes === undefined || bytes.length <= KEY_ID_SIZE) {
      malformed('signature is not base64 of a key ID and a signature');
    }
    const keyId = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, false);
    return { name, keyId, signature: bytes.subarray(KEY_ID_SIZE) };
  });
  return { text, signatures };
}

/**
 * Verifies a signed note against the keys the caller trusts and returns its text. Throws
 * LedgerError: 'malformed_note' for bad syntax, 'invalid_signature' when any signature from a
 * trusted key fails, 'unverified_note' when no trusted key signed it.
 */
export function verifyNote(message: string | Uint8Array, verifiers: readonly NoteVerifier[]): VerifiedNote {
  const known = new Map<string, NoteVerifier>();
  for (const v of verifiers) {
    const id = identity(v.name, v.keyId);
    // Two different keys under one name and ID would make the answer depend on list order.
    if (known.has(id) && known.get(id) !== v) throw new LedgerError('invalid_argument', `ambiguous key ${id}`);
    known.set(id, v);
  }
  const { text, signatures } = parseNote(message);
  const signed = encodeUtf8(text);
  const verified = new Map<string, NoteSignature>();
  const unverified = new Map<string, NoteSignature>();
  for (const sig of signatures) {
    const id = identity(sig.name, sig.keyId);
    const verifier = known.get(id);
    if (verifier === undefined) {
      unverified.set(`${id} ${encodeBase64(sig.signature)}`, sig);
      continue;
    }
    if (!verifier.verify(signed, sig.signature)) {
      throw new LedgerError('invalid_signature', `invalid signature for key ${id}`);
    }
    if (!verified.has(id)) verified.set(id, sig);
  }
  if (verified.size === 0) throw new LedgerError('unverified_note', 'note has no signature from a trusted key');
  return { text, verified: [...verified.values()], unverified: [...unverified.values()] };
}
