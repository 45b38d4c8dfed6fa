/**
 * Keys for signed notes (c2sp.org/signed-note) with Ed25519, signature type 0x01, in the text
 * formats of golang.org/x/mod/sumdb/note so keys can be exchanged with Go tooling:
 *
 *   verifier key  <name>+<8 hex digits key ID>+<base64(0x01 ‖ 32-byte public key)>
 *   signer key    PRIVATE+KEY+<name>+<8 hex digits key ID>+<base64(0x01 ‖ 32-byte seed)>
 *
 * key ID = first four bytes, big-endian, of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key).
 */
import { createPrivateKey, createPublicKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { decodeBase64, encodeBase64 } from './base64.ts';
import { LedgerError } from './errors.ts';
import { sha256 } from './hashing.ts';
import { encodeUtf8, hasControlCharacterOtherThanNewline, hasLoneSurrogate } from './text.ts';

/** Signature type byte for Ed25519 in the signed-note key ID and key encodings. */
export const ED25519_SIGNATURE_TYPE = 0x01;

const ED25519_KEY_SIZE = 32;
const ED25519_SIGNATURE_SIZE = 64;
/** DER header that turns a raw 32-byte Ed25519 seed into a PKCS#8 private key. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
/** DER header that turns a raw 32-byte Ed25519 public key into an SPKI public key. */
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PRIVATE_KEY_PREFIX = 'PRIVATE+KEY+';

/** Signs note texts with one key. */
export interface NoteSigner {
  /** Key name, as it appears on signature lines. */
  readonly name: string;
  /** 32-bit key ID. */
  readonly keyId: number;
  /** Signature over `message` (the note text as UTF-8), without the key ID. */
  sign(message: Uint8Array): Uint8Array;
}

/** Verifies note signatures made by one key. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  /** True when `signature` (without the key ID) is valid for `message`. */
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

/** A freshly generated key pair in its text encodings. */
export interface NoteKeyPair {
  /** Secret: anyone holding it can sign as this key. */
  readonly signerKey: string;
  /** Public: give to whoever verifies notes. */
  readonly verifierKey: string;
}

function malformed(message: string): never {
  throw new LedgerError('malformed_key', message);
}

// The White_Space characters Go's unicode.IsSpace accepts; JavaScript's \s differs slightly.
const UNICODE_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** A key name must be non-empty UTF-8 without Unicode spaces, '+' or control characters. */
export function isValidKeyName(name: string): boolean {
  return (
    name.length > 0 &&
    !UNICODE_SPACE.test(name) &&
    !name.includes('+') &&
    !hasControlCharacterOtherThanNewline(name) &&
    !hasLoneSurrogate(name)
  );
}

/** Key ID of a key: SHA-256(name ‖ 0x0A ‖ signature type ‖ public key), first 4 bytes big-endian. */
export function noteKeyId(name: string, signatureType: number, publicKey: Uint8Array): number {
  const nameBytes = encodeUtf8(name);
  const input = new Uint8Array(nameBytes.length + 2 + publicKey.length);
  input.set(nameBytes, 0);
  input[nameBytes.length] = 0x0a;
  input[nameBytes.length + 1] = signatureType;
  input.set(publicKey, nameBytes.length + 2);
  const digest = sha256(input);
  return ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
}

/** Eight lowercase hex digits, as key IDs are written in key strings. */
export function formatKeyId(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

function ed25519PrivateKey(seed: Uint8Array): KeyObject {
  if (seed.length !== ED25519_KEY_SIZE) malformed(`an Ed25519 seed is ${ED25519_KEY_SIZE} bytes`);
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

function ed25519PublicKey(publicKey: Uint8Array): KeyObject {
  if (publicKey.length !== ED25519_KEY_SIZE) malformed(`an Ed25519 public key is ${ED25519_KEY_SIZE} bytes`);
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]), format: 'der', type: 'spki' });
}

/** The raw 32-byte Ed25519 public key for a 32-byte seed. */
export function ed25519PublicKeyFromSeed(seed: Uint8Array): Uint8Array {
  const spki = createPublicKey(ed25519PrivateKey(seed)).export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(SPKI_ED25519_PREFIX.length));
}

function requireName(name: string): void {
  if (!isValidKeyName(name)) malformed(`invalid key name ${JSON.stringify(name)}`);
}

/** Verifier key string for an Ed25519 public key. */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  requireName(name);
  if (publicKey.length !== ED25519_KEY_SIZE) malformed(`an Ed25519 public key is ${ED25519_KEY_SIZE} bytes`);
  const keyId = noteKeyId(name, ED25519_SIGNATURE_TYPE, publicKey);
  const encoded = encodeBase64(Uint8Array.of(ED25519_SIGNATURE_TYPE, ...publicKey));
  return `${name}+${formatKeyId(keyId)}+${encoded}`;
}

/** Signer key string for an Ed25519 seed. Keep it secret. */
export function formatSignerKey(name: string, seed: Uint8Array): string {
  requireName(name);
  const keyId = noteKeyId(name, ED25519_SIGNATURE_TYPE, ed25519PublicKeyFromSeed(seed));
  const encoded = encodeBase64(Uint8Array.of(ED25519_SIGNATURE_TYPE, ...seed));
  return `${PRIVATE_KEY_PREFIX}${name}+${formatKeyId(keyId)}+${encoded}`;
}

/** Generates a new Ed25519 key pair for `name`. */
export function generateNoteKeyPair(name: string): NoteKeyPair {
  const seed = randomBytes(ED25519_KEY_SIZE);
  try {
    return {
      signerKey: formatSignerKey(name, seed),
      verifierKey: formatVerifierKey(name, ed25519PublicKeyFromSeed(seed)),
    };
  } finally {
    seed.fill(0);
  }
}

/** Splits `<name>+<key ID hex>+<base64 key>` and checks everything but the key ID. */
function splitKey(text: string): { name: string; keyId: number; key: Uint8Array } {
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (second < 0) malformed('a key has the form <name>+<key ID>+<key>');
  const name = text.slice(0, first);
  const hex = text.slice(first + 1, second);
  const key = decodeBase64(text.slice(second + 1));
  requireName(name);
  if (!/^[0-9a-fA-F]{8}$/.test(hex)) malformed('the key ID must be 8 hex digits');
  if (key === undefined || key.length === 0) malformed('the key is not canonical base64');
  if (key[0] !== ED25519_SIGNATURE_TYPE) malformed(`unsupported signature type ${key[0]}`);
  if (key.length !== 1 + ED25519_KEY_SIZE) malformed(`an Ed25519 key is ${ED25519_KEY_SIZE} bytes`);
  return { name, keyId: Number.parseInt(hex, 16), key: key.subarray(1) };
}

/** Parses a verifier key string and checks that its key ID matches its name and key. */
export function parseVerifierKey(vkey: string): NoteVerifier {
  const { name, keyId, key } = splitKey(vkey);
  if (keyId !== noteKeyId(name, ED25519_SIGNATURE_TYPE, key)) malformed('key ID does not match the name and key');
  const publicKey = ed25519PublicKey(key);
  return {
    name,
    keyId,
    verify: (message, signature) =>
      signature.length === ED25519_SIGNATURE_SIZE && verify(null, message, publicKey, signature),
  };
}

/** Parses a signer key string and checks that its key ID matches the derived public key. */
export function parseSignerKey(skey: string): NoteSigner {
  if (!skey.startsWith(PRIVATE_KEY_PREFIX)) malformed(`a signer key starts with ${PRIVATE_KEY_PREFIX}`);
  const { name, keyId, key } = splitKey(skey.slice(PRIVATE_KEY_PREFIX.length));
  const publicKey = ed25519PublicKeyFromSeed(key);
  if (keyId !== noteKeyId(name, ED25519_SIGNATURE_TYPE, publicKey)) malformed('key ID does not match the name and key');
  const privateKey = ed25519PrivateKey(key);
  return { name, keyId, sign: (message) => new Uint8Array(sign(null, message, privateKey)) };
}
