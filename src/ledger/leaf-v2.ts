/**
 * Leaf format 2: one public shape for every event, and one commitment per field.
 *
 * A leaf is the RFC 8785 canonical JSON of
 *
 *   { "c": base64 SHA-256, "pad": "  …", "r": record | null, "seq": index, "v": 2 }
 *
 * padded with spaces in `pad` to a multiple of LEAF_V2_BLOCK bytes, so that every leaf without a
 * record has the same members and the same size whatever its event, and so has every record leaf of
 * a given size class. `r` (the report record) holds only what a transparency report counts, for
 * the few event types that have a row in RECORD_FIELDS (leaf-projection.ts); it is null for every
 * other event and for every event of a sealed (national-security) demand. There is no time: a
 * record carries the day a report needs (`receivedOn`).
 *
 * `c` commits to every field of the event, record fields included: "type", "time" (the exact
 * time), "actor", "demandId", and "payload.<name>" for each payload member ("payload" when the
 * payload is not an object). Each field has its own salt, derived from the event's 32-byte secret:
 *
 *   salt(name, element) = HMAC-SHA256(secret, canonical JSON of [name, element])
 *   commitment          = SHA-256(salt ‖ canonical JSON of [name, value])
 *
 * with `element` null for a plain field and the position for each element of a list (a list is
 * committed element by element, so one element can be opened alone). Then
 *
 *   c = SHA-256("writ-leaf/2" ‖ 0x00 ‖ the commitments, sorted bytewise, concatenated)
 *
 * A proof hands out the sorted commitments (which reveal nothing without salts) and, for each
 * field the caller may see, its value and its own salt. The secret never leaves the server, so a
 * salt opens exactly one field: guessing another field's value needs that field's salt.
 *
 * Commitments are computed with node:crypto's one-shot `hash()` over scratch buffers (HMAC written
 * out as its two hashes), because verification recomputes every leaf of the log.
 */
import { hash } from 'node:crypto';
import { encodeBase64, decodeBase64 } from './base64.ts';
import { canonicalJson } from './canonical-json.ts';
import { fastCanonicalJson } from './canonical-fast.ts';
import { LedgerError } from './errors.ts';
import { SALT_SIZE } from './leaf-constants.ts';
import type { LeafSource } from './leaf-encoder.ts';
import { recordFieldsOf } from './leaf-projection.ts';

/** The format number in `v`. */
export const LEAF_V2 = 2;
/** Every leaf's size is a multiple of this many bytes; a leaf without a record is exactly this. */
export const LEAF_V2_BLOCK = 512;
const LEAF_DOMAIN = Buffer.from('writ-leaf/2\u0000', 'latin1');

/** One committed field, or one element of a committed list. */
export interface FieldOpening {
  readonly name: string;
  /** The element's position in a list; null for a plain field. */
  readonly element: number | null;
  readonly value: unknown;
}

/** A parsed leaf of format 2. */
export interface LedgerLeafV2 {
  readonly v: 2;
  readonly seq: number;
  /** Base64 of the commitment to every field. */
  readonly c: string;
  readonly pad: string;
  /** The report record, or null. Its `event` member names the event type. */
  readonly r: Readonly<Record<string, unknown>> | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function canonical(value: unknown): string {
  return fastCanonicalJson(value) ?? canonicalJson(value);
}

/** Every field of an event as committed, lists element by element. */
export function eventFields(src: LeafSource): FieldOpening[] {
  const out: FieldOpening[] = [];
  const add = (name: string, value: unknown) => {
    if (Array.isArray(value)) value.forEach((v: unknown, i) => out.push({ name, element: i, value: v }));
    else out.push({ name, element: null, value });
  };
  add('type', src.type);
  add('time', src.time);
  add('actor', src.actor);
  if (src.demandId !== null) add('demandId', src.demandId);
  if (isRecord(src.payload)) {
    for (const [field, value] of Object.entries(src.payload)) if (value !== undefined) add(`payload.${field}`, value);
  } else add('payload', src.payload);
  return out;
}

/** Buffer's unchecked writers, which skip write()'s argument handling (it costs as much as a short hash). */
type RawWriter = { utf8Write(s: string, offset: number): number; latin1Write(s: string, offset: number): number };
const raw = (b: Buffer) => b as unknown as RawWriter;

// Scratch buffers: hashing is synchronous, so one set serves every call.
const BLOCK = 64;
const ipad = Buffer.alloc(BLOCK);
const opad = Buffer.alloc(BLOCK + 32);
let scratch = Buffer.alloc(BLOCK + 16 * 1024);

function room(bytes: number): void {
  if (scratch.length < bytes) scratch = Buffer.alloc(bytes * 2);
}

function keyed(secret: Uint8Array): void {
  if (secret.length !== SALT_SIZE) throw new LedgerError('invalid_argument', `a leaf secret is ${SALT_SIZE} bytes`);
  for (let i = 0; i < BLOCK; i++) {
    const k = i < SALT_SIZE ? secret[i]! : 0;
    ipad[i] = k ^ 0x36;
    opad[i] = k ^ 0x5c;
  }
}

/** HMAC-SHA256 under the key last given to keyed(), of `text`'s UTF-8; 32 bytes written to opad's tail. */
function hmacInto(text: string): void {
  room(BLOCK + text.length * 3);
  scratch.set(ipad, 0);
  const n = raw(scratch).utf8Write(text, BLOCK);
  const inner = hash('sha256', new Uint8Array(scratch.buffer, scratch.byteOffset, BLOCK + n), 'buffer') as Buffer;
  inner.copy(opad, BLOCK);
}

/** The commitment (latin1 digest string) of one field under the key last given to keyed(). */
function commitField(f: FieldOpening): string {
  hmacInto(canonical([f.name, f.element]));
  const salt = hash('sha256', opad, 'buffer') as Buffer;
  const text = canonical([f.name, f.value]);
  room(SALT_SIZE + text.length * 3);
  salt.copy(scratch, 0);
  const n = raw(scratch).utf8Write(text, SALT_SIZE);
  return hash('sha256', new Uint8Array(scratch.buffer, scratch.byteOffset, SALT_SIZE + n), 'binary');
}

/** The salt of one field of an event: what a proof hands out to open that field alone. */
export function fieldSalt(secret: Uint8Array, name: string, element: number | null): Uint8Array {
  keyed(secret);
  hmacInto(canonical([name, element]));
  return new Uint8Array(hash('sha256', opad, 'buffer') as Buffer);
}

/** SHA-256(salt ‖ canonical JSON of [name, value]): a field's commitment from its opening. */
export function openingCommitment(salt: Uint8Array, name: string, value: unknown): Uint8Array {
  if (salt.length !== SALT_SIZE) throw new LedgerError('invalid_argument', `a field salt is ${SALT_SIZE} bytes`);
  const text = Buffer.from(canonical([name, value]), 'utf8');
  return new Uint8Array(hash('sha256', Buffer.concat([salt, text]), 'buffer') as Buffer);
}

/** The sorted commitments of every field of an event (latin1 digest strings). */
function sortedCommitments(src: LeafSource, secret: Uint8Array): string[] {
  keyed(secret);
  const out = eventFields(src).map(commitField);
  out.sort();
  return out;
}

/** The sorted commitments of every field, as bytes: what a proof hands out beside the openings. */
export function fieldCommitments(src: LeafSource, secret: Uint8Array): Uint8Array[] {
  return sortedCommitments(src, secret).map((d) => new Uint8Array(Buffer.from(d, 'latin1')));
}

/** c: SHA-256 of the domain tag and the sorted commitments. */
export function leafCommitment(sorted: readonly Uint8Array[]): Uint8Array {
  return new Uint8Array(hash('sha256', Buffer.concat([LEAF_DOMAIN, ...sorted]), 'buffer') as Buffer);
}

function commitmentText(sorted: readonly string[]): string {
  const body = sorted.join('');
  room(LEAF_DOMAIN.length + body.length);
  LEAF_DOMAIN.copy(scratch, 0);
  const n = raw(scratch).latin1Write(body, LEAF_DOMAIN.length);
  return hash('sha256', new Uint8Array(scratch.buffer, scratch.byteOffset, LEAF_DOMAIN.length + n), 'base64');
}

/** The report record of an event, or null (sealed, or a type reports do not count). */
export function reportRecord(src: LeafSource, sealed: boolean): Record<string, unknown> | null {
  const fields = sealed ? undefined : recordFieldsOf(src.type);
  if (fields === undefined) return null;
  const out: Record<string, unknown> = { event: src.type };
  const payload = isRecord(src.payload) ? src.payload : {};
  for (const f of fields) if (Object.hasOwn(payload, f) && payload[f] !== undefined) out[f] = payload[f];
  return out;
}

/** The padding that makes a leaf of `bytes` bytes (with an empty pad) a multiple of the block. */
function padFor(bytes: number): string {
  const size = Math.max(LEAF_V2_BLOCK, Math.ceil(bytes / LEAF_V2_BLOCK) * LEAF_V2_BLOCK);
  return ' '.repeat(size - bytes);
}

/** The canonical text of the format-2 leaf of an event at index `seq`. */
export function encodeLeafV2Text(seq: number, src: LeafSource, secret: Uint8Array, sealed: boolean): string {
  const c = commitmentText(sortedCommitments(src, secret));
  const record = reportRecord(src, sealed);
  const r = record === null ? 'null' : canonical(record);
  const head = `{"c":"${c}","pad":"`;
  const tail = `","r":${r},"seq":${seq},"v":${LEAF_V2}}`;
  const bytes = head.length + Buffer.byteLength(tail, 'utf8');
  return `${head}${padFor(bytes)}${tail}`;
}

function malformed(message: string): never {
  throw new LedgerError('invalid_argument', `malformed leaf: ${message}`);
}

/** The shape checks of a format-2 leaf, on a value already known to be the leaf's canonical JSON. */
export function checkedLeafV2(value: Record<string, unknown>, byteLength: number): LedgerLeafV2 {
  const { c, pad, r, seq } = value;
  if (Object.keys(value).length !== 5) malformed('unexpected members');
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) malformed('seq is not a leaf index');
  if (typeof c !== 'string' || decodeBase64(c)?.length !== 32) malformed('c is not a base64 SHA-256');
  if (typeof pad !== 'string' || !/^ *$/.test(pad)) malformed('pad is not spaces');
  if (r !== null && !(isRecord(r) && typeof r.event === 'string')) malformed('r is neither null nor a record');
  if (byteLength % LEAF_V2_BLOCK !== 0 || pad.length !== padFor(byteLength - pad.length).length)
    malformed('the leaf is not padded to its size');
  return value as unknown as LedgerLeafV2;
}

/**
 * True when the openings (each with its own salt) and the sorted commitments a proof hands out
 * make the leaf's `c`, and each opening's commitment is among them.
 */
export function checkOpenings(
  leaf: LedgerLeafV2,
  commitments: readonly Uint8Array[],
  openings: readonly { name: string; value: unknown; salt: Uint8Array }[],
): boolean {
  const sorted = [...commitments].sort((a, b) => Buffer.compare(a, b));
  if (encodeBase64(leafCommitment(sorted)) !== leaf.c) return false;
  const known = new Set(sorted.map((x) => encodeBase64(x)));
  return openings.every((o) => known.has(encodeBase64(openingCommitment(o.salt, o.name, o.value))));
}
