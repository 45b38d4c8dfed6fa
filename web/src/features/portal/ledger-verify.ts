/**
 * Checks, in the browser, that an event is in the provider's public ledger: the RFC 6962 leaf
 * hash of the leaf text, the RFC 9162 inclusion proof up to the root, the checkpoint that states
 * that root, signed (c2sp.org/signed-note, Ed25519) by the key the ledger publishes, with the
 * log's signed time (c2sp.org/tlog-cosignature) when it carries one; then what the leaf says of
 * the event: each field the proof opens is recomputed from its value and its own salt and must be
 * among the leaf's commitments, which must hash to the leaf's `c` (format 2, docs/LEDGER.md), or
 * must equal the leaf's commitment of that name under the event's salt (format 1).
 *
 * Written apart from the server's code on purpose: WebCrypto for SHA-256 and Ed25519, its own
 * RFC 8785 canonical JSON and base64, nothing shared, so that a fault (or a lie) on the server's
 * side cannot also pass here.
 */

/** One field a format-2 proof opens: its value and the salt of that field alone. */
export interface FieldOpening {
  name: string;
  /** The element's position in a committed list; null for a plain field. */
  element: number | null;
  value: unknown;
  salt: string;
}

export interface InclusionAnswer {
  index: number;
  eventId: string;
  treeSize: number;
  leaf: string;
  leafHash: string;
  proof: string[];
  rootHash: string;
  checkpoint: string | null;
  /** The format the server says the leaf has; the leaf's own `v` decides. */
  format?: number;
  /** Format 1: the event's one salt; null for format 2. */
  salt?: string | null;
  /** Format 1: the values behind the commitments the caller may see, by commitment name. */
  disclosed?: Record<string, unknown>;
  /** Format 2: every field's commitment (base64 SHA-256), sorted. */
  commitments?: string[] | null;
  /** Format 2: the fields the caller may see, each with its own salt. */
  openings?: FieldOpening[] | null;
}

export interface LedgerKey {
  origin: string;
  /** c2sp.org/signed-note verifier key: "<name>+<key id hex>+<base64(0x01 ‖ public key)>". */
  verifierKey: string;
}

/** What the step on the page says of its event; the opened fields must say the same. */
export interface ExpectedEvent {
  type?: string;
  /** ISO time. */
  time?: string;
  demandId?: string;
}

/** A field the leaf commits to, with its value, checked against the leaf (lists: the elements opened). */
export interface OpenedField {
  name: string;
  value: unknown;
}

export type Verdict =
  | {
      ok: true;
      treeSize: number;
      keyName: string;
      keyId: string;
      /** The leaf format (1 or 2). */
      format: number;
      /** When the log signed the checkpoint (ISO), from its signed time; null when it carries none. */
      signedAt: string | null;
      /** The root hash the signed checkpoint states (base64), for the consistency of later checks. */
      rootHash: string;
      opened: OpenedField[];
    }
  | { ok: false; reason: string };

const enc = new TextEncoder();

/** Ends the check with this reason: verifyInclusion answers it as the verdict. */
const fail = (reason: string): never => {
  throw new Error(reason);
};

/** Standard padded base64, strictly: only the one canonical encoding of the bytes is accepted. */
function fromBase64(s: string, what: string): Uint8Array {
  let bin: string;
  try {
    bin = atob(s);
  } catch {
    return fail(`${what} is not base64`);
  }
  if (btoa(bin) !== s) fail(`${what} is not canonical base64`);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const toHex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', concat(...parts)));
}

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Bytewise order, as the server sorts commitments. */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * RFC 8785 canonical JSON of a value as JSON.parse gives it: members sorted by UTF-16 code units
 * (JavaScript's default string order), numbers and strings as JSON.stringify writes them (which
 * is the form RFC 8785 prescribes), no whitespace. Throws on what has no canonical form.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : fail('a number is not finite');
  if (typeof value === 'string')
    return LONE_SURROGATE.test(value) ? fail('a string is not valid Unicode') : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const members = Object.keys(o)
      .sort()
      .map((k) => `${canonicalJson(k)}:${canonicalJson(o[k])}`);
    return `{${members.join(',')}}`;
  }
  return fail(`a ${typeof value} has no JSON form`);
}

/** RFC 6962 §2.1: the hash of a leaf is SHA-256(0x00 ‖ leaf). */
export const leafHash = (leaf: Uint8Array) => sha256(Uint8Array.of(0), leaf);
const nodeHash = (l: Uint8Array, r: Uint8Array) => sha256(Uint8Array.of(1), l, r);

/**
 * Right-shift both node indexes together while the first's lowest bit is `bit` and it is not 0:
 * the loops of RFC 9162's inclusion and consistency verification.
 */
function shiftWhile(bit: 0 | 1, fn: number, sn: number): [number, number] {
  while (fn !== 0 && fn % 2 === bit) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return [fn, sn];
}

/** RFC 9162 §2.1.3.2: the root an inclusion proof leads to, or null when the proof cannot be valid. */
export async function rootFromInclusionProof(
  index: number,
  treeSize: number,
  leaf: Uint8Array,
  path: Uint8Array[],
): Promise<Uint8Array | null> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) return null;
  let fn = index;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of path) {
    if (p.length !== 32 || sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      [fn, sn] = shiftWhile(0, fn, sn);
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

/**
 * RFC 9162 section 2.1.4.2: does `proof` show that the tree of `first` leaves with root
 * `firstRoot` is a prefix of the tree of `second` leaves with root `secondRoot`? Both roots are the
 * caller's own (from checkpoints it verified), never the server's answer.
 */
export async function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: Uint8Array[],
): Promise<boolean> {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 1 || first > second) return false;
  if (first === second) return proof.length === 0 && equal(firstRoot, secondRoot);
  if (proof.length === 0 || proof.some((p) => p.length !== 32)) return false;
  // A first tree that is a complete subtree is itself the first node of the path.
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : proof;
  let [fn, sn] = shiftWhile(1, first - 1, second - 1);
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      [fn, sn] = shiftWhile(0, fn, sn);
    } else {
      sr = await nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(fr, firstRoot) && equal(sr, secondRoot);
}

/** A base64 hash from the server or from storage, as bytes (null when it is not 32 bytes of base64). */
export function hashFromBase64(s: string): Uint8Array | null {
  try {
    const b = fromBase64(s, 'a hash');
    return b.length === 32 ? b : null;
  } catch {
    return null;
  }
}

/** A c2sp.org/signed-note verifier key, parsed; its key id checked against its name and key. */
async function parseVerifierKey(vkey: string): Promise<{ name: string; keyId: Uint8Array; key: Uint8Array }> {
  // The base64 may itself hold '+': the name and the id are the first two parts, the key the rest.
  const m = /^([^+]+)\+([0-9a-fA-F]{8})\+(.+)$/.exec(vkey);
  if (!m) return fail('the ledger key is not a verifier key');
  const [, name, idHex, b64] = m as unknown as [string, string, string, string];
  const raw = fromBase64(b64, 'the ledger key');
  if (raw.length !== 33 || raw[0] !== 0x01) fail('the ledger key is not an Ed25519 key');
  const keyId = (await sha256(enc.encode(name), Uint8Array.of(0x0a), raw)).slice(0, 4);
  if (toHex(keyId) !== idHex.toLowerCase()) fail("the ledger key's id does not match its key");
  return { name, keyId, key: raw.slice(1) };
}

/**
 * The note's text once one of its signatures is the key's and valid over it, and the log's signed
 * time: a c2sp.org/tlog-cosignature/v1 line by the same key (key id SHA-256(name ‖ "\n" ‖ 0x04 ‖
 * key)[:4]; the signature is the time as a big-endian u64, then the Ed25519 signature of
 * "cosignature/v1\ntime <t>\n" ‖ the text). Lines of other keys (witnesses) are not read.
 */
async function verifySignedNote(
  note: string,
  vkey: string,
): Promise<{ text: string; name: string; keyId: string; signedAt: string | null }> {
  const k = await parseVerifierKey(vkey);
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) fail('the checkpoint is not a signed note');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  const key = await crypto.subtle.importKey('raw', concat(k.key), { name: 'Ed25519' }, false, ['verify']);
  const cosignId = (await sha256(enc.encode(k.name), Uint8Array.of(0x0a, 0x04), k.key)).slice(0, 4);
  const verify = (sig: Uint8Array, message: string) =>
    crypto.subtle.verify({ name: 'Ed25519' }, key, concat(sig), concat(enc.encode(message)));
  let signed = false;
  let signedAt: string | null = null;
  for (const line of lines) {
    const m = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!m || m[1] !== k.name) continue;
    const sig = fromBase64(m[2]!, 'a checkpoint signature');
    const id = sig.slice(0, 4);
    if (sig.length === 68 && equal(id, k.keyId)) {
      if (!(await verify(sig.slice(4), text))) fail("the checkpoint's signature does not verify with the ledger key");
      signed = true;
    } else if (sig.length === 76 && equal(id, cosignId)) {
      const time = new DataView(sig.buffer, sig.byteOffset + 4, 8).getBigUint64(0);
      if (!(await verify(sig.slice(12), `cosignature/v1\ntime ${time}\n${text}`)))
        fail("the checkpoint's signed time does not verify with the ledger key");
      signedAt = new Date(Number(time) * 1000).toISOString();
    }
  }
  if (!signed) fail('the checkpoint carries no signature by the ledger key');
  return { text, name: k.name, keyId: toHex(k.keyId), signedAt };
}

/** The leaf text parsed, when it is the canonical JSON of an object at this index. */
function parseLeaf(text: string, index: number): Record<string, unknown> {
  let leaf: unknown;
  try {
    leaf = JSON.parse(text);
  } catch {
    return fail('the leaf is not JSON');
  }
  if (typeof leaf !== 'object' || leaf === null || Array.isArray(leaf)) return fail('the leaf is not a JSON object');
  if (canonicalJson(leaf) !== text) fail('the leaf is not in canonical form');
  const l = leaf as Record<string, unknown>;
  if (l.seq !== index) fail(`the leaf states another position in the log (${String(l.seq)})`);
  return l;
}

/** The fields opened, lists gathered as the elements opened, in the order given. */
function gather(opened: readonly { name: string; element: number | null; value: unknown }[]): OpenedField[] {
  const out = new Map<string, unknown>();
  for (const o of opened) {
    if (o.element === null) out.set(o.name, o.value);
    else out.set(o.name, [...((out.get(o.name) as unknown[] | undefined) ?? []), o.value]);
  }
  return [...out].map(([name, value]) => ({ name, value }));
}

/**
 * Format 2: the sorted commitments must hash to the leaf's `c` ("writ-leaf/2" ‖ 0x00 ‖ the
 * commitments), and each opening's SHA-256(salt ‖ canonical JSON of [name, value]) must be one of
 * them. Returns the fields opened.
 */
async function openV2(leaf: Record<string, unknown>, a: InclusionAnswer): Promise<OpenedField[]> {
  if (!Array.isArray(a.commitments) || !Array.isArray(a.openings))
    fail('the proof carries no field commitments for a format-2 leaf');
  if (typeof leaf.c !== 'string') fail('the leaf carries no commitment');
  const committed = a.commitments!.map((c) => {
    const bytes = fromBase64(c, 'a field commitment');
    return bytes.length === 32 ? bytes : fail('a field commitment is not a SHA-256 hash');
  });
  committed.sort(compareBytes);
  const c = await sha256(enc.encode('writ-leaf/2\u0000'), ...committed);
  if (!equal(c, fromBase64(leaf.c as string, "the leaf's commitment")))
    fail("the field commitments do not make the leaf's commitment");
  const known = new Set(committed.map(toHex));
  for (const o of a.openings!) {
    const salt = fromBase64(o.salt, `the salt of ${o.name}`);
    if (salt.length !== 32) fail(`the salt of ${o.name} is not 32 bytes`);
    const own = await sha256(salt, enc.encode(canonicalJson([o.name, o.value])));
    if (!known.has(toHex(own))) fail(`the opened field ${o.name} does not match any of the leaf's commitments`);
  }
  return gather(a.openings!);
}

/**
 * Format 1 (leaves written before format 2): the type and time are in the leaf; each disclosed
 * value's hex SHA-256(salt ‖ canonical JSON of [name, value]) must be the leaf's commitment of that
 * name (for a committed list, one of its elements).
 */
async function openV1(leaf: Record<string, unknown>, a: InclusionAnswer): Promise<OpenedField[]> {
  const hidden = leaf.hidden as Record<string, string | string[]> | undefined;
  if (typeof hidden !== 'object' || hidden === null) return fail('the leaf carries no commitments');
  const opened: OpenedField[] = [
    { name: 'type', value: leaf.type },
    { name: 'time', value: leaf.time },
  ];
  const disclosed = Object.entries(a.disclosed ?? {});
  if (disclosed.length === 0) return opened;
  if (typeof a.salt !== 'string') return fail('the proof carries no salt for the fields it discloses');
  const salt = fromBase64(a.salt, "the event's salt");
  if (salt.length !== 32) fail("the event's salt is not 32 bytes");
  for (const [name, value] of disclosed) {
    const committed = hidden[name];
    const values = Array.isArray(committed) ? (Array.isArray(value) ? value : [value]) : [value];
    for (const v of values) {
      const own = toHex(await sha256(salt, enc.encode(canonicalJson([name, v]))));
      const ok = Array.isArray(committed) ? committed.includes(own) : committed === own;
      if (!ok) fail(`the opened field ${name} does not match its commitment in the leaf`);
    }
    opened.push({ name, value });
  }
  return opened;
}

/** The opened fields must say of the event what the page says of it. */
function checkExpected(opened: readonly OpenedField[], expected: ExpectedEvent): void {
  const value = (name: string) => opened.find((f) => f.name === name)?.value;
  for (const [name, want] of Object.entries(expected)) {
    if (want === undefined) continue;
    const got = value(name);
    if (got === undefined) fail(`the proof does not open the ${name} of the event`);
    if (got !== want) fail(`the ledger entry is of another event: its ${name} is ${String(got)}, not ${want}`);
  }
}

/**
 * Verify one event's inclusion answer against the signed checkpoint, all in the browser: first
 * that the leaf is in the signed log, then what the leaf commits to, and that it is the event the
 * page shows (`expected`).
 */
export async function verifyInclusion(
  a: InclusionAnswer,
  key: LedgerKey,
  expected: ExpectedEvent = {},
): Promise<Verdict> {
  try {
    if (!a.checkpoint) return { ok: false, reason: 'no signed checkpoint covers this proof yet' };
    const note = await verifySignedNote(a.checkpoint, key.verifierKey);
    const [origin, size, root] = note.text.split('\n');
    if (origin !== key.origin) return { ok: false, reason: `the checkpoint is of another log (${origin})` };
    if (size !== String(a.treeSize)) return { ok: false, reason: 'the checkpoint is of another tree size' };
    const ownLeafHash = await leafHash(enc.encode(a.leaf));
    const path = a.proof.map((p) => fromBase64(p, 'a proof hash'));
    const computed = await rootFromInclusionProof(a.index, a.treeSize, ownLeafHash, path);
    if (!computed) return { ok: false, reason: 'the proof has the wrong shape for its index and tree size' };
    if (!equal(computed, fromBase64(root ?? '', "the checkpoint's root")))
      return { ok: false, reason: 'the proof does not lead to the root the signed checkpoint states' };
    const leaf = parseLeaf(a.leaf, a.index);
    let opened: OpenedField[];
    if (leaf.v === 2) opened = await openV2(leaf, a);
    else if (leaf.v === 1) opened = await openV1(leaf, a);
    else return { ok: false, reason: `the leaf has an unknown format (${String(leaf.v)})` };
    checkExpected(opened, expected);
    return {
      ok: true,
      treeSize: a.treeSize,
      keyName: note.name,
      keyId: note.keyId,
      format: leaf.v as number,
      signedAt: note.signedAt,
      rootHash: root ?? '',
      opened,
    };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}
