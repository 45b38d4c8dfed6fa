/**
 * An independent implementation of what a client needs to check Writ's ledger, written from the
 * definitions in RFC 6962 §2.1 (and the verification algorithms of RFC 9162 §2.1.3.2 and
 * §2.1.4.2), c2sp.org/signed-note and c2sp.org/tlog-checkpoint, using only node:crypto. It shares
 * no code with src/ledger, so a mistake there cannot hide itself here.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** MTH of a one-leaf list: SHA-256(0x00 ‖ d). */
export const leafHash = (data: Uint8Array): Buffer => sha256(Buffer.from([0]), data);
/** Interior node: SHA-256(0x01 ‖ left ‖ right). */
export const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer => sha256(Buffer.from([1]), left, right);

/** RFC 6962 §2.1 MTH, by its recursive definition (k = largest power of two below n). */
export function mth(leaves: readonly Uint8Array[]): Buffer {
  const n = leaves.length;
  if (n === 0) return sha256();
  if (n === 1) return leafHash(leaves[0]!);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

const b = (v: number) => BigInt(v);

/** RFC 9162 §2.1.3.2: does `proof` show leaf hash `hash` at `index` in the tree of `size` with `root`? */
export function checkInclusion(
  index: number,
  size: number,
  hash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (index >= size) return false;
  let fn = b(index);
  let sn = b(size - 1);
  let r: Buffer = Buffer.from(hash);
  for (const p of proof) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && r.equals(Buffer.from(root));
}

/** RFC 9162 §2.1.4.2: does `proof` show the tree (size2, root2) extends (size1, root1)? */
export function checkConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  if (size1 > size2 || size1 === 0) return false;
  if (size1 === size2) return proof.length === 0 && Buffer.from(root1).equals(Buffer.from(root2));
  let path: Buffer[] = proof.map((p) => Buffer.from(p));
  if ((size1 & (size1 - 1)) === 0) path = [Buffer.from(root1), ...path];
  if (path.length === 0) return false;
  let fn = b(size1 - 1);
  let sn = b(size2 - 1);
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return fr.equals(Buffer.from(root1)) && sr.equals(Buffer.from(root2)) && sn === 0n;
}

/** A verifier key string "<name>+<hex key ID>+<base64(0x01 ‖ Ed25519 public key)>", parsed. */
export function parseVerifierKeyIndependently(vkey: string): { name: string; keyId: Buffer; publicKey: Buffer } {
  // The base64 key may itself contain '+': only the first two separate fields.
  const [name, hex, ...rest] = vkey.split('+') as [string, string, ...string[]];
  const b64 = rest.join('+');
  const raw = Buffer.from(b64, 'base64');
  if (raw[0] !== 1 || raw.length !== 33) throw new Error('not an Ed25519 verifier key');
  const publicKey = raw.subarray(1);
  const keyId = sha256(Buffer.from(name, 'utf8'), Buffer.from([0x0a, 0x01]), publicKey).subarray(0, 4);
  if (keyId.toString('hex') !== hex.toLowerCase()) throw new Error('key ID does not match');
  return { name, keyId, publicKey };
}

/** Checks a signed checkpoint note by hand and returns its origin, size and root. */
export function checkCheckpointNote(note: string, vkey: string): { origin: string; treeSize: number; root: Buffer } {
  const { name, keyId, publicKey } = parseVerifierKeyIndependently(vkey);
  const split = note.lastIndexOf('\n\n');
  const text = note.slice(0, split + 1);
  const sigLines = note
    .slice(split + 2)
    .split('\n')
    .filter(Boolean);
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: publicKey.toString('base64url') },
    format: 'jwk',
  });
  const ours = sigLines.filter((l) => l.startsWith(`— ${name} `));
  if (ours.length === 0) throw new Error('no signature by the key');
  for (const line of ours) {
    const sig = Buffer.from(line.slice(`— ${name} `.length), 'base64');
    if (!sig.subarray(0, 4).equals(keyId)) continue;
    if (!verify(null, Buffer.from(text, 'utf8'), key, sig.subarray(4))) throw new Error('bad signature');
    const [origin, size, root] = text.split('\n') as [string, string, string];
    return { origin, treeSize: Number(size), root: Buffer.from(root, 'base64') };
  }
  throw new Error('no signature with the key ID');
}

/** Hex SHA-256(salt ‖ UTF-8 JSON of [name, value]) for a string value (its canonical JSON is plain JSON). */
export function commitmentOf(salt: Uint8Array, name: string, value: string): string {
  return sha256(salt, Buffer.from(JSON.stringify([name, value]), 'utf8')).toString('hex');
}

/**
 * Format-2 openings checked by hand: SHA-256(salt ‖ UTF-8 JSON of [name, value]) for each opened
 * field must be among the commitments, and SHA-256("writ-leaf/2" ‖ 0x00 ‖ sorted commitments) must
 * be the leaf's c.
 */
export function checkOpeningsIndependently(
  leafText: string,
  commitments: readonly string[],
  openings: readonly { name: string; value: string; salt: string }[],
): boolean {
  const leaf = JSON.parse(leafText) as { c: string };
  const raw = commitments.map((c) => Buffer.from(c, 'base64')).sort(Buffer.compare);
  const c = sha256(Buffer.from('writ-leaf/2\u0000', 'latin1'), ...raw).toString('base64');
  if (c !== leaf.c) return false;
  const known = new Set(raw.map((x) => x.toString('hex')));
  return openings.every((o) =>
    known.has(
      sha256(Buffer.from(o.salt, 'base64'), Buffer.from(JSON.stringify([o.name, o.value]), 'utf8')).toString('hex'),
    ),
  );
}

/**
 * Checks a c2sp.org/tlog-cosignature/v1 (Ed25519) line on a note by hand: key ID
 * SHA-256(name ‖ "\n" ‖ 0x04 ‖ key)[:4], then a big-endian u64 time and the signature of
 * "cosignature/v1\ntime <t>\n" ‖ note body. Returns the time, or throws.
 */
export function checkCosignatureLine(note: string, name: string, vkey: string): number {
  const { publicKey } = parseVerifierKeyIndependently(vkey);
  const keyId = sha256(Buffer.from(name, 'utf8'), Buffer.from([0x0a, 0x04]), publicKey).subarray(0, 4);
  const split = note.lastIndexOf('\n\n');
  const body = note.slice(0, split + 1);
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: publicKey.toString('base64url') },
    format: 'jwk',
  });
  for (const line of note.slice(split + 2).split('\n')) {
    if (!line.startsWith(`— ${name} `)) continue;
    const sig = Buffer.from(line.slice(`— ${name} `.length), 'base64');
    if (!sig.subarray(0, 4).equals(keyId)) continue;
    const time = Number(sig.readBigUInt64BE(4));
    const message = Buffer.from(`cosignature/v1\ntime ${time}\n${body}`, 'utf8');
    if (!verify(null, message, key, sig.subarray(12))) throw new Error('bad cosignature');
    return time;
  }
  throw new Error(`no cosignature by ${name}`);
}
