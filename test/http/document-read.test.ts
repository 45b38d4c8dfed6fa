/**
 * POST /api/v1/documents/read as the agency portal uses it: an officer reads its own demand's
 * document and gets the fields with their evidence, a demand for its own agency, and nothing about
 * whose accounts the identifiers are; every read is on the record. Who may not call it, and the
 * limits: size, type, pages, time, calls per minute.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { newPdf, pdfBytes } from '../../src/documents/pdf.ts';
import { buildApp } from '../../src/http/app.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testContext } from '../support/context.ts';
import { seedDirectory, type Directory } from '../support/factories.ts';
import { assertProblem, multipart, tokenFor } from '../support/http-kit.ts';
import { makeCorpus, scanOf, type CorpusDocument } from '../support/legal-corpus.ts';

let t: TestDb;
let app: FastifyInstance;
let smallApp: FastifyInstance; // the same database, a 4 KiB document limit
let hastyApp: FastifyInstance; // the same database, one second to read a document
let dir: Directory;
let officer: { principalId: string; auth: { authorization: string } };
let warrant: CorpusDocument;

before(async () => {
  t = await createTestDb();
  const ctx = testContext(t.db);
  dir = await seedDirectory(ctx);
  app = await buildApp({ ctx, logLevel: 'silent' });
  smallApp = await buildApp({ ctx: testContext(t.db, undefined, { maxDocumentBytes: 4096 }), logLevel: 'silent' });
  hastyApp = await buildApp({ ctx, logLevel: 'silent', documentReading: { timeoutMs: 1000 } });
  officer = await tokenFor(t.db, { officerOf: dir.usPolice });
  warrant = (await makeCorpus({ seed: 18, perKind: 1 })).find((d) => d.kind === 'search_warrant')!;
});
after(async () => {
  await app?.close();
  await smallApp?.close();
  await hastyApp?.close();
  await t?.drop();
});

const read = (
  auth: { authorization: string } | Record<string, never>,
  file: { bytes: Buffer; contentType?: string; filename?: string },
  on = app,
) => {
  const body = multipart({}, [
    {
      name: 'file',
      filename: file.filename ?? 'demand.pdf',
      contentType: file.contentType ?? 'application/pdf',
      bytes: file.bytes,
    },
  ]);
  return on.inject({
    method: 'POST',
    url: '/api/v1/documents/read',
    headers: { ...auth, ...body.headers },
    payload: body.payload,
  });
};

const readsRecorded = async () =>
  t.db
    .selectFrom('events')
    .select(['actor', 'demand_id', 'payload'])
    .where('type', '=', 'document.read')
    .orderBy('id')
    .execute();

interface Reading {
  pageCount: number;
  problems: string[];
  fields: Record<string, { value: unknown; confidence: number; evidence: { page: number; text: string }[] } | null> & {
    identifiers: { value: { kind: string; value: string }; confidence: number; match?: unknown }[];
  };
  pages: { page: number; source: string; text: string }[];
  suggested: { channel: string; agencyId: string; instrument: string; caseNumber: string; targets: unknown[] };
}

test('an officer reads its own demand: fields with evidence, a demand for its agency, no account looked up, the read recorded', async () => {
  const before = (await readsRecorded()).length;
  const res = await read(officer.auth, { bytes: warrant.pdf });
  assert.equal(res.statusCode, 200, res.body);
  const r = res.json() as Reading;
  assert.equal(r.pageCount, 1);
  assert.equal(r.pages[0]!.source, 'text');
  const key = warrant.key;
  assert.equal(r.fields.instrument!.value, 'search_warrant');
  assert.equal(r.fields.caseNumber!.value, key.caseNumber);
  assert.equal(r.fields.issuedAt!.value, key.issuedAt);
  // Each field says where it was read and how sure the reading is.
  const evidence = r.fields.caseNumber!.evidence[0]!;
  assert.equal(evidence.page, 1);
  assert.ok(r.pages[0]!.text.includes(evidence.text));
  assert.ok(r.fields.caseNumber!.confidence > 0 && r.fields.caseNumber!.confidence <= 1);
  // The demand is the officer's own agency's, from the portal; every identifier goes into it.
  assert.equal(r.suggested.agencyId, dir.usPolice);
  assert.equal(r.suggested.channel, 'agency_portal');
  assert.equal(r.suggested.instrument, 'search_warrant');
  assert.deepEqual(r.suggested.targets, key.identifiers);
  // Nothing says whose account an identifier is, not even that it is nobody's.
  assert.ok(r.fields.identifiers.length > 0);
  for (const i of r.fields.identifiers) assert.equal('match' in i, false);

  const reads = await readsRecorded();
  assert.equal(reads.length, before + 1);
  const rec = reads.at(-1)!;
  assert.equal(rec.actor, `agency:${officer.principalId}`);
  assert.equal(rec.demand_id, null);
  assert.deepEqual(rec.payload, {
    viewer: `agency:${officer.principalId}`,
    sha256: createHash('sha256').update(warrant.pdf).digest('hex'),
    bytes: warrant.pdf.length,
    pageCount: 1,
    accountsLookedUp: false,
  });
});

test('staff who take demands in read the same document with its accounts looked up, on the record', async () => {
  const intake = await tokenFor(t.db, { roles: ['intake'] });
  const res = await read(intake.auth, { bytes: warrant.pdf });
  assert.equal(res.statusCode, 200, res.body);
  const r = res.json() as Reading;
  assert.equal(r.suggested.agencyId, null);
  for (const i of r.fields.identifiers) assert.equal(i.match, null, 'not a customer account');
  const rec = (await readsRecorded()).at(-1)!;
  assert.equal(rec.actor, `staff:${intake.principalId}`);
  assert.equal((rec.payload as { accountsLookedUp: boolean }).accountsLookedUp, true);
});

test('a customer admin, an approver and an anonymous caller may not read documents; nothing is read or recorded', async () => {
  const before = (await readsRecorded()).length;
  const admin = await tokenFor(t.db, { adminOf: dir.enterprise });
  const approver = await tokenFor(t.db, { roles: ['approver'] });
  assertProblem(await read(admin.auth, { bytes: warrant.pdf }), 403);
  assertProblem(await read(approver.auth, { bytes: warrant.pdf }), 403);
  assertProblem(await read({}, { bytes: warrant.pdf }), 401);
  assert.equal((await readsRecorded()).length, before);
});

test('refused before reading: too large, not a PDF or image, bytes not what they claim, no file; none recorded', async () => {
  const before = (await readsRecorded()).length;
  const big = assertProblem(await read(officer.auth, { bytes: warrant.pdf }, smallApp), 413);
  assert.match(big.detail, /too large/);
  const text = assertProblem(
    await read(officer.auth, { bytes: Buffer.from('SEARCH WARRANT'), contentType: 'text/plain', filename: 'w.txt' }),
    415,
  );
  assert.match(text.detail, /not accepted/);
  const disguised = assertProblem(await read(officer.auth, { bytes: Buffer.from('<html>a warrant</html>') }), 415);
  assert.match(disguised.detail, /content is not application\/pdf/);
  const none = multipart({ note: 'no file' });
  assertProblem(
    await app.inject({
      method: 'POST',
      url: '/api/v1/documents/read',
      headers: { ...officer.auth, ...none.headers },
      payload: none.payload,
    }),
    422,
  );
  assert.equal((await readsRecorded()).length, before);
});

test('a document that cannot be read says why; the attempt is on the record', async () => {
  const before = (await readsRecorded()).length;
  const bad = assertProblem(await read(officer.auth, { bytes: Buffer.from('%PDF-1.7 not really a PDF') }), 422);
  assert.match(bad.detail, /^demand\.pdf: /);
  const reads = await readsRecorded();
  assert.equal(reads.length, before + 1);
  assert.equal((reads.at(-1)!.payload as { pageCount: number | null }).pageCount, null);
});

test('pages past the limit are not read, and the answer says so', async () => {
  const doc = newPdf({ title: 'long' });
  doc.text('SEARCH AND SEIZURE WARRANT');
  for (let p = 2; p <= 23; p++) doc.addPage().text(`Attachment page ${p}`);
  const res = await read(officer.auth, { bytes: await pdfBytes(doc) });
  assert.equal(res.statusCode, 200, res.body);
  const r = res.json() as Reading;
  assert.equal(r.pageCount, 23);
  assert.equal(r.pages.length, 20);
  assert.deepEqual(r.problems, ['only the first 20 of 23 pages were read']);
});

test('a document that takes longer than the time limit to read is refused with the reason', async () => {
  // A scan goes through OCR, which takes seconds.
  const scan = await scanOf(warrant.pdf, 18);
  const slow = assertProblem(await read(officer.auth, { bytes: scan }, hastyApp), 422);
  assert.match(slow.detail, /reading took longer than 1 s/);
});

test('a caller may ask for twenty readings a minute', async () => {
  const busy = await tokenFor(t.db, { officerOf: dir.usPolice });
  const statuses: number[] = [];
  for (let i = 0; i < 21; i++)
    statuses.push((await read(busy.auth, { bytes: Buffer.from('%PDF-1.7 not really a PDF') })).statusCode);
  assert.deepEqual(statuses, [...Array(20).fill(422), 429]);
});
