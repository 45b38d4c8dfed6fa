/**
 * The content of a ledger leaf: the RFC 8785 canonical JSON of
 *
 *   { v, seq, time, type, public: {…}, hidden: {…} }
 *
 * `seq` is the leaf index and `time` the event's time, so a leaf cannot be moved or re-dated.
 * `public` holds the payload fields a transparency report needs (leaf-projection.ts). Everything
 * else about the event (its demand, the actor, every other payload field) is in `hidden` as a
 * salted commitment: hex SHA-256(salt ‖ canonical JSON of [name, value]), with one 32-byte random
 * salt per event kept out of the public log. Array values are committed element by element and the
 * commitments sorted, so a customer given the salt can show that its own id is among a demand's
 * customers without learning the others'. Leaves of national-security process are sealed: their
 * type is hidden too and nothing is public.
 *
 * The bytes are a pure function of (seq, event, salt, sealed): verification recomputes every leaf
 * from the stored event row and salt and compares.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, canonicalJsonBytes } from './canonical-json.ts';
import { LedgerError } from './errors.ts';
import { LEAF_VERSION, SALT_SIZE, SEALED_TYPE } from './leaf-constants.ts';
import { type LeafSource, fastLeafText } from './leaf-encoder.ts';
import { publicFieldsOf } from './leaf-projection.ts';
import { LEAF_V2, type LedgerLeafV2, checkedLeafV2, encodeLeafV2Text } from './leaf-v2.ts';
import { decodeUtf8, encodeUtf8 } from './text.ts';

export { LEAF_VERSION, SALT_SIZE, SEALED_TYPE };

/**
 * The leaf formats: 1 (leaves written before format 2, which name their hidden fields and show the
 * time; verified as written) and 2 (leaf-v2.ts), which the sequencer writes.
 */
export type LeafFormat = 1 | 2;
/** The format the sequencer writes. */
export const CURRENT_LEAF_FORMAT: LeafFormat = LEAF_V2;

/** A parsed leaf of either format. */
export type AnyLeaf = LedgerLeaf | LedgerLeafV2;

/**
 * The format of stored leaf bytes, read from their last member (`"v":1}` or `"v":2}`): a leaf is
 * recomputed under the format it was written in. Choosing the wrong one can only make the rebuilt
 * bytes differ, which verification reports.
 */
export function leafFormatOf(leaf: Uint8Array): LeafFormat {
  const n = leaf.length;
  return n >= 2 && leaf[n - 1] === 0x7d && leaf[n - 2] === 0x31 ? 1 : 2;
}

/** What a report reads of a leaf: the event type it shows (or "none") and its public fields. */
export interface ReportView {
  readonly seq: number;
  readonly type: string;
  readonly public: Readonly<Record<string, unknown>>;
}

/** The report view of a leaf of either format. */
export function reportView(leaf: AnyLeaf): ReportView {
  if (!('r' in leaf)) return leaf;
  const r = leaf.r;
  return { seq: leaf.seq, type: r === null ? 'none' : String(r.event), public: r ?? {} };
}

/** The parts of a stored event a leaf is made from. */
export interface LedgerEvent {
  readonly demandId: string | null;
  readonly type: string;
  readonly payload: unknown;
  /** The actor label as stored, e.g. "staff:…". */
  readonly actor: string;
  readonly occurredAt: Date;
}

/** A parsed leaf. */
export interface LedgerLeaf {
  readonly v: number;
  readonly seq: number;
  readonly time: string;
  readonly type: string;
  readonly public: Readonly<Record<string, unknown>>;
  readonly hidden: Readonly<Record<string, string | readonly string[]>>;
}

function requireSalt(salt: Uint8Array): void {
  if (salt.length !== SALT_SIZE) throw new LedgerError('invalid_argument', `a leaf salt is ${SALT_SIZE} bytes`);
}

/** The commitment to `value` under `name`: hex SHA-256(salt ‖ UTF-8 canonical JSON of [name, value]). */
export function commitment(salt: Uint8Array, name: string, value: unknown): string {
  requireSalt(salt);
  // Streamed into one hash rather than concatenated: verification computes millions of these.
  return createHash('sha256')
    .update(salt)
    .update(canonicalJson([name, value]), 'utf8')
    .digest('hex');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The values a leaf hides, by commitment name: "demandId" (when the event has a demand), "actor",
 * "type" (sealed leaves only) and "payload.<field>" for each payload field not shown in public.
 */
export function hiddenValues(event: LedgerEvent, sealed: boolean): Map<string, unknown> {
  const hidden = new Map<string, unknown>();
  if (event.demandId !== null) hidden.set('demandId', event.demandId);
  hidden.set('actor', event.actor);
  if (sealed) hidden.set('type', event.type);
  if (!isRecord(event.payload)) {
    hidden.set('payload', event.payload);
    return hidden;
  }
  const shown = new Set(sealed ? [] : publicFieldsOf(event.type));
  for (const [field, value] of Object.entries(event.payload)) {
    if (!shown.has(field)) hidden.set(`payload.${field}`, value);
  }
  return hidden;
}

function publicValues(event: LedgerEvent, sealed: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (sealed || !isRecord(event.payload)) return out;
  for (const field of publicFieldsOf(event.type)) {
    if (Object.hasOwn(event.payload, field)) out[field] = event.payload[field];
  }
  return out;
}

function requireIndex(seq: number): void {
  if (!Number.isSafeInteger(seq) || seq < 0)
    throw new LedgerError('invalid_argument', `leaf index ${seq} is not a natural number`);
}

/** The leaf for `event` at index `seq`. */
export function buildLeaf(seq: number, event: LedgerEvent, salt: Uint8Array, sealed: boolean): LedgerLeaf {
  requireSalt(salt);
  requireIndex(seq);
  const hidden: Record<string, string | string[]> = {};
  for (const [name, value] of hiddenValues(event, sealed)) {
    hidden[name] = Array.isArray(value)
      ? value.map((v: unknown) => commitment(salt, name, v)).sort()
      : commitment(salt, name, value);
  }
  return {
    v: LEAF_VERSION,
    seq,
    time: event.occurredAt.toISOString(),
    type: sealed ? SEALED_TYPE : event.type,
    public: publicValues(event, sealed),
    hidden,
  };
}

/** The leaf's bytes: what is hashed into the tree. */
export function leafBytes(leaf: LedgerLeaf): Uint8Array {
  return canonicalJsonBytes(leaf);
}

/**
 * The text of leafBytes(buildLeaf(…)) for an event whose time is already in ISO form, through the
 * fast encoder when it can (leaf-encoder.ts), else through buildLeaf. Throws as buildLeaf does.
 */
export function encodeLeafText(
  seq: number,
  src: LeafSource,
  salt: Uint8Array,
  sealed: boolean,
  occurredAt?: () => Date,
  format: LeafFormat = CURRENT_LEAF_FORMAT,
): string {
  requireSalt(salt);
  requireIndex(seq);
  if (format === LEAF_V2) return encodeLeafV2Text(seq, src, salt, sealed);
  let text: string | undefined;
  try {
    text = fastLeafText(seq, src, salt, sealed);
  } catch {
    text = undefined; // the general path below decides, and throws its own error if it must
  }
  if (text !== undefined) return text;
  const event: LedgerEvent = {
    demandId: src.demandId,
    type: src.type,
    payload: src.payload,
    actor: src.actor,
    occurredAt: occurredAt ? occurredAt() : new Date(src.time),
  };
  return canonicalJson(buildLeaf(seq, event, salt, sealed));
}

/** The event as the leaf encoders take it (time in ISO form). */
export function leafSource(event: LedgerEvent): LeafSource {
  return {
    demandId: event.demandId,
    type: event.type,
    payload: event.payload,
    actor: event.actor,
    time: event.occurredAt.toISOString(),
  };
}

/** The leaf bytes of an event in a format (format 1: buildLeaf and leafBytes in one step). */
export function encodeLeaf(
  seq: number,
  event: LedgerEvent,
  salt: Uint8Array,
  sealed: boolean,
  format: LeafFormat = CURRENT_LEAF_FORMAT,
): Uint8Array {
  return encodeUtf8(encodeLeafText(seq, leafSource(event), salt, sealed, () => event.occurredAt, format));
}

function malformed(message: string): never {
  throw new LedgerError('invalid_argument', `malformed leaf: ${message}`);
}

/**
 * Parses leaf bytes, strictly: valid UTF-8, canonical JSON (so the bytes are the only encoding of
 * the leaf), a known version and the expected members.
 */
export function parseLeaf(bytes: Uint8Array): AnyLeaf {
  const text = decodeUtf8(bytes);
  if (text === undefined) malformed('not UTF-8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    malformed('not JSON');
  }
  if (canonicalJson(value) !== text) malformed('not in canonical form');
  return checkedLeaf(value, bytes.length);
}

/** True when every object in `value` has its members in RFC 8785 order (UTF-16 code units). */
function membersSorted(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) return value.every(membersSorted);
  let previous: string | undefined;
  for (const name in value) {
    if (previous !== undefined && !(previous < name)) return false;
    previous = name;
    if (!membersSorted((value as Record<string, unknown>)[name])) return false;
  }
  return true;
}

/**
 * parseLeaf for bytes that are the UTF-8 encoding of `text` (an export holds leaves as text): the
 * same result, or the same error, without decoding the bytes again or rewriting the value in JS.
 *
 * JSON.stringify of what JSON.parse read gives back the text exactly when the text has no
 * whitespace, writes numbers and strings as JSON.stringify does (which is RFC 8785's form) and
 * lists members in the order JavaScript enumerates them; if those members are also sorted, the
 * text is canonical. Text that escapes a surrogate (a lone one would be refused), and anything
 * this does not settle, takes the general path.
 */
export function parseLeafText(text: string, bytes: Uint8Array): AnyLeaf {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return parseLeaf(bytes);
  }
  if (!text.includes('\\ud') && JSON.stringify(value) === text && membersSorted(value))
    return checkedLeaf(value, bytes.length);
  return parseLeaf(bytes);
}

/** The shape checks of parseLeaf, on a value already known to be the leaf's canonical JSON. */
function checkedLeaf(value: unknown, byteLength: number): AnyLeaf {
  if (!isRecord(value)) malformed('not an object');
  if (value.v === LEAF_V2) return checkedLeafV2(value, byteLength);
  const { v, seq, time, type, public: shown, hidden } = value;
  if (v !== LEAF_VERSION) malformed(`unknown version ${JSON.stringify(v)}`);
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) malformed('seq is not a leaf index');
  if (typeof time !== 'string' || typeof type !== 'string') malformed('time and type must be strings');
  if (!isRecord(shown) || !isRecord(hidden)) malformed('public and hidden must be objects');
  if (Object.keys(value).length !== 6) malformed('unexpected members');
  for (const c of Object.values(hidden)) {
    const ok = typeof c === 'string' || (Array.isArray(c) && c.every((x) => typeof x === 'string'));
    if (!ok) malformed('a commitment is not a string or a list of strings');
  }
  return value as unknown as LedgerLeaf;
}

/**
 * True when `value` opens the commitment `name` of the leaf with this salt: for a committed list,
 * when `value` is one of its elements.
 */
export function opensCommitment(leaf: LedgerLeaf, salt: Uint8Array, name: string, value: unknown): boolean {
  const committed = leaf.hidden[name];
  if (committed === undefined) return false;
  const c = commitment(salt, name, value);
  return typeof committed === 'string' ? committed === c : committed.includes(c);
}

/** Leaf text as stored bytes (canonical JSON is valid UTF-8 by construction). */
export function leafText(bytes: Uint8Array): string {
  const text = decodeUtf8(bytes);
  if (text === undefined) malformed('not UTF-8');
  return text;
}

/** Bytes of leaf text. */
export function leafTextBytes(text: string): Uint8Array {
  return encodeUtf8(text);
}
