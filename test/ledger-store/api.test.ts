/**
 * The ledger API, checked the way an outside client would: checkpoints verified with the published
 * key, and inclusion and consistency proofs verified with an implementation written from RFC 6962
 * in this folder, not with src/ledger. Customer admins get proofs of their own tenant's events only.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/http/app.ts';
import { recordNoticeSent } from '../../src/workflow/record-notice-sent.ts';
import { sequenceLedger } from '../../src/workflow/sequence-ledger.ts';
import { STAFF } from '../support/factories.ts';
import { assertProblem, tokenFor } from '../support/http-kit.ts';
import {
  leafEvents,
  ledgerFixture,
  makeActivity,
  receive,
  storedLeaves,
  type LedgerFixture,
} from './support/ledger-fixtures.ts';
import {
  checkCheckpointNote,
  checkConsistency,
  checkInclusion,
  checkOpeningsIndependently,
  leafHash,
  mth,
} from './support/rfc6962.ts';

type Auth = { authorization: string };

let f: LedgerFixture;
let app: FastifyInstance;
let admin: Auth;
let auditor: Auth;
let reviewer: Auth;
let officer: Auth;
let adminEnt: Auth;
let adminCon: Auth;
let vkey: string;

const b64 = (s: string) => Buffer.from(s, 'base64');
const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
const cut = (who: Auth = admin) => app.inject({ method: 'POST', url: '/api/v1/ledger/checkpoints', headers: who });

interface InclusionBody {
  index: number;
  eventId: string;
  treeSize: number;
  leaf: string;
  leafHash: string;
  salt: string | null;
  format: number;
  commitments: string[];
  openings: { name: string; element: number | null; value: string; salt: string }[];
  disclosed: Record<string, unknown>;
  proof: string[];
  rootHash: string;
  checkpoint: string | null;
}

/** Verifies an inclusion answer independently: leaf hash, proof, and the root a signed checkpoint vouches for. */
function assertInclusionVerifies(body: InclusionBody, signedRoot: Buffer): void {
  const leaf = Buffer.from(body.leaf, 'utf8');
  assert.ok(leafHash(leaf).equals(b64(body.leafHash)), 'leaf hash is SHA-256(0x00 ‖ leaf)');
  assert.equal(JSON.parse(body.leaf).seq, body.index, 'the leaf names its own index');
  assert.ok(b64(body.rootHash).equals(signedRoot), 'root is the signed one');
  assert.ok(
    checkInclusion(body.index, body.treeSize, leafHash(leaf), body.proof.map(b64), signedRoot),
    `inclusion of ${body.index} in ${body.treeSize}`,
  );
}

before(async () => {
  f = await ledgerFixture();
  app = await buildApp({ ctx: f.ctx, logLevel: 'silent', ledger: f.signing });
  admin = (await tokenFor(f.db, { roles: ['administrator'] })).auth;
  auditor = (await tokenFor(f.db, { roles: ['auditor'] })).auth;
  reviewer = (await tokenFor(f.db, { roles: ['reviewer'] })).auth;
  officer = (await tokenFor(f.db, { officerOf: f.dir.usPolice })).auth;
  adminEnt = (await tokenFor(f.db, { adminOf: f.dir.enterprise })).auth;
  adminCon = (await tokenFor(f.db, { adminOf: f.dir.consumer })).auth;
});
after(async () => {
  await app?.close();
  await f?.t.drop();
});

describe('checkpoints and the key', () => {
  test('before the first checkpoint: 404 problem+json; an inclusion proof waits for one (409)', async () => {
    assertProblem(await get('/api/v1/ledger/checkpoint'), 404);
    await sequenceLedger(f.db);
    assertProblem(await get('/api/v1/ledger/proof/inclusion?index=0', auditor), 409);
  });

  test('the key is public and is a signed-note Ed25519 verifier key for the configured origin', async () => {
    const res = await get('/api/v1/ledger/key');
    assert.equal(res.statusCode, 200);
    vkey = res.json().verifierKey;
    assert.equal(vkey, f.signing.verifierKey);
    assert.equal(res.json().origin, f.signing.origin);
    assert.match(vkey, /^[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/);
  });

  test('an administrator cuts a checkpoint (201); again without growth gives the same one (200); others may not (403)', async () => {
    await makeActivity(f, 2);
    const first = await cut();
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().created, true);
    const again = await cut();
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().created, false);
    assert.equal(again.json().checkpoint, first.json().checkpoint);
    for (const who of [auditor, reviewer, adminEnt]) assertProblem(await cut(who), 403);
    assertProblem(await app.inject({ method: 'POST', url: '/api/v1/ledger/checkpoints' }), 401);
  });

  test('the latest checkpoint is public, signed by the published key, and commits to the RFC 6962 root of every leaf', async () => {
    const res = await get('/api/v1/ledger/checkpoint');
    assert.equal(res.statusCode, 200);
    const { origin, treeSize, root } = checkCheckpointNote(res.json().checkpoint, vkey);
    assert.equal(origin, f.signing.origin);
    assert.equal(treeSize, res.json().treeSize);
    assert.equal(treeSize, (await leafEvents(f.db)).length, 'the cut sequenced every recorded event first');
    assert.ok(root.equals(mth(await storedLeaves(f.db))), 'root is MTH of the stored leaves');
    assert.ok(root.equals(b64(res.json().rootHash)));
  });
});

describe('inclusion proofs', () => {
  test('for every leaf, at the latest checkpoint and at a smaller size, by index and by event id', async () => {
    const cp = checkCheckpointNote((await get('/api/v1/ledger/checkpoint')).json().checkpoint, vkey);
    const leaves = await leafEvents(f.db);
    const smaller = Math.max(1, Math.floor(cp.treeSize / 2) + 1);
    const smallerRoot = mth((await storedLeaves(f.db)).slice(0, smaller));
    for (const l of leaves) {
      const byIndex = await get(`/api/v1/ledger/proof/inclusion?index=${l.idx}`, auditor);
      assert.equal(byIndex.statusCode, 200, byIndex.body);
      assertInclusionVerifies(byIndex.json(), cp.root);
      assert.equal(byIndex.json().eventId, l.eventId);
      assert.equal(byIndex.json().checkpoint.length > 0, true, 'the signed checkpoint comes with the proof');
      const byEvent = await get(`/api/v1/ledger/proof/inclusion?event=${l.eventId}`, reviewer);
      assert.deepEqual(byEvent.json().proof, byIndex.json().proof);
      if (l.idx < smaller) {
        const at = await get(`/api/v1/ledger/proof/inclusion?index=${l.idx}&size=${smaller}`, auditor);
        assert.equal(at.statusCode, 200, at.body);
        assertInclusionVerifies(at.json(), smallerRoot);
      }
    }
  });

  test('a proof does not verify for another leaf or another index (the independent checker can fail)', async () => {
    const body = (await get('/api/v1/ledger/proof/inclusion?index=3', auditor)).json() as InclusionBody;
    const other = (await get('/api/v1/ledger/proof/inclusion?index=4', auditor)).json() as InclusionBody;
    const root = b64(body.rootHash);
    assert.ok(!checkInclusion(3, body.treeSize, leafHash(Buffer.from(other.leaf)), body.proof.map(b64), root));
    assert.ok(!checkInclusion(5, body.treeSize, leafHash(Buffer.from(body.leaf)), body.proof.map(b64), root));
  });

  test('staff see the values behind the commitments, and they open them', async () => {
    const received = (
      await sql<{ id: string }>`select id from events where type = 'demand.received' order by id limit 1`.execute(f.db)
    ).rows[0]!.id;
    const body = (await get(`/api/v1/ledger/proof/inclusion?event=${received}`, auditor)).json() as InclusionBody;
    assert.equal(body.format, 2);
    assert.equal(body.salt, null, 'the event secret is never handed out');
    const names = body.openings.map((o) => o.name);
    for (const n of ['type', 'time', 'actor', 'demandId', 'payload.customerIds']) assert.ok(names.includes(n), n);
    assert.ok(checkOpeningsIndependently(body.leaf, body.commitments, body.openings));
    assert.equal(body.disclosed.actor, body.openings.find((o) => o.name === 'actor')!.value);
    const wrong = body.openings.map((o) => (o.name === 'actor' ? { ...o, value: 'staff:someone-else' } : o));
    assert.ok(!checkOpeningsIndependently(body.leaf, body.commitments, wrong), 'and the check can fail');
  });

  test('bad requests are problem+json: neither or both of event and index, a size past the log or below the leaf, unknown event', async () => {
    assertProblem(await get('/api/v1/ledger/proof/inclusion', auditor), 422, ['/query/event']);
    assertProblem(await get('/api/v1/ledger/proof/inclusion?index=1&event=2', auditor), 422, ['/query/event']);
    assertProblem(await get('/api/v1/ledger/proof/inclusion?index=0&size=100000', auditor), 422, ['/query/size']);
    assertProblem(await get('/api/v1/ledger/proof/inclusion?index=5&size=5', auditor), 422, ['/query/size']);
    assertProblem(await get('/api/v1/ledger/proof/inclusion?index=abc', auditor), 422);
    assertProblem(await get('/api/v1/ledger/proof/inclusion?event=99999999', auditor), 404);
    assertProblem(await get('/api/v1/ledger/proof/inclusion?index=0'), 401);
    assertProblem(await get('/api/v1/ledger/proof/inclusion?index=0', officer), 403);
  });
});

describe('consistency proofs', () => {
  test('between two checkpoints, public, verified independently against both signed roots', async () => {
    const old = checkCheckpointNote((await get('/api/v1/ledger/checkpoint')).json().checkpoint, vkey);
    await makeActivity(f, 1);
    assert.equal((await cut()).statusCode, 201);
    const now = checkCheckpointNote((await get('/api/v1/ledger/checkpoint')).json().checkpoint, vkey);
    assert.ok(now.treeSize > old.treeSize);
    const res = await get(`/api/v1/ledger/proof/consistency?from=${old.treeSize}&to=${now.treeSize}`);
    assert.equal(res.statusCode, 200, res.body);
    const proof = (res.json().proof as string[]).map(b64);
    assert.ok(checkConsistency(old.treeSize, now.treeSize, proof, old.root, now.root));
    assert.ok(
      !checkConsistency(old.treeSize, now.treeSize, proof, Buffer.alloc(32), now.root),
      'and the checker can fail',
    );
  });

  test('for every pair of sizes of a small prefix, against MTH of the stored leaves', async () => {
    const leaves = await storedLeaves(f.db);
    for (let a = 1; a <= 9; a++) {
      for (let b = a; b <= 17; b++) {
        const res = await get(`/api/v1/ledger/proof/consistency?from=${a}&to=${b}`);
        assert.equal(res.statusCode, 200, res.body);
        assert.ok(
          checkConsistency(
            a,
            b,
            (res.json().proof as string[]).map(b64),
            mth(leaves.slice(0, a)),
            mth(leaves.slice(0, b)),
          ),
          `${a} → ${b}`,
        );
      }
    }
  });

  test('impossible sizes are problem+json', async () => {
    assertProblem(await get('/api/v1/ledger/proof/consistency?from=5&to=3'), 422, ['/query/from']);
    assertProblem(await get('/api/v1/ledger/proof/consistency?from=1&to=100000'), 422, ['/query/to']);
    assertProblem(await get('/api/v1/ledger/proof/consistency?from=0&to=3'), 422);
    assertProblem(await get('/api/v1/ledger/proof/consistency?from=1'), 422);
  });
});

describe('customer admins', () => {
  let ent: { id: string };
  let held: { id: string };
  let eventOf: (demandId: string) => Promise<string>;

  before(async () => {
    ent = await receive(f, { caseNumber: 'CUST-ENT', targets: [{ kind: 'email', value: 'bob@acme.example' }] });
    held = await receive(f, { caseNumber: 'CUST-HELD', targets: [{ kind: 'email', value: 'carol@acme.example' }] });
    await recordNoticeSent(f.ctx, { demand: ent.id, actor: STAFF, recipients: 1, channels: ['email'] });
    assert.equal((await cut()).statusCode, 201);
    eventOf = async (demandId) =>
      (
        await sql<{
          id: string;
        }>`select id from events where demand_id = ${demandId} and type = 'demand.received'`.execute(f.db)
      ).rows[0]!.id;
  });

  test("get the proof, leaf and salt of their own tenant's event, and open their own id in it", async () => {
    const cp = checkCheckpointNote((await get('/api/v1/ledger/checkpoint')).json().checkpoint, vkey);
    const res = await get(`/api/v1/ledger/proof/inclusion?event=${await eventOf(ent.id)}`, adminEnt);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as InclusionBody;
    assertInclusionVerifies(body, cp.root);
    assert.equal(body.salt, null);
    assert.ok(checkOpeningsIndependently(body.leaf, body.commitments, body.openings));
    assert.deepEqual(body.openings.map((o) => o.name).sort(), ['demandId', 'payload.customerIds', 'time', 'type']);
    assert.equal(body.openings.find((o) => o.name === 'payload.customerIds')!.value, f.dir.enterprise);
    assert.equal(body.disclosed.demandId, ent.id);
    assert.deepEqual(body.disclosed['payload.customerIds'], [f.dir.enterprise], 'its own id, no actor or note');
    // The salts it holds do not open a guess about the actor, even the right one.
    const { rows } = await sql<{ actor: string }>`select actor from events where id = ${body.eventId}`.execute(f.db);
    for (const o of body.openings) {
      const guess = [{ name: 'actor', value: rows[0]!.actor, salt: o.salt }];
      assert.ok(!checkOpeningsIndependently(body.leaf, body.commitments, guess));
    }
  });

  test("get 404, reading exactly like no event at all, for another tenant's event, by event id and by index", async () => {
    const other = await eventOf(ent.id);
    const none = await get('/api/v1/ledger/proof/inclusion?event=99999999', adminCon);
    const hidden = await get(`/api/v1/ledger/proof/inclusion?event=${other}`, adminCon);
    assertProblem(hidden, 404);
    assert.equal(hidden.json().detail, `No event ${other} in the log`);
    assert.equal(none.json().title, hidden.json().title);
    const idx = (await leafEvents(f.db)).find((l) => l.eventId === other)!.idx;
    assertProblem(await get(`/api/v1/ledger/proof/inclusion?index=${idx}`, adminCon), 404);
    // Leaf 0 records an agency: no tenant's event.
    assertProblem(await get(`/api/v1/ledger/proof/inclusion?index=0`, adminCon), 404);
  });

  test('get 404 for their own demand while its notice has not gone out (the ledger must not tip them off)', async () => {
    assertProblem(await get(`/api/v1/ledger/proof/inclusion?event=${await eventOf(held.id)}`, adminEnt), 404);
  });

  test('see the creation of their own customer record, not of another', async () => {
    const { rows } = await sql<{
      id: string;
      c: string;
    }>`select id, payload->>'customerId' as c from events where type = 'customer.created'`.execute(f.db);
    const own = rows.find((r) => r.c === f.dir.enterprise)!.id;
    const theirs = rows.find((r) => r.c === f.dir.consumer)!.id;
    assert.equal((await get(`/api/v1/ledger/proof/inclusion?event=${own}`, adminEnt)).statusCode, 200);
    assertProblem(await get(`/api/v1/ledger/proof/inclusion?event=${theirs}`, adminEnt), 404);
    assert.equal((await get(`/api/v1/ledger/proof/inclusion?event=${theirs}`, adminCon)).statusCode, 200);
  });

  test('a query cannot widen their scope: unknown parameters are refused', async () => {
    assertProblem(
      await get(`/api/v1/ledger/proof/inclusion?event=${await eventOf(ent.id)}&customer=${randomUUID()}`, adminCon),
      422,
    );
  });
});
