/**
 * Compelled disclosure done safely: a package needs two approvers, neither of them its preparer;
 * the recipient verifies the signed manifest with the published key and every file's SHA-256 (a
 * flipped byte fails); the download link works once, for the officer it was issued to, before it
 * expires; every step is on the demand's timeline.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify as edVerify } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../src/domain/errors.ts';
import type { Actor } from '../../src/domain/events.ts';
import { buildApp } from '../../src/http/app.ts';
import { generateLedgerSigning } from '../../src/ledger/log-signing.ts';
import { createPrincipal, issueToken } from '../../src/store/principal-repository.ts';
import { acceptDemand } from '../../src/workflow/accept-demand.ts';
import { approveDisclosure } from '../../src/workflow/approve-disclosure.ts';
import type { WorkflowContext } from '../../src/workflow/context.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { prepareDisclosurePackage } from '../../src/workflow/prepare-disclosure-package.ts';
import { produceDisclosure } from '../../src/workflow/produce-disclosure.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testClock, testContext } from '../support/context.ts';
import { STAFF, seedDirectory, warrantInput, type Directory } from '../support/factories.ts';

let t: TestDb;
let ctx: WorkflowContext;
let app: FastifyInstance;
let dir: Directory;
const clock = testClock('2026-11-02T09:00:00Z');
const signing = generateLedgerSigning('provider.example/ledger').signing;
const PREPARER: Actor = { kind: 'staff', id: 'preparer' };
const A1: Actor = { kind: 'staff', id: 'approver-1' };
const A2: Actor = { kind: 'staff', id: 'approver-2' };
const FILES = [
  { name: 'subscriber.csv', mediaType: 'text/csv', bytes: Buffer.from('name,email\nDana Doe,dana@writmail.example\n') },
  {
    name: 'messages.mbox',
    mediaType: 'application/mbox',
    bytes: Buffer.from('From dana@writmail.example\nSubject: hello\n\nhi\n'),
  },
];
let officerX: string;
let officerX2: string;
let officerY: string;

before(async () => {
  t = await createTestDb();
  ctx = testContext(t.db, clock);
  dir = await seedDirectory(ctx);
  app = await buildApp({ ctx, logLevel: 'silent', ledger: signing });
  officerX = await issueToken(
    t.db,
    await createPrincipal(t.db, {
      kind: 'officer',
      name: 'Det. X',
      email: 'x@springfield-pd.example',
      agencyId: dir.usPolice,
    }),
    't',
  );
  officerX2 = await issueToken(
    t.db,
    await createPrincipal(t.db, {
      kind: 'officer',
      name: 'Det. X2',
      email: 'x2@springfield-pd.example',
      agencyId: dir.usPolice,
    }),
    't',
  );
  officerY = await issueToken(
    t.db,
    await createPrincipal(t.db, {
      kind: 'officer',
      name: 'Kom. Y',
      email: 'y@lka.berlin.example',
      agencyId: dir.dePolice,
    }),
    't',
  );
});
after(async () => {
  await app.close();
  await t.drop();
});

async function compelled() {
  const { demand } = await intakeDemand(ctx, { input: warrantInput(dir), actor: STAFF });
  return acceptDemand(ctx, { demand: demand.id, actor: STAFF });
}

/** Verify a C2SP signed note's Ed25519 signature from the published verifier key, by the spec. */
function verifySignedNote(note: string, verifierKey: string): string {
  // <name>+<8 hex key ID>+<base64 key>: the base64 part may itself contain '+'.
  const first = verifierKey.indexOf('+');
  const name = verifierKey.slice(0, first);
  const keyIdHex = verifierKey.slice(first + 1, first + 9);
  const keyB64 = verifierKey.slice(first + 10);
  const key = Buffer.from(keyB64, 'base64');
  assert.equal(key[0], 1, 'Ed25519 key type');
  const split = note.lastIndexOf('\n\n');
  const text = note.slice(0, split + 1);
  const sigLines = note
    .slice(split + 2)
    .trim()
    .split('\n');
  const line = sigLines.find((l) => l.startsWith(`\u2014 ${name} `));
  assert.ok(line, 'a signature by the published key');
  const sig = Buffer.from(line.split(' ')[2]!, 'base64');
  assert.equal(sig.subarray(0, 4).toString('hex'), keyIdHex);
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), key.subarray(1)]);
  assert.ok(
    edVerify(null, Buffer.from(text), createPublicKey({ key: spki, format: 'der', type: 'spki' }), sig.subarray(4)),
    'signature verifies',
  );
  return text;
}

test('two approvers, neither the preparer; no approval without a package; no production without approval', async () => {
  const d = await compelled();
  await assert.rejects(
    approveDisclosure(ctx, { demand: d.id, actor: A1 }),
    (e: unknown) => e instanceof DomainError && e.code === 'illegal_transition',
  );
  await prepareDisclosurePackage(ctx, { demand: d.id, actor: PREPARER, files: FILES, signer: signing.signer });
  await assert.rejects(
    approveDisclosure(ctx, { demand: d.id, actor: PREPARER }),
    (e: unknown) => e instanceof DomainError && e.code === 'forbidden',
  );
  await approveDisclosure(ctx, { demand: d.id, actor: A1 });
  await assert.rejects(
    approveDisclosure(ctx, { demand: d.id, actor: A1 }),
    (e: unknown) => e instanceof DomainError && e.code === 'forbidden',
  );
  await assert.rejects(
    produceDisclosure(ctx, { demand: d.id, actor: A1 }),
    (e: unknown) => e instanceof DomainError && e.code === 'illegal_transition',
  );
  const approved = await approveDisclosure(ctx, { demand: d.id, actor: A2 });
  assert.equal(approved.state, 'approved');
});

test('the officer downloads once; the package verifies; a flipped byte does not', async () => {
  const d = await compelled();
  await prepareDisclosurePackage(ctx, { demand: d.id, actor: PREPARER, files: FILES, signer: signing.signer });
  await approveDisclosure(ctx, { demand: d.id, actor: A1 });
  await approveDisclosure(ctx, { demand: d.id, actor: A2 });
  await produceDisclosure(ctx, { demand: d.id, actor: A1 });

  const asOfficer = (token: string) => ({ authorization: `Bearer ${token}` });
  assert.equal(
    (
      await app.inject({
        method: 'POST',
        url: `/api/v1/demands/${d.reference}/package/link`,
        headers: asOfficer(officerY),
      })
    ).statusCode,
    404,
    'another agency',
  );
  const link = await app.inject({
    method: 'POST',
    url: `/api/v1/demands/${d.reference}/package/link`,
    headers: asOfficer(officerX),
  });
  assert.equal(link.statusCode, 201, link.body);
  const { url } = link.json() as { url: string };
  assert.equal(
    (await app.inject({ method: 'GET', url, headers: asOfficer(officerX2) })).statusCode,
    404,
    'a colleague cannot use a link issued to someone else',
  );
  const got = await app.inject({ method: 'GET', url, headers: asOfficer(officerX) });
  assert.equal(got.statusCode, 200, got.body);
  assert.equal((await app.inject({ method: 'GET', url, headers: asOfficer(officerX) })).statusCode, 404, 'single use');

  // The recipient's check: signature with the published key, then every file against the manifest.
  const pkg = got.json() as { signedManifest: string; files: { name: string; base64: string }[] };
  const text = verifySignedNote(pkg.signedManifest, signing.verifierKey);
  const manifest = JSON.parse(text.split('\n')[1]!) as { files: { name: string; sha256: string }[]; demand: string };
  assert.equal(manifest.demand, d.reference);
  const hashes = (files: { name: string; base64: string }[]) =>
    files.map((f) => createHash('sha256').update(Buffer.from(f.base64, 'base64')).digest('hex'));
  assert.deepEqual(
    hashes(pkg.files),
    manifest.files.map((f) => f.sha256),
  );
  const tampered = pkg.files.map((f) => ({ ...f }));
  const bytes = Buffer.from(tampered[0]!.base64, 'base64');
  bytes[3]! ^= 0x01;
  tampered[0]!.base64 = bytes.toString('base64');
  assert.notDeepEqual(
    hashes(tampered),
    manifest.files.map((f) => f.sha256),
    'a flipped byte no longer matches its manifest entry',
  );
  const flippedNote = pkg.signedManifest.replace(
    d.reference,
    d.reference.replace(/\d$/, (c) => String((Number(c) + 1) % 10)),
  );
  assert.throws(() => verifySignedNote(flippedNote, signing.verifierKey));

  const events = (
    await t.db.selectFrom('events').select('type').where('demand_id', '=', d.id).orderBy('id').execute()
  ).map((e) => e.type);
  for (const e of [
    'disclosure.package_prepared',
    'demand.approved',
    'demand.produced',
    'disclosure.link_issued',
    'disclosure.downloaded',
  ])
    assert.ok(events.includes(e), e);
});

test('a link expires', async () => {
  const d = await compelled();
  await prepareDisclosurePackage(ctx, { demand: d.id, actor: PREPARER, files: FILES, signer: signing.signer });
  await approveDisclosure(ctx, { demand: d.id, actor: A1 });
  await approveDisclosure(ctx, { demand: d.id, actor: A2 });
  await produceDisclosure(ctx, { demand: d.id, actor: A1 });
  const link = await app.inject({
    method: 'POST',
    url: `/api/v1/demands/${d.reference}/package/link`,
    headers: { authorization: `Bearer ${officerX}` },
  });
  clock.advance(16 * 60_000);
  assert.equal(
    (
      await app.inject({
        method: 'GET',
        url: (link.json() as { url: string }).url,
        headers: { authorization: `Bearer ${officerX}` },
      })
    ).statusCode,
    404,
  );
});
