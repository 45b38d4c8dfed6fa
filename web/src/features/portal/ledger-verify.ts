/**
 * Checks, in the browser, that an event is in the provider's public ledger: the RFC 6962 leaf
 * hash of the leaf text, the RFC 9162 inclusion proof up to the root, and the checkpoint that
 * states that root, signed (c2sp.org/signed-note, Ed25519) by the key the ledger publishes. Written
 * apart from the server's code on purpose: WebCrypto for SHA-256 and Ed25519, nothing shared, so
 * that a fault (or a lie) on the server's side cannot also pass here.
 */

export interface InclusionAnswer {
  index: number;
  eventId: string;
  treeSize: number;
  leaf: string;
  leafHash: string;
  proof: string[];
  rootHash: string;
  checkpoint: string | null;
}

export interface LedgerKey {
  origin: string;
  /** c2sp.org/signed-note verifier key: "<name>+<key id hex>+<base64(0x01 ‖ public key)>". */
  verifierKey: string;
}

export type Verdict = { ok: true; treeSize: number; keyName: string; keyId: string } | { ok: false; reason: string };

const enc = new TextEncoder();

function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
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

async function sha256(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
}

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** RFC 6962 §2.1: the hash of a leaf is SHA-256(0x00 ‖ leaf). */
export const leafHash = (leaf: Uint8Array) => sha256(concat(Uint8Array.of(0), leaf));
const nodeHash = (l: Uint8Array, r: Uint8Array) => sha256(concat(Uint8Array.of(1), l, r));

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
      if (fn % 2 === 0)
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

/** A c2sp.org/signed-note verifier key, parsed; its key id checked against its name and key. */
async function parseVerifierKey(vkey: string): Promise<{ name: string; keyId: Uint8Array; key: Uint8Array }> {
  const parts = vkey.split('+');
  if (parts.length !== 3) throw new Error('the ledger key is not a verifier key');
  const [name, idHex, b64] = parts as [string, string, string];
  const raw = fromBase64(b64);
  if (raw.length !== 33 || raw[0] !== 0x01) throw new Error('the ledger key is not an Ed25519 key');
  const keyId = (await sha256(concat(enc.encode(name), Uint8Array.of(0x0a), raw))).slice(0, 4);
  if (toHex(keyId) !== idHex.toLowerCase()) throw new Error("the ledger key's id does not match its key");
  return { name, keyId, key: raw.slice(1) };
}

/** The note's text and whether one of its signatures is the key's, valid over that text. */
async function verifySignedNote(note: string, vkey: string): Promise<{ text: string; name: string; keyId: string }> {
  const k = await parseVerifierKey(vkey);
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new Error('the checkpoint is not a signed note');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  const key = await crypto.subtle.importKey('raw', concat(k.key), { name: 'Ed25519' }, false, ['verify']);
  for (const line of lines) {
    const m = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!m || m[1] !== k.name) continue;
    const sig = fromBase64(m[2]!);
    if (sig.length !== 68 || !equal(sig.slice(0, 4), k.keyId)) continue;
    if (await crypto.subtle.verify({ name: 'Ed25519' }, key, concat(sig.slice(4)), concat(enc.encode(text))))
      return { text, name: k.name, keyId: toHex(k.keyId) };
    throw new Error("the checkpoint's signature does not verify with the ledger key");
  }
  throw new Error('the checkpoint carries no signature by the ledger key');
}

/** Verify one event's inclusion answer against the signed checkpoint, all in the browser. */
export async function verifyInclusion(a: InclusionAnswer, key: LedgerKey): Promise<Verdict> {
  try {
    if (!a.checkpoint) return { ok: false, reason: 'no signed checkpoint covers this proof yet' };
    const note = await verifySignedNote(a.checkpoint, key.verifierKey);
    const [origin, size, root] = note.text.split('\n');
    if (origin !== key.origin) return { ok: false, reason: `the checkpoint is of another log (${origin})` };
    if (Number(size) !== a.treeSize) return { ok: false, reason: 'the checkpoint is of another tree size' };
    const ownLeafHash = await leafHash(enc.encode(a.leaf));
    const computed = await rootFromInclusionProof(a.index, a.treeSize, ownLeafHash, a.proof.map(fromBase64));
    if (!computed) return { ok: false, reason: 'the proof has the wrong shape for its index and tree size' };
    if (!equal(computed, fromBase64(root ?? '')))
      return { ok: false, reason: 'the proof does not lead to the root the signed checkpoint states' };
    return { ok: true, treeSize: a.treeSize, keyName: note.name, keyId: note.keyId };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}
