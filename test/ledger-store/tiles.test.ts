/**
 * The log served as c2sp.org/tlog-tiles, checked by a tile client written here from that spec
 * (and RFC 6962, through ./support/rfc6962.ts), with no token and no code of src/ledger: it
 * mirrors the checkpoint, the hash tiles and the entry bundles, checks that they agree with each
 * other and with the signed root, and recomputes a published figure from the mirrored leaves.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { fillSealedSlots } from '../../src/workflow/fill-sealed-slots.ts';
import { sequenceLedger } from '../../src/workflow/sequence-ledger.ts';
import { tokenFor } from '../support/http-kit.ts';
import { ledgerFixture, makeActivity, type LedgerFixture } from './support/ledger-fixtures.ts';
import { checkCheckpointNote, leafHash, mth, nodeHash } from './support/rfc6962.ts';

let f: LedgerFixture;
let app: FastifyInstance;

before(async () => {
  f = await ledgerFixture();
  app = await buildApp({ ctx: f.ctx, logLevel: 'silent', ledger: f.signing });
  await makeActivity(f, 3);
  await sequenceLedger(f.db);
  // 41 sealed-slot windows of 8 leaves: more than one full tile (256 leaves), so the mirror needs
  // full and partial tiles at level 0 and a partial tile at level 1.
  const schedule = { windowMs: 600_000, slots: 8 };
  await fillSealedSlots(f.db, new Date(), schedule);
  await fillSealedSlots(f.db, new Date(Date.now() + 40 * 600_000), schedule);
  const admin = (await tokenFor(f.db, { roles: ['administrator'] })).auth;
  const cut = await app.inject({ method: 'POST', url: '/api/v1/ledger/checkpoints', headers: admin });
  assert.equal(cut.statusCode, 201, cut.body);
});
after(async () => {
  await app?.close();
  await f?.t.drop();
});

/** A tile index as the spec writes it: 3-digit groups, all but the last prefixed "x". */
function indexPath(n: number): string {
  const s = String(n);
  const digits = s.padStart(Math.ceil(s.length / 3) * 3, '0');
  const groups: string[] = [];
  for (let i = 0; i < digits.length; i += 3) groups.push(digits.slice(i, i + 3));
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

test('the test reads tile indexes as the spec writes them', () => {
  // The examples of c2sp.org/tlog-tiles: "x001/x234/067" for 1234067, "000" for 0.
  assert.equal(indexPath(1234067), 'x001/x234/067');
  assert.equal(indexPath(0), '000');
  assert.equal(indexPath(255), '255');
  assert.equal(indexPath(1000), 'x001/000');
});

/** The tiles at a level for a tree of `size`: full ones, then a partial one of `floor(size / 256^l) mod 256`. */
function tilesAt(level: number, size: number): { n: number; width: number }[] {
  const count = Math.floor(size / 256 ** level);
  const out: { n: number; width: number }[] = [];
  for (let n = 0; n * 256 < count; n++) out.push({ n, width: Math.min(256, count - n * 256) });
  return out;
}

const tilePath = (kind: string, t: { n: number; width: number }) =>
  `/ledger/tile/${kind}/${indexPath(t.n)}${t.width < 256 ? `.p/${t.width}` : ''}`;

async function fetchTile(path: string): Promise<Buffer> {
  const res = await app.inject({ method: 'GET', url: path });
  assert.equal(res.statusCode, 200, `${path}: ${res.body}`);
  assert.equal(res.headers['content-type'], 'application/octet-stream');
  assert.match(String(res.headers['cache-control']), /immutable/, `${path} is cached as immutable`);
  return res.rawPayload;
}

/** Splits an entry bundle: big-endian uint16 length, then the entry. */
function entries(bundle: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < bundle.length; ) {
    const len = bundle.readUInt16BE(at);
    out.push(bundle.subarray(at + 2, at + 2 + len));
    at += 2 + len;
  }
  return out;
}

/** RFC 6962 MTH over hashes that are already leaf-level hashes of equal subtrees. */
function mthOfHashes(hashes: readonly Buffer[]): Buffer {
  if (hashes.length === 1) return hashes[0]!;
  let k = 1;
  while (k * 2 < hashes.length) k *= 2;
  return nodeHash(mthOfHashes(hashes.slice(0, k)), mthOfHashes(hashes.slice(k)));
}

test('a tile client mirrors the log without a token and every tile agrees with the signed root', async () => {
  const key = (await app.inject({ method: 'GET', url: '/api/v1/ledger/key' })).json().verifierKey as string;
  const cpRes = await app.inject({ method: 'GET', url: '/ledger/checkpoint' });
  assert.equal(cpRes.statusCode, 200);
  assert.equal(cpRes.headers['content-type'], 'text/plain; charset=utf-8');
  assert.match(
    String(cpRes.headers['cache-control']),
    /max-age=[0-9]\b/,
    'the checkpoint is cached a few seconds at most',
  );
  const { treeSize, root } = checkCheckpointNote(cpRes.body, key);
  assert.ok(treeSize > 256 && treeSize < 65536, `tree size ${treeSize}`);

  // Entries: every bundle, full and partial; their hashes are the level-0 tiles.
  const leaves: Buffer[] = [];
  for (const t of tilesAt(0, treeSize)) {
    const bundle = entries(await fetchTile(tilePath('entries', t)));
    assert.equal(bundle.length, t.width);
    const hashes = await fetchTile(tilePath('0', t));
    assert.equal(hashes.length, 32 * t.width);
    bundle.forEach((e, i) =>
      assert.ok(leafHash(e).equals(hashes.subarray(32 * i, 32 * i + 32)), `entry ${i} of tile ${t.n}`),
    );
    leaves.push(...bundle);
  }
  assert.equal(leaves.length, treeSize);
  // Level 1: each hash is the MTH of a full level-0 tile.
  const level1 = tilesAt(1, treeSize);
  assert.deepEqual(level1, [{ n: 0, width: 1 }]);
  const l1 = await fetchTile(tilePath('1', level1[0]!));
  assert.ok(l1.equals(mth(leaves.slice(0, 256))));
  // The root from the tiles' hashes (full tile hashes, then the partial tile's) is the signed one.
  const rest = leaves.slice(256).map(leafHash);
  assert.ok(nodeHash(l1, mthOfHashes(rest)).equals(root), 'the tiles make the signed root');
  assert.ok(mth(leaves).equals(root));

  // A published figure from the mirrored leaves: demands received in the days they span, against
  // the public report of those days.
  const records = leaves
    .map((l) => (JSON.parse(l.toString('utf8')) as { r: { event?: string; receivedOn?: string } | null }).r)
    .filter((r) => r?.event === 'demand.received');
  const days = records.map((r) => r!.receivedOn!).sort();
  const received = records.length;
  const report = await app.inject({
    method: 'GET',
    url: `/api/v1/reports?period=${days[0]}..${days.at(-1)}&format=json`,
  });
  assert.equal(report.statusCode, 200, report.body);
  assert.equal(received, 9);
  assert.equal(report.json().totals.received, received);
});

test('what is not a tile, or lies past the latest checkpoint, is a 404 problem', async () => {
  const cp = checkCheckpointNote(
    (await app.inject({ method: 'GET', url: '/ledger/checkpoint' })).body,
    f.signing.verifierKey,
  );
  const past = Math.floor(cp.treeSize / 256) + 1;
  for (const url of [
    `/ledger/tile/0/${indexPath(past)}`,
    '/ledger/tile/0/001.p/0',
    '/ledger/tile/0/1',
    '/ledger/tile/0/x000/001',
    '/ledger/tile/entries/000.p/300',
    '/ledger/tile/64/000',
    `/ledger/tile/0/001.p/${(cp.treeSize % 256) + 1}`,
  ]) {
    const res = await app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 404, url);
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', url);
  }
});
