/**
 * The agency form filled in from a document, field by field, for every kind of legal process the
 * generated corpus has (warrants, subpoenas, 2703(d) orders, preservation letters, emergency forms,
 * NSLs, EU certificates, UK orders, MLAT requests), in each layout: the document is read by the
 * real route (POST /api/v1/documents/read), the form filled by the page's own function, and each
 * form field compared with the corpus's answer key. Then the form passes its own checks once the
 * officer has added what no document says (an account the directory knows). Covers what the
 * browser test does not: emergencies, orders "until further order", every instrument's fields.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { EMPTY_FORM, validateIntakeForm } from '../../web/src/features/agency/intake-form.ts';
import { prefillForm } from '../../web/src/features/agency/prefill.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testContext } from '../support/context.ts';
import { seedDirectory, type Directory } from '../support/factories.ts';
import { multipart, tokenFor } from '../support/http-kit.ts';
import { makeCorpus, type CorpusDocument } from '../support/legal-corpus.ts';

let t: TestDb;
let app: FastifyInstance;
let dir: Directory;
let corpus: CorpusDocument[];

before(async () => {
  t = await createTestDb();
  const ctx = testContext(t.db);
  dir = await seedDirectory(ctx);
  app = await buildApp({ ctx, logLevel: 'silent' });
  corpus = (await makeCorpus({ seed: 41, perKind: 2 })).filter((d) => !d.scanned);
});
after(async () => {
  await app?.close();
  await t?.drop();
});

const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '');
const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

test('every kind and layout of the corpus fills the form as its answer key says', async () => {
  assert.ok(corpus.length >= 20, `a corpus of every kind in two layouts (${corpus.length})`);
  const kinds = new Set<string>();
  let caller = await tokenFor(t.db, { roles: ['intake'] });
  for (const [i, doc] of corpus.entries()) {
    // The route allows 20 reads a minute to one caller: a new intake clerk every 15 documents.
    if (i && i % 15 === 0) caller = await tokenFor(t.db, { roles: ['intake'] });
    const body = multipart({}, [
      { name: 'file', filename: `${doc.name}.pdf`, contentType: 'application/pdf', bytes: doc.pdf },
    ]);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/documents/read',
      headers: { ...caller.auth, ...body.headers },
      payload: body.payload,
    });
    assert.equal(res.statusCode, 200, `${doc.name}: ${res.body}`);
    const { form, prefilled } = prefillForm(EMPTY_FORM, res.json().fields);
    const k = doc.key;
    const where = `${doc.name} (${doc.kind}, layout ${doc.layout})`;
    kinds.add(doc.kind);
    assert.equal(form.instrument, k.instrument, `${where}: instrument`);
    assert.equal(form.jurisdiction, k.jurisdiction, `${where}: country`);
    assert.equal(form.caseNumber, k.caseNumber, `${where}: case number`);
    // Compared as the corpus scoring does: a caption in capitals names the same court.
    assert.equal(norm(form.issuingCourt), norm(k.issuingAuthority), `${where}: issuer`);
    assert.equal(form.issuedOn, day(k.issuedAt), `${where}: issued on`);
    assert.equal(form.responseDeadlineOn, day(k.executeBy), `${where}: execute by`);
    assert.deepEqual([...form.dataCategories].sort(), [...k.dataCategories].sort(), `${where}: data`);
    assert.equal(form.dateFrom, day(k.dateRange?.from), `${where}: period from`);
    assert.equal(form.dateTo, day(k.dateRange?.to), `${where}: period to`);
    assert.equal(form.signed, k.signed, `${where}: signed`);
    assert.equal(norm(form.requesterName), norm(k.requesterName), `${where}: requester`);
    assert.equal(form.requesterEmail, k.requesterEmail, `${where}: requester e-mail`);
    assert.deepEqual(
      form.targets.map((x) => `${x.kind}:${x.value}`).sort(),
      k.identifiers.map((x) => `${x.kind}:${x.value}`).sort(),
      `${where}: accounts`,
    );
    // An emergency's narrative; a secrecy order with its basis, and its end or none ("until further order").
    assert.equal(form.emergency, k.emergency !== null, `${where}: emergency`);
    if (k.emergency) assert.ok(form.emergencyDescription.length > 0, `${where}: the emergency is described`);
    assert.equal(form.secrecy, k.secrecyOrder !== null, `${where}: secrecy order`);
    if (k.secrecyOrder) {
      assert.equal(form.secrecyLegalBasis, k.secrecyOrder.legalBasis, `${where}: secrecy basis`);
      assert.equal(
        form.secrecyExpiresOn,
        k.secrecyOrder.untilFurtherOrder ? '' : day(k.secrecyOrder.endsAt),
        `${where}: secrecy end`,
      );
    }
    // Every field filled is marked with where it was read.
    for (const [key, p] of Object.entries(prefilled))
      assert.ok(p!.field.evidence.length > 0, `${where}: ${key} carries its evidence`);
  }
  assert.ok(kinds.size >= 10, `every kind of the corpus was read (${[...kinds].join(', ')})`);
});

test('a filled form passes the page checks once the officer names an account the directory knows', async () => {
  const doc = corpus.find((d) => d.kind === 'search_warrant')!;
  const caller = await tokenFor(t.db, { officerOf: dir.usPolice });
  const body = multipart({}, [
    { name: 'file', filename: 'warrant.pdf', contentType: 'application/pdf', bytes: doc.pdf },
  ]);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/documents/read',
    headers: { ...caller.auth, ...body.headers },
    payload: body.payload,
  });
  const { form } = prefillForm(EMPTY_FORM, res.json().fields);
  const problems = validateIntakeForm(
    { ...form, targets: [{ kind: 'email', value: 'bob@acme.example' }] },
    {
      now: new Date('2026-12-04T12:00:00Z'),
      files: [{ name: 'warrant.pdf', size: doc.pdf.length, type: 'application/pdf' }],
    },
  );
  assert.deepEqual(problems, {});
});
