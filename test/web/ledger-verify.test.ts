/**
 * The customer portal's ledger verifier (web/src/features/portal/ledger-verify.ts), run here with
 * Node's WebCrypto, against leaves, proofs and checkpoints made by the server's own ledger code:
 * a format-2 proof verifies and opens exactly the fields handed out; a changed salt, a value moved
 * to another field, a salt used for another field, a changed commitment list, a changed leaf or
 * proof, and a changed checkpoint or signed time each fail. Format-1 leaves still verify. Its
 * consistency check accepts the server's proofs and refuses changed ones, and a later check needs
 * the key first seen and a log consistent with the checkpoint remembered (ledger-pin.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { addSignatureLine, cosignatureLine, cosignerFromNoteKey } from '../../src/ledger/cosignature.ts';
import {
  MemoryTree,
  canonicalJson as serverCanonicalJson,
  consistencyProof,
  encodeBase64,
  hashLeaf,
  inclusionProof,
  signCheckpoint,
} from '../../src/ledger/index.ts';
import { encodeLeaf, leafSource, type LedgerEvent } from '../../src/ledger/leaf.ts';
import { encodeLeafV2Text, eventFields, fieldCommitments, fieldSalt } from '../../src/ledger/leaf-v2.ts';
import { generateLedgerSigning } from '../../src/ledger/log-signing.ts';
import { generateNoteKeyPair, parseSignerKey } from '../../src/ledger/note-keys.ts';
import {
  canonicalJson,
  type FieldOpening,
  type InclusionAnswer,
  type Verdict,
  verifyConsistency,
  verifyInclusion,
} from '../../web/src/features/portal/ledger-verify.ts';
import { checkAgainstPin, type PinCheck } from '../../web/src/features/portal/ledger-pin.ts';

const ORIGIN = 'writ.example/ledger';
/** A key whose base64 holds a '+', as about half of all keys do: the key string is split with care. */
const signing = (() => {
  for (;;) {
    const { signing: s } = generateLedgerSigning(ORIGIN);
    if (s.verifierKey.split('+').length > 3) return s;
  }
})();
const KEY = { origin: ORIGIN, verifierKey: signing.verifierKey };
const OWN = '7d1c3f0e-2b8a-4c55-9e61-0a4b5c6d7e8f';
const OTHER = '11111111-2222-4333-8444-555555555555';
const DEMAND = '0b6f3d2a-9c1e-4f70-8a5b-3c2d1e0f9a8b';
const SIGNED_AT = 1_793_000_000;

const EVENTS: LedgerEvent[] = [
  {
    demandId: null,
    type: 'customer.created',
    payload: { customerId: OTHER },
    actor: 'staff:s-1',
    occurredAt: new Date('2026-11-01T08:00:00.001Z'),
  },
  {
    demandId: DEMAND,
    type: 'demand.received',
    payload: { customerIds: [OTHER, OWN], instrument: 'search_warrant', note: 'call the agent back' },
    actor: 'agency:a-1',
    occurredAt: new Date('2026-11-01T09:30:00.123Z'),
  },
  {
    demandId: DEMAND,
    type: 'notice.sent',
    payload: { recipients: 2, channels: ['email'] },
    actor: 'system',
    occurredAt: new Date('2026-11-01T10:00:00Z'),
  },
  {
    demandId: DEMAND,
    type: 'demand.note_added',
    payload: { noteId: 'n-1' },
    actor: 'staff:s-2',
    occurredAt: new Date('2026-11-01T11:00:00Z'),
  },
  {
    demandId: DEMAND,
    type: 'demand.redirected',
    payload: {},
    actor: 'staff:s-2',
    occurredAt: new Date('2026-11-01T12:00:00Z'),
  },
];

/** The fields a customer admin may open, as the proof route chooses them. */
const openable = (f: { name: string; value: unknown }) =>
  ['type', 'time', 'demandId'].includes(f.name) ||
  ((f.name === 'payload.customerIds' || f.name === 'payload.customerId') && f.value === OWN);

/** A log of EVENTS (leaf `format1At` in format 1, the rest in format 2) and a signed checkpoint of it. */
function buildLog(format1At = -1) {
  const secrets = EVENTS.map(() => new Uint8Array(randomBytes(32)));
  const leaves = EVENTS.map((e, i) =>
    i === format1At
      ? Buffer.from(encodeLeaf(i, e, secrets[i]!, false, 1)).toString('utf8')
      : encodeLeafV2Text(i, leafSource(e), secrets[i]!, false),
  );
  const tree = new MemoryTree();
  for (const l of leaves) tree.appendLeaf(new TextEncoder().encode(l));
  const size = leaves.length;
  const root = tree.root(size);
  const signed = signCheckpoint({ origin: ORIGIN, treeSize: size, rootHash: root, extensions: [] }, [signing.signer]);
  const body = signed.slice(0, signed.lastIndexOf('\n\n') + 1);
  const { cosigner } = cosignerFromNoteKey(signing.signer, signing.verifierKey);
  const checkpoint = addSignatureLine(signed, cosignatureLine(body, cosigner, SIGNED_AT));
  return { secrets, leaves, tree, size, root, checkpoint };
}

/** The proof route's answer to a customer admin for leaf `index`. */
async function answerFor(log: ReturnType<typeof buildLog>, index: number): Promise<InclusionAnswer> {
  const src = leafSource(EVENTS[index]!);
  const secret = log.secrets[index]!;
  const bytes = new TextEncoder().encode(log.leaves[index]!);
  const v2 = log.leaves[index]!.endsWith('"v":2}');
  const common = {
    index,
    eventId: String(100 + index),
    treeSize: log.size,
    leaf: log.leaves[index]!,
    leafHash: encodeBase64(hashLeaf(bytes)),
    proof: (await inclusionProof(log.tree, index, log.size)).map(encodeBase64),
    rootHash: encodeBase64(log.root),
    checkpoint: log.checkpoint,
  };
  if (!v2) {
    const e = EVENTS[index]!;
    return {
      ...common,
      format: 1,
      salt: encodeBase64(secret),
      disclosed: { demandId: e.demandId, 'payload.customerIds': [OWN] },
      commitments: null,
      openings: null,
    };
  }
  const openings: FieldOpening[] = eventFields(src)
    .filter(openable)
    .map((f) => ({ ...f, salt: encodeBase64(fieldSalt(secret, f.name, f.element)) }));
  return {
    ...common,
    format: 2,
    salt: null,
    disclosed: {},
    commitments: fieldCommitments(src, secret).map(encodeBase64),
    openings,
  };
}

const log = buildLog();
const received = () => answerFor(log, 1);
const EXPECTED = { type: 'demand.received', time: '2026-11-01T09:30:00.123Z', demandId: DEMAND };

function failsWith(v: Verdict, reason: RegExp): void {
  assert.equal(v.ok, false, 'the check must fail');
  if (!v.ok) assert.match(v.reason, reason);
}

const flipLastByte = (b64: string) => {
  const b = Buffer.from(b64, 'base64');
  b[b.length - 1]! ^= 1;
  return b.toString('base64');
};

test('a format-2 proof verifies and opens exactly the fields handed out, with the signed time', async () => {
  const v = await verifyInclusion(await received(), KEY, EXPECTED);
  assert.ok(v.ok, v.ok ? '' : v.reason);
  assert.equal(v.format, 2);
  assert.equal(v.treeSize, EVENTS.length);
  assert.equal(v.signedAt, new Date(SIGNED_AT * 1000).toISOString());
  assert.deepEqual(v.opened, [
    { name: 'type', value: 'demand.received' },
    { name: 'time', value: '2026-11-01T09:30:00.123Z' },
    { name: 'demandId', value: DEMAND },
    { name: 'payload.customerIds', value: [OWN] },
  ]);
  for (const i of [0, 2, 3, 4]) {
    const other = await verifyInclusion(await answerFor(log, i), KEY);
    assert.ok(other.ok, `leaf ${i}: ${other.ok ? '' : other.reason}`);
  }
});

test('a changed salt fails', async () => {
  const a = await received();
  a.openings![1] = { ...a.openings![1]!, salt: flipLastByte(a.openings![1]!.salt) };
  failsWith(await verifyInclusion(a, KEY), /^the opened field time does not match any of the leaf's commitments/);
});

test('a changed opened value fails, and so does another tenant claimed with our own salt', async () => {
  const a = await received();
  a.openings![2] = { ...a.openings![2]!, value: OTHER };
  failsWith(await verifyInclusion(a, KEY), /^the opened field demandId does not match/);
  const b = await received();
  const own = b.openings!.find((o) => o.name === 'payload.customerIds')!;
  own.value = OTHER;
  failsWith(await verifyInclusion(b, KEY), /^the opened field payload.customerIds does not match/);
});

test('swapped fields fail: values swapped between two fields, or one field opened with the salt of another', async () => {
  const a = await received();
  const [type, time] = [a.openings![0]!, a.openings![1]!];
  [type.value, time.value] = [time.value, type.value];
  failsWith(await verifyInclusion(a, KEY), /^the opened field type does not match/);
  // The actor is committed but not handed out: the demand id's salt cannot open it.
  const b = await received();
  const demandId = b.openings!.find((o) => o.name === 'demandId')!;
  b.openings!.push({ name: 'actor', element: null, value: EVENTS[1]!.actor, salt: demandId.salt });
  failsWith(await verifyInclusion(b, KEY), /^the opened field actor does not match/);
  // The same salt and value under the other field's name.
  const c = await received();
  c.openings![2] = { ...c.openings![2]!, name: 'payload.customerId' };
  failsWith(await verifyInclusion(c, KEY), /^the opened field payload.customerId does not match/);
});

test('a changed, missing or extra commitment fails', async () => {
  const a = await received();
  a.commitments![0] = flipLastByte(a.commitments![0]!);
  failsWith(await verifyInclusion(a, KEY), /^the field commitments do not make the leaf's commitment/);
  const b = await received();
  b.commitments!.pop();
  failsWith(await verifyInclusion(b, KEY), /^the field commitments do not make the leaf's commitment/);
  const c = await received();
  c.commitments!.push(encodeBase64(new Uint8Array(32)));
  failsWith(await verifyInclusion(c, KEY), /^the field commitments do not make the leaf's commitment/);
  const d = await received();
  d.commitments = null;
  failsWith(await verifyInclusion(d, KEY), /^the proof carries no field commitments/);
  // The order they come in does not matter: the verifier sorts them itself.
  const e = await received();
  e.commitments!.reverse();
  assert.ok((await verifyInclusion(e, KEY)).ok);
});

test('a changed leaf, proof or index fails against the signed root', async () => {
  const a = await received();
  a.leaf = a.leaf.replace('"seq":1', '"seq":2');
  failsWith(await verifyInclusion(a, KEY), /^the proof does not lead to the root the signed checkpoint states/);
  const b = await received();
  b.proof[0] = flipLastByte(b.proof[0]!);
  failsWith(await verifyInclusion(b, KEY), /^the proof does not lead to the root/);
  const c = await received();
  c.index = 2;
  failsWith(await verifyInclusion(c, KEY), /^the proof (has the wrong shape|does not lead to the root)/);
  const d = await received();
  d.proof.pop();
  failsWith(await verifyInclusion(d, KEY), /^the proof (has the wrong shape|does not lead to the root)/);
});

test('a proof of another event than the page shows fails', async () => {
  const a = await answerFor(log, 2);
  failsWith(await verifyInclusion(a, KEY, EXPECTED), /^the ledger entry is of another event: its type is notice.sent/);
  const b = await received();
  failsWith(
    await verifyInclusion(b, KEY, { ...EXPECTED, demandId: OTHER }),
    /^the ledger entry is of another event: its demandId is/,
  );
  const c = await received();
  c.openings = c.openings!.filter((o) => o.name !== 'time');
  failsWith(await verifyInclusion(c, KEY, EXPECTED), /^the proof does not open the time of the event/);
});

test("a changed checkpoint, signature or signed time fails; another key's checkpoint is refused", async () => {
  const lines = (cp: string) => {
    const at = cp.lastIndexOf('\n\n');
    return { body: cp.slice(0, at + 2), sigs: cp.slice(at + 2, -1).split('\n') };
  };
  const resign = (cp: string, i: number) => {
    const { body, sigs } = lines(cp);
    const line = sigs[i]!;
    const cut = line.lastIndexOf(' ') + 1;
    sigs[i] = `${line.slice(0, cut)}${flipLastByte(line.slice(cut))}`;
    return `${body}${sigs.join('\n')}\n`;
  };
  const a = await received();
  a.checkpoint = resign(a.checkpoint!, 0);
  failsWith(await verifyInclusion(a, KEY), /^the checkpoint's signature does not verify with the ledger key/);
  const b = await received();
  b.checkpoint = resign(b.checkpoint!, 1);
  failsWith(await verifyInclusion(b, KEY), /^the checkpoint's signed time does not verify with the ledger key/);
  const c = await received();
  c.checkpoint = c.checkpoint!.replace(`\n${encodeBase64(log.root)}\n`, `\n${encodeBase64(new Uint8Array(32))}\n`);
  failsWith(await verifyInclusion(c, KEY), /^the checkpoint's signature does not verify/);
  const d = await received();
  const stranger = parseSignerKey(generateNoteKeyPair(ORIGIN).signerKey);
  d.checkpoint = signCheckpoint({ origin: ORIGIN, treeSize: log.size, rootHash: log.root, extensions: [] }, [stranger]);
  failsWith(await verifyInclusion(d, KEY), /^the checkpoint carries no signature by the ledger key/);
  const e = await received();
  e.checkpoint = null;
  failsWith(await verifyInclusion(e, KEY), /^no signed checkpoint covers this proof yet/);
  // Without the signed-time line the checkpoint still verifies, with no time to show.
  const f = await received();
  f.checkpoint = `${lines(f.checkpoint!).body}${lines(f.checkpoint!).sigs[0]}\n`;
  const v = await verifyInclusion(f, KEY);
  assert.ok(v.ok && v.signedAt === null);
});

test('a format-1 leaf (written before format 2) still verifies, and its disclosed values are checked', async () => {
  const old = buildLog(1);
  const a = await answerFor(old, 1);
  const v = await verifyInclusion(a, KEY, EXPECTED);
  assert.ok(v.ok, v.ok ? '' : v.reason);
  assert.equal(v.format, 1);
  assert.deepEqual(v.opened, [
    { name: 'type', value: 'demand.received' },
    { name: 'time', value: '2026-11-01T09:30:00.123Z' },
    { name: 'demandId', value: DEMAND },
    { name: 'payload.customerIds', value: [OWN] },
  ]);
  const b = await answerFor(old, 1);
  b.disclosed = { ...b.disclosed, 'payload.customerIds': [OTHER, 'someone-else'] };
  failsWith(await verifyInclusion(b, KEY), /^the opened field payload.customerIds does not match/);
  const c = await answerFor(old, 1);
  c.salt = flipLastByte(c.salt!);
  failsWith(await verifyInclusion(c, KEY), /^the opened field demandId does not match/);
  // A format-2 leaf beside it in the same log verifies as format 2.
  assert.equal(((await verifyInclusion(await answerFor(old, 2), KEY)) as { format: number }).format, 2);
});

test("the browser's canonical JSON is the server's (RFC 8785)", () => {
  for (const v of [['type', '\u20ac\r\n"\\\u0007'], { b: 1, a: [1e21, 0.1, -0, 5e-7], '\ud83d\ude00': null, é: true }])
    assert.equal(canonicalJson(v), serverCanonicalJson(v));
  fc.assert(
    fc.property(fc.jsonValue(), (v) => {
      const parsed: unknown = JSON.parse(JSON.stringify(v));
      assert.equal(canonicalJson(parsed), serverCanonicalJson(parsed));
    }),
    { numRuns: 500 },
  );
});

/** A log of `n` leaves, `fork` of them replaced from that index on (a rewritten history). */
function treeOf(n: number, forkAt = n) {
  const tree = new MemoryTree();
  for (let i = 0; i < n; i++) tree.appendLeaf(new TextEncoder().encode(i < forkAt ? `leaf ${i}` : `forged ${i}`));
  return tree;
}

test("the browser's consistency check accepts the server's proofs between every two sizes, and nothing else", async () => {
  const tree = treeOf(40);
  for (let m = 1; m <= 40; m++)
    for (let n = m; n <= 40; n++) {
      const proof = await consistencyProof(tree, m, n);
      assert.ok(await verifyConsistency(m, n, tree.root(m), tree.root(n), proof), `${m} → ${n}`);
      if (m === n) continue;
      // A changed proof hash, a wrong first or second root, a proof for another size: all refused.
      const changed = proof.map((p, i) => (i === proof.length - 1 ? Uint8Array.from(p, (b, j) => (j ? b : b ^ 1)) : p));
      assert.equal(await verifyConsistency(m, n, tree.root(m), tree.root(n), changed), false, `changed ${m} → ${n}`);
      assert.equal(await verifyConsistency(m, n, tree.root(n), tree.root(n), proof), false, `first root ${m} → ${n}`);
      assert.equal(await verifyConsistency(m, n, tree.root(m), tree.root(m), proof), false, `second root ${m} → ${n}`);
      if (n < 40)
        assert.equal(
          await verifyConsistency(m, n + 1, tree.root(m), tree.root(n + 1), proof),
          false,
          `size ${m} → ${n}`,
        );
    }
  // A log rewritten from leaf 10 on is not consistent with its first 20 leaves.
  const forged = treeOf(30, 10);
  assert.equal(
    await verifyConsistency(20, 30, tree.root(20), forged.root(30), await consistencyProof(forged, 20, 30)),
    false,
  );
});

test('a later check needs the key this browser first saw and a log consistent with the checkpoint it remembers', async () => {
  const tree = treeOf(30);
  const seen = (n: number, t = tree) => ({ treeSize: n, rootHash: encodeBase64(t.root(n)) });
  const served =
    (t = tree) =>
    async (from: number, to: number) => ({
      from,
      to,
      proof: (await consistencyProof(t, from, to)).map(encodeBase64),
    });
  const day1 = new Date('2026-11-02T09:00:00Z');
  const day2 = new Date('2026-11-20T09:00:00Z');
  const pass = (c: PinCheck) => {
    assert.ok(c.ok, c.ok ? '' : c.reason);
    return c;
  };
  const refuse = (c: PinCheck, re: RegExp) => {
    assert.equal(c.ok, false, 'refused');
    assert.match((c as { reason: string }).reason, re);
  };

  // First use: the key and the checkpoint are remembered.
  const first = pass(await checkAgainstPin(null, KEY, seen(12), served(), day1));
  assert.match(first.continuity, /now remembers the ledger key/);
  assert.deepEqual(
    { key: first.pin.verifierKey, size: first.pin.treeSize, since: first.pin.keySince },
    { key: KEY.verifierKey, size: 12, since: day1.toISOString() },
  );
  // The same checkpoint again; a larger one, consistent: remembered instead; an older one, consistent.
  assert.match(
    pass(await checkAgainstPin(first.pin, KEY, seen(12), served(), day2)).continuity,
    /^The same checkpoint/,
  );
  const grown = pass(await checkAgainstPin(first.pin, KEY, seen(30), served(), day2));
  assert.match(grown.continuity, /^Consistent with the log of 12 entries this browser verified on 2026-11-02/);
  assert.deepEqual({ size: grown.pin.treeSize, since: grown.pin.keySince }, { size: 30, since: day1.toISOString() });
  assert.match(
    pass(await checkAgainstPin(grown.pin, KEY, seen(7), served(), day2)).continuity,
    /^An earlier checkpoint/,
  );

  // Another key (a new one, or someone answering in the provider's place): refused.
  const other = generateLedgerSigning(ORIGIN).signing;
  refuse(
    await checkAgainstPin(first.pin, { origin: ORIGIN, verifierKey: other.verifierKey }, seen(12), served(), day2),
    /^the ledger key is not the one this browser has used since 2026-11-02/,
  );
  // A log rewritten after leaf 10, signed and served with its own proofs: not consistent with what was seen.
  const forged = treeOf(30, 10);
  refuse(
    await checkAgainstPin(first.pin, KEY, seen(30, forged), served(forged), day2),
    /^the log is not consistent with the one of 12 entries/,
  );
  refuse(await checkAgainstPin(first.pin, KEY, seen(12, forged), served(forged), day2), /the log was rewritten/);
  // A consistency proof for other sizes than asked, or none at all: refused.
  refuse(
    await checkAgainstPin(first.pin, KEY, seen(30), async (f, t) => ({ ...(await served()(f, t)), from: 11 }), day2),
    /^the log is not consistent/,
  );
  refuse(
    await checkAgainstPin(
      first.pin,
      KEY,
      seen(30),
      async () => {
        throw new Error('503');
      },
      day2,
    ),
    /^no consistency proof with the checkpoint seen before: 503/,
  );
});
