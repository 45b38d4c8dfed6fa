/**
 * The fast way to a leaf's bytes, for the sequencer and for verification, which rebuilds every
 * leaf of the log. It writes the same canonical JSON as leafBytes(buildLeaf(…)) in leaf.ts, which
 * stays the definition (and what the tests compare this against), but without building the leaf
 * object and running the general canonical writer over it:
 *
 * - the leaf's own members are written in their canonical order directly; only payload values go
 *   through the canonical writer (its fast path, canonical-fast.ts);
 * - each commitment is one call to node:crypto's one-shot hash over a scratch buffer that already
 *   holds the salt, instead of a Hash object with two updates and a digest per commitment.
 *
 * Whenever a value is outside what the fast path handles, it returns undefined and the caller
 * falls back to the general code, which writes the same bytes or throws its precise error.
 */
import { createHash, hash } from 'node:crypto';
import { fastCanonicalJson, fastJsonString } from './canonical-fast.ts';
import { LEAF_VERSION, SALT_SIZE, SEALED_TYPE } from './leaf-constants.ts';
import { publicFieldsOf } from './leaf-projection.ts';

/** What a leaf is made of, with the event's time already in ISO form. */
export interface LeafSource {
  readonly demandId: string | null;
  readonly type: string;
  readonly payload: unknown;
  readonly actor: string;
  readonly time: string;
}

/** Commitment texts up to this many bytes are hashed from the scratch buffer. */
const SCRATCH_TEXT = 16 * 1024;
const scratch = Buffer.alloc(SALT_SIZE + SCRATCH_TEXT);

interface Projection {
  /** The public fields in canonical order, with their names as JSON strings. */
  readonly ordered: readonly { field: string; json: string }[];
  readonly shown: ReadonlySet<string>;
}

/** Per event type, computed once: the projection table never changes while Writ runs. */
const projections = new Map<string, Projection>();

function projectionOf(type: string): Projection {
  let p = projections.get(type);
  if (p === undefined) {
    const fields = publicFieldsOf(type);
    p = {
      ordered: [...fields].sort().map((field) => ({ field, json: JSON.stringify(field) })),
      shown: new Set(fields),
    };
    projections.set(type, p);
  }
  return p;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** hex SHA-256(salt ‖ UTF-8(text)); the salt is already in the scratch buffer. */
function commitText(salt: Uint8Array, text: string): string {
  // A UTF-16 code unit is at most three UTF-8 bytes, so this bound guarantees the text fits.
  if (text.length * 3 > SCRATCH_TEXT) return createHash('sha256').update(salt).update(text, 'utf8').digest('hex');
  // utf8Write and a plain view skip the argument handling of write() and subarray(), which cost
  // as much as the hash of a commitment this short.
  const n = (scratch as unknown as { utf8Write(s: string, offset: number): number }).utf8Write(text, SALT_SIZE);
  return hash('sha256', new Uint8Array(scratch.buffer, scratch.byteOffset, SALT_SIZE + n), 'hex');
}

/**
 * The hidden member for a name: its commitment, or for a list the sorted commitments of its
 * elements. Undefined when a value needs the general writer.
 */
function hiddenMember(salt: Uint8Array, jsonName: string, value: unknown): string | undefined {
  if (!Array.isArray(value)) {
    const v = fastCanonicalJson(value);
    return v === undefined ? undefined : `"${commitText(salt, `[${jsonName},${v}]`)}"`;
  }
  if (value.length === 0) return '[]';
  const commitments: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const v = fastCanonicalJson(value[i]);
    if (v === undefined) return undefined;
    commitments.push(commitText(salt, `[${jsonName},${v}]`));
  }
  commitments.sort();
  return `["${commitments.join('","')}"]`;
}

/** A commitment name with its JSON text. */
interface Name {
  readonly name: string;
  readonly json: string;
}

const DEMAND_ID: Name = { name: 'demandId', json: '"demandId"' };
const ACTOR: Name = { name: 'actor', json: '"actor"' };
const TYPE: Name = { name: 'type', json: '"type"' };
const PAYLOAD: Name = { name: 'payload', json: '"payload"' };

/** "payload.<field>" names by field; payload fields come from a small vocabulary, so this stays small. */
const payloadNames = new Map<string, Name | null>();
const MAX_CACHED_NAMES = 10_000;

function payloadName(field: string): Name | null {
  let n = payloadNames.get(field);
  if (n === undefined) {
    const name = `payload.${field}`;
    const json = fastJsonString(name);
    n = json === undefined ? null : { name, json };
    if (payloadNames.size < MAX_CACHED_NAMES) payloadNames.set(field, n);
  }
  return n;
}

/** The hidden members of the leaf being written, reused from leaf to leaf. */
const names: Name[] = [];
const values: unknown[] = [];

function hide(name: Name, value: unknown): void {
  // Insertion sort by name (UTF-16 code units, as RFC 8785 orders members): a leaf hides a handful.
  let i = names.length;
  names.push(name);
  values.push(value);
  while (i > 0 && names[i - 1]!.name > name.name) {
    names[i] = names[i - 1]!;
    values[i] = values[i - 1];
    i -= 1;
  }
  names[i] = name;
  values[i] = value;
}

/**
 * Canonical JSON text of the leaf at `seq` (see leaf.ts for the layout), or undefined when the
 * general path must build it. The caller has checked the salt's size and the index.
 */
export function fastLeafText(seq: number, src: LeafSource, salt: Uint8Array, sealed: boolean): string | undefined {
  if (salt.length !== SALT_SIZE) return undefined;
  scratch.set(salt, 0);
  names.length = 0;
  values.length = 0;
  // The hidden values by commitment name, as hiddenValues() in leaf.ts lists them.
  if (src.demandId !== null) hide(DEMAND_ID, src.demandId);
  hide(ACTOR, src.actor);
  if (sealed) hide(TYPE, src.type);
  const payload = src.payload;
  const record = isRecord(payload);
  const projection = projectionOf(src.type);
  if (!record) hide(PAYLOAD, payload);
  else {
    for (const field in payload) {
      if (!Object.hasOwn(payload, field) || (!sealed && projection.shown.has(field))) continue;
      const name = payloadName(field);
      if (name === null) return undefined;
      hide(name, payload[field]);
    }
  }
  let hidden = '';
  for (let i = 0; i < names.length; i++) {
    const member = hiddenMember(salt, names[i]!.json, values[i]);
    if (member === undefined) return undefined;
    hidden += i === 0 ? `${names[i]!.json}:${member}` : `,${names[i]!.json}:${member}`;
  }
  let shown = '';
  if (!sealed && record) {
    for (const { field, json } of projection.ordered) {
      if (!Object.hasOwn(payload, field)) continue;
      const v = fastCanonicalJson(payload[field]);
      if (v === undefined) return undefined;
      shown += shown === '' ? `${json}:${v}` : `,${json}:${v}`;
    }
  }
  const time = fastJsonString(src.time);
  const type = fastJsonString(sealed ? SEALED_TYPE : src.type);
  if (time === undefined || type === undefined) return undefined;
  // Members of the leaf in canonical order: hidden, public, seq, time, type, v.
  return `{"hidden":{${hidden}},"public":{${shown}},"seq":${seq},"time":${time},"type":${type},"v":${LEAF_VERSION}}`;
}
