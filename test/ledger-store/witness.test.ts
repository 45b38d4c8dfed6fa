/**
 * Witnessing (c2sp.org/tlog-witness, tlog-cosignature): a second Writ, listening on its own port
 * with its own database, witnesses the first one's log. The first submits each checkpoint with a
 * consistency proof; the cosignature that comes back carries a time and verifies with a checker
 * written here from the spec. Every checkpoint also carries the log's own timestamped cosignature.
 * The witness refuses what the protocol says it must.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { cosignatureVerifier, cosignerFromNoteKey } from '../../src/ledger/cosignature.ts';
import { generateLedgerSigning } from '../../src/ledger/log-signing.ts';
import { generateNoteKeyPair, parseSignerKey } from '../../src/ledger/note-keys.ts';
import { buildApp } from '../../src/http/app.ts';
import { cutCheckpoint } from '../../src/workflow/cut-checkpoint.ts';
import { publishedCheckpoint, requestCosignatures } from '../../src/workflow/request-cosignatures.ts';
import { sequenceLedger } from '../../src/workflow/sequence-ledger.ts';
import { ledgerFixture, makeActivity, type LedgerFixture } from './support/ledger-fixtures.ts';
import { checkCheckpointNote, checkCosignatureLine } from './support/rfc6962.ts';

const WITNESS = 'witness.second-writ.example';
let log: LedgerFixture;
let second: LedgerFixture;
let witnessApp: FastifyInstance;
let url: string;
const witnessKey = generateNoteKeyPair(WITNESS);

before(async () => {
  log = await ledgerFixture();
  second = await ledgerFixture();
  const { cosigner } = cosignerFromNoteKey(parseSignerKey(witnessKey.signerKey), witnessKey.verifierKey);
  witnessApp = await buildApp({
    ctx: second.ctx,
    logLevel: 'silent',
    ledger: second.signing,
    witness: { cosigner, logs: new Map([[log.signing.origin, log.signing.verifier]]) },
  });
  const address = await witnessApp.listen({ port: 0, host: '127.0.0.1' });
  url = `${address}/witness`;
});
after(async () => {
  await witnessApp?.close();
  await log?.t.drop();
  await second?.t.drop();
});

const policy = () => ({ witnesses: [{ url, verifier: cosignatureVerifier(witnessKey.verifierKey) }], quorum: 1 });

async function grow(): Promise<void> {
  await makeActivity(log, 1);
  await sequenceLedger(log.db);
  await cutCheckpoint(log.db, log.signing);
}

test('every checkpoint carries the log’s own signed time (a tlog-cosignature by its key)', async () => {
  await grow();
  const cp = await publishedCheckpoint(log.db, 0);
  const time = checkCosignatureLine(cp!.note, log.signing.verifier.name, log.signing.verifierKey);
  assert.ok(Math.abs(time - Date.now() / 1000) < 600, 'the signed time is now');
  checkCheckpointNote(cp!.note, log.signing.verifierKey);
});

test('a second Writ witnesses the first: its cosignature verifies, and again after the log grows', async () => {
  assert.equal(await publishedCheckpoint(log.db, 1), undefined, 'not published before a witness cosigned');
  const first = await requestCosignatures(log.db, policy());
  assert.deepEqual(
    first.map((r) => r.result.split(' ')[0]),
    ['cosigned'],
    JSON.stringify(first),
  );
  const cp = (await publishedCheckpoint(log.db, 1))!;
  const { treeSize } = checkCheckpointNote(cp.note, log.signing.verifierKey);
  const t1 = checkCosignatureLine(cp.note, WITNESS, witnessKey.verifierKey);
  assert.ok(Math.abs(t1 - Date.now() / 1000) < 600);
  // The log grows; the witness checks the consistency proof from the size it cosigned.
  await grow();
  const again = await requestCosignatures(log.db, policy());
  assert.match(again[0]!.result, /^cosigned /, JSON.stringify(again));
  const next = (await publishedCheckpoint(log.db, 1))!;
  assert.ok(checkCheckpointNote(next.note, log.signing.verifierKey).treeSize > treeSize);
  checkCosignatureLine(next.note, WITNESS, witnessKey.verifierKey);
  assert.equal(await publishedCheckpoint(log.db, 2), undefined, 'a quorum of two is not met by one witness');
});

test('the well-known document names the key and the witnesses; from it alone a monitor checks the checkpoint', async () => {
  const app = await buildApp({
    ctx: log.ctx,
    logLevel: 'silent',
    ledger: log.signing,
    witnessQuorum: 1,
    witnesses: [{ url, verifierKey: witnessKey.verifierKey }],
  });
  try {
    const res = await app.inject({ method: 'GET', url: '/.well-known/writ-ledger.json' });
    assert.equal(res.statusCode, 200);
    const known = res.json();
    assert.equal(known.origin, log.signing.origin);
    assert.equal(known.verifierKey, log.signing.verifierKey);
    assert.deepEqual(known.witnesses, [{ url, verifierKey: witnessKey.verifierKey }]);
    assert.equal(known.witnessQuorum, 1);
    const api = (await app.inject({ method: 'GET', url: '/api/v1/ledger/key' })).json();
    assert.equal(api.verifierKey, known.verifierKey, 'one key, wherever it is read');
    // A monitor that knows only this document: the checkpoint it names verifies with the key it
    // names, and carries a cosignature of each witness it names.
    const note = (await app.inject({ method: 'GET', url: known.checkpoint })).body;
    checkCheckpointNote(note, known.verifierKey);
    for (const w of known.witnesses) checkCosignatureLine(note, WITNESS, w.verifierKey);
  } finally {
    await app.close();
  }
});

test('the witness refuses what the protocol says: unknown log, wrong key, stale size, bad proof', async () => {
  const cp = (await publishedCheckpoint(log.db, 0))!;
  const post = (body: string) => fetch(`${url}/add-checkpoint`, { method: 'POST', body });
  const size = checkCheckpointNote(cp.note, log.signing.verifierKey).treeSize;
  const stranger = generateLedgerSigning('other.example/log');
  const strangerNote = cp.note.replace(/^[^\n]+/, 'other.example/log');
  assert.equal((await post(`old 0\n\n${strangerNote}`)).status, 404, 'a log it does not watch');
  const forged = await cutCheckpointWith(stranger.signing.signer);
  assert.equal((await post(`old 0\n\n${forged}`)).status, 403, 'not signed by the log’s key');
  const stale = await post(`old 1\n\n${cp.note}`);
  assert.equal(stale.status, 409);
  assert.equal(stale.headers.get('content-type'), 'text/x.tlog.size');
  assert.equal(await stale.text(), `${size}\n`);
  assert.equal((await post(`old ${size + 5}\n\n${cp.note}`)).status, 400, 'old size past the checkpoint');
  assert.equal((await post('nonsense')).status, 400);
  // A larger checkpoint with a wrong proof is refused, and the witness's size does not move.
  await grow();
  const bigger = (await publishedCheckpoint(log.db, 0))!;
  const wrong = `old ${size}\n${Buffer.alloc(32).toString('base64')}\n\n${bigger.note}`;
  assert.equal((await post(wrong)).status, 422);
  assert.equal((await post(`old 1\n\n${cp.note}`)).status, 409);
});

/** The log's latest checkpoint body signed by another key under the log's name (a forgery). */
async function cutCheckpointWith(signer: {
  name: string;
  keyId: number;
  sign(m: Uint8Array): Uint8Array;
}): Promise<string> {
  const cp = (await publishedCheckpoint(log.db, 0))!;
  const body = cp.note.slice(0, cp.note.lastIndexOf('\n\n') + 1);
  const sig = Buffer.alloc(4 + 64);
  sig.writeUInt32BE(signer.keyId, 0);
  Buffer.from(signer.sign(Buffer.from(body, 'utf8'))).copy(sig, 4);
  return `${body}\n— ${log.signing.verifier.name} ${sig.toString('base64')}\n`;
}
