/**
 * POST /api/v1/demands: intake as JSON and as multipart with a document, every kind of bad input
 * (each a 4xx problem+json that writes nothing), and Idempotency-Key replays, conflicts and races.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { fileDocumentStore, type DocumentStore } from '../../src/store/document-store.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testContext } from '../support/context.ts';
import { PDF_BYTES, seedDirectory, warrantInput, type Directory } from '../support/factories.ts';
import { assertProblem, countRows, multipart, pointersOf, postDemand, tokenFor } from '../support/http-kit.ts';

let t: TestDb;
let app: FastifyInstance;
let smallApp: FastifyInstance; // the same database, a 1 KiB document limit
let documents: DocumentStore;
let dir: Directory;
let auth: { authorization: string };

const SMALL_LIMIT = 1024;

before(async () => {
  t = await createTestDb();
  documents = fileDocumentStore(path.join(mkdtempSync(path.join(os.tmpdir(), 'writ-http-docs-')), 'documents'));
  const ctx = testContext(t.db, undefined, { documents });
  dir = await seedDirectory(ctx);
  app = await buildApp({ ctx, logLevel: 'silent' });
  smallApp = await buildApp({
    ctx: testContext(t.db, undefined, { documents, maxDocumentBytes: SMALL_LIMIT }),
    logLevel: 'silent',
  });
  auth = (await tokenFor(t.db, { roles: ['intake'] })).auth;
});

after(async () => {
  await app?.close();
  await smallApp?.close();
  await t?.drop();
});

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const storedBytes = (sha: string) =>
  documents.get(sha).then(
    (b) => b,
    () => undefined,
  );

describe('intake as JSON', () => {
  test('201 with a Location header, the reference and the state of every track; the demand is stored with its events and jobs', async () => {
    const before = await countRows(t.db);
    const res = await postDemand(app, auth, warrantInput(dir));
    assert.equal(res.statusCode, 201, res.body);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    const body = res.json();
    assert.match(body.reference, /^WR-2026-\d{6}$/);
    assert.equal(res.headers.location, `/api/v1/demands/${body.reference}`);
    assert.equal(body.state, 'legal_review', 'a portal officer from a verified domain goes straight to review');
    assert.equal(body.noticeState, 'pending');
    assert.equal(body.instrument, 'search_warrant');
    assert.deepEqual(
      body.targets.map((x: { value: string }) => x.value),
      ['dana@writmail.example'],
    );

    const afterCounts = await countRows(t.db);
    assert.equal(afterCounts.demands, before.demands + 1);
    assert.equal(afterCounts.demand_targets, before.demand_targets + 1);
    assert.equal(afterCounts.documents, before.documents);
    assert.ok(afterCounts.events >= before.events + 3, 'received, decision and review events');
    assert.equal(afterCounts.outbox, before.outbox + 1, 'the customer notice is queued');

    const row = await t.db
      .selectFrom('demands')
      .select(['id', 'state', 'notice_state'])
      .where('reference', '=', body.reference)
      .executeTakeFirstOrThrow();
    assert.equal(row.id, body.id);
    assert.equal(row.state, 'legal_review');

    const auditor = await tokenFor(t.db, { roles: ['auditor'] });
    const again = await app.inject({ method: 'GET', url: res.headers.location as string, headers: auditor.auth });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().id, body.id);
  });
});

describe('intake as multipart/form-data', () => {
  test('a "demand" JSON field and a PDF part: 201, the document stored under its SHA-256', async () => {
    const before = await countRows(t.db);
    const { payload, headers } = multipart({ demand: JSON.stringify(warrantInput(dir, { caseNumber: 'MP-1' })) }, [
      { name: 'file', filename: 'warrant.pdf', contentType: 'application/pdf', bytes: PDF_BYTES },
    ]);
    const res = await app.inject({ method: 'POST', url: '/api/v1/demands', headers: { ...auth, ...headers }, payload });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json();
    assert.equal(res.headers.location, `/api/v1/demands/${body.reference}`);
    assert.equal(body.caseNumber, 'MP-1');
    assert.equal(body.documents.length, 1);
    const [doc] = body.documents;
    assert.equal(doc.sha256, sha256(PDF_BYTES));
    assert.equal(doc.sizeBytes, PDF_BYTES.length);
    assert.equal(doc.mediaType, 'application/pdf');
    assert.equal(doc.filename, 'warrant.pdf');
    assert.deepEqual(await storedBytes(doc.sha256), PDF_BYTES, 'the bytes are in the document store');

    const afterCounts = await countRows(t.db);
    assert.equal(afterCounts.demands, before.demands + 1);
    assert.equal(afterCounts.documents, before.documents + 1);
    const row = await t.db.selectFrom('documents').selectAll().where('id', '=', doc.id).executeTakeFirstOrThrow();
    assert.equal(row.sha256, sha256(PDF_BYTES));
    assert.equal(row.demand_id, body.id);
  });
});

describe('bad input: a 4xx problem+json naming the fields, and nothing written', () => {
  /** Send, check the problem, and check no table gained a row. */
  async function refused(send: () => Promise<LightMyRequestResponse>, status: number, pointers: string[] = []) {
    const before = await countRows(t.db);
    const res = await send();
    const p = assertProblem(res, status, pointers);
    assert.deepEqual(await countRows(t.db), before, 'a refused request writes nothing');
    return p;
  }
  const json = (body: unknown) => () => postDemand(app, auth, body);

  test('malformed JSON → 400', async () => {
    await refused(
      () =>
        app.inject({
          method: 'POST',
          url: '/api/v1/demands',
          headers: { ...auth, 'content-type': 'application/json' },
          payload: '{"channel": "agency_portal", ',
        }),
      400,
    );
  });

  test('an unknown instrument → 422 naming /instrument', async () => {
    const p = await refused(json({ ...warrantInput(dir), instrument: 'writ_of_mandamus' }), 422, ['/instrument']);
    assert.deepEqual([...pointersOf(p)], ['/instrument'], 'only the instrument is wrong');
  });

  for (const cc of ['XX', 'QQ']) {
    test(`a well-formed but unknown country code "${cc}" → 422 naming /jurisdiction`, async () => {
      const p = await refused(json(warrantInput(dir, { jurisdiction: cc, jurisdictionSubdivision: null })), 422, [
        '/jurisdiction',
      ]);
      assert.deepEqual([...pointersOf(p)], ['/jurisdiction']);
    });
  }

  const REQUIRED = [
    'channel',
    'agencyId',
    'requester',
    'jurisdiction',
    'instrument',
    'signed',
    'targets',
    'dataCategories',
  ] as const;
  for (const field of REQUIRED) {
    test(`missing ${field} → 422 naming /${field}`, async () => {
      const body: Record<string, unknown> = { ...warrantInput(dir) };
      delete body[field];
      const p = await refused(json(body), 422, [`/${field}`]);
      assert.deepEqual([...pointersOf(p)], [`/${field}`], 'only the missing field is named');
    });
  }

  test('an empty object → 422 naming every required field at once', async () => {
    await refused(
      json({}),
      422,
      REQUIRED.map((f) => `/${f}`),
    );
  });

  test('missing nested fields are named by their full pointer', async () => {
    const base = warrantInput(dir);
    await refused(json({ ...base, requester: { name: 'Det. Sam Stone' } }), 422, ['/requester/email']);
    await refused(json({ ...base, targets: [{ value: 'dana@writmail.example' }] }), 422, ['/targets/0/kind']);
  });

  test('a date range that ends before it starts → 422 naming /dateRange/to', async () => {
    await refused(
      json(warrantInput(dir, { dateRange: { from: '2026-06-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } })),
      422,
      ['/dateRange/to'],
    );
  });

  test('a "PDF" whose bytes are not a PDF → 415 naming /documents/0; the bytes are not stored', async () => {
    const fake = Buffer.from('MZ\x90\x00 this is an executable pretending to be a PDF');
    const { payload, headers } = multipart({ demand: JSON.stringify(warrantInput(dir)) }, [
      { name: 'file', filename: 'warrant.pdf', contentType: 'application/pdf', bytes: fake },
    ]);
    await refused(
      () => app.inject({ method: 'POST', url: '/api/v1/demands', headers: { ...auth, ...headers }, payload }),
      415,
      ['/documents/0'],
    );
    assert.equal(await storedBytes(sha256(fake)), undefined);
  });

  test('a document type intake does not accept → 415', async () => {
    const { payload, headers } = multipart({ demand: JSON.stringify(warrantInput(dir)) }, [
      { name: 'file', filename: 'w.html', contentType: 'text/html', bytes: Buffer.from('<html></html>') },
    ]);
    await refused(
      () => app.inject({ method: 'POST', url: '/api/v1/demands', headers: { ...auth, ...headers }, payload }),
      415,
      ['/documents/0'],
    );
  });

  test('a document over maxDocumentBytes → 413; the bytes are not stored', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(SMALL_LIMIT * 4, 0x41)]);
    const { payload, headers } = multipart({ demand: JSON.stringify(warrantInput(dir)) }, [
      { name: 'file', filename: 'big.pdf', contentType: 'application/pdf', bytes: big },
    ]);
    await refused(
      () => smallApp.inject({ method: 'POST', url: '/api/v1/demands', headers: { ...auth, ...headers }, payload }),
      413,
    );
    assert.equal(await storedBytes(sha256(big)), undefined);
  });

  test('the same app takes a document under the limit (the 413 is about size, not the small app)', async () => {
    const { payload, headers } = multipart({ demand: JSON.stringify(warrantInput(dir, { caseNumber: 'SMALL-OK' })) }, [
      { name: 'file', filename: 'w.pdf', contentType: 'application/pdf', bytes: PDF_BYTES },
    ]);
    const res = await smallApp.inject({
      method: 'POST',
      url: '/api/v1/demands',
      headers: { ...auth, ...headers },
      payload,
    });
    assert.equal(res.statusCode, 201, res.body);
  });

  test('multipart without a "demand" field → 422 naming /demand', async () => {
    const { payload, headers } = multipart({}, [
      { name: 'file', filename: 'w.pdf', contentType: 'application/pdf', bytes: PDF_BYTES },
    ]);
    await refused(
      () => app.inject({ method: 'POST', url: '/api/v1/demands', headers: { ...auth, ...headers }, payload }),
      422,
      ['/demand'],
    );
  });

  test('multipart whose "demand" field is not JSON → 422 naming /demand', async () => {
    const { payload, headers } = multipart({ demand: '{not json' });
    await refused(
      () => app.inject({ method: 'POST', url: '/api/v1/demands', headers: { ...auth, ...headers }, payload }),
      422,
      ['/demand'],
    );
  });

  test('a target that resolves to nobody → 422 naming /targets/1 (and not the good /targets/0)', async () => {
    const p = await refused(
      json(
        warrantInput(dir, {
          targets: [
            { kind: 'email', value: 'dana@writmail.example' },
            { kind: 'email', value: 'nobody@nowhere.example' },
          ],
        }),
      ),
      422,
      ['/targets/1'],
    );
    assert.ok(!pointersOf(p).has('/targets/0'));
  });

  test('an agencyId that names no agency → 422 naming /agencyId', async () => {
    await refused(json(warrantInput(dir, { agencyId: randomUUID() })), 422, ['/agencyId']);
  });

  test('an agencyId that is not a UUID → 422 naming /agencyId', async () => {
    await refused(json(warrantInput(dir, { agencyId: 'springfield' })), 422, ['/agencyId']);
  });

  test('an unknown field → 422 naming it', async () => {
    await refused(json({ ...warrantInput(dir), priority: 'high' }), 422, ['/priority']);
  });
});

describe('Idempotency-Key', () => {
  test('the same key and body twice: one demand; the retry answers 200 with the same reference', async () => {
    const body = warrantInput(dir, { caseNumber: 'IDEM-1' });
    const key = `key-${randomUUID()}`;
    const first = await postDemand(app, auth, body, { 'idempotency-key': key });
    assert.equal(first.statusCode, 201, first.body);
    const countsAfterFirst = await countRows(t.db);
    const second = await postDemand(app, auth, body, { 'idempotency-key': key });
    assert.equal(second.statusCode, 200, second.body);
    assert.equal(second.json().reference, first.json().reference);
    assert.equal(second.json().id, first.json().id);
    assert.equal(second.headers.location, first.headers.location);
    assert.deepEqual(await countRows(t.db), countsAfterFirst, 'the retry writes nothing');
    const rows = await t.db.selectFrom('demands').select('id').where('case_number', '=', 'IDEM-1').execute();
    assert.equal(rows.length, 1);
  });

  test('the same key with a different body → 422 problem, nothing written', async () => {
    const key = `key-${randomUUID()}`;
    const first = await postDemand(app, auth, warrantInput(dir, { caseNumber: 'IDEM-2' }), { 'idempotency-key': key });
    assert.equal(first.statusCode, 201, first.body);
    const before = await countRows(t.db);
    const res = await postDemand(app, auth, warrantInput(dir, { caseNumber: 'IDEM-2-CHANGED' }), {
      'idempotency-key': key,
    });
    const p = assertProblem(res, 422);
    assert.match(p.type, /idempotency/);
    assert.deepEqual(await countRows(t.db), before);
  });

  test('the same key and demand with a different document → 422 problem, nothing written', async () => {
    const key = `key-${randomUUID()}`;
    const demand = JSON.stringify(warrantInput(dir, { caseNumber: 'IDEM-DOC' }));
    const send = (bytes: Buffer) => {
      const { payload, headers } = multipart({ demand }, [
        { name: 'file', filename: 'w.pdf', contentType: 'application/pdf', bytes },
      ]);
      return app.inject({
        method: 'POST',
        url: '/api/v1/demands',
        headers: { ...auth, ...headers, 'idempotency-key': key },
        payload,
      });
    };
    assert.equal((await send(PDF_BYTES)).statusCode, 201);
    const before = await countRows(t.db);
    assertProblem(await send(Buffer.concat([PDF_BYTES, Buffer.from('% another page\n')])), 422);
    assert.deepEqual(await countRows(t.db), before);
    assert.equal((await send(PDF_BYTES)).statusCode, 200, 'the original document still replays');
  });

  test('the same key and the same JSON with its members in another order is the same request (200, same reference)', async () => {
    // RFC 8259: "An object is an unordered collection". A retry from another client library (or a
    // re-serialised body) must replay, not be refused as a different demand.
    const key = `key-${randomUUID()}`;
    const body = warrantInput(dir, { caseNumber: 'IDEM-ORDER' });
    const first = await postDemand(app, auth, body, { 'idempotency-key': key });
    assert.equal(first.statusCode, 201, first.body);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    reordered.requester = { email: body.requester.email, name: body.requester.name };
    const before = await countRows(t.db);
    const second = await postDemand(app, auth, reordered, { 'idempotency-key': key });
    assert.equal(second.statusCode, 200, `a reordered retry is refused: ${second.body}`);
    assert.equal(second.json().reference, first.json().reference);
    assert.deepEqual(await countRows(t.db), before);
  });

  test('without a key, the same body twice makes two demands', async () => {
    const body = warrantInput(dir, { caseNumber: 'NO-KEY' });
    const a = await postDemand(app, auth, body);
    const b = await postDemand(app, auth, body);
    assert.equal(a.statusCode, 201);
    assert.equal(b.statusCode, 201);
    assert.notEqual(a.json().reference, b.json().reference);
  });

  test('20 concurrent requests with one key (a first-time requester): exactly one demand row, every answer names it', async () => {
    const key = `race-${randomUUID()}`;
    const body = warrantInput(dir, {
      caseNumber: 'RACE-1',
      requester: { name: 'Det. New Person', email: `new.${randomUUID().slice(0, 8)}@springfield-pd.example` },
    });
    const before = await countRows(t.db);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => postDemand(app, auth, body, { 'idempotency-key': key })),
    );
    const statuses = answers.map((r) => r.statusCode).sort();
    assert.ok(
      statuses.every((s) => s === 200 || s === 201),
      `statuses: ${statuses.join(',')} ${answers.find((r) => r.statusCode >= 300)?.body ?? ''}`,
    );
    assert.equal(statuses.filter((s) => s === 201).length, 1, 'exactly one request created it');
    const refs = new Set(answers.map((r) => r.json().reference));
    assert.equal(refs.size, 1);
    const rows = await t.db
      .selectFrom('demands')
      .select(['id', 'reference'])
      .where('case_number', '=', 'RACE-1')
      .execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.reference, [...refs][0]);
    const afterCounts = await countRows(t.db);
    assert.equal(afterCounts.demands, before.demands + 1);
    assert.equal(afterCounts.demand_targets, before.demand_targets + 1);
    assert.equal(afterCounts.outbox, before.outbox + 1);
    assert.equal(afterCounts.requesters, before.requesters + 1);
    assert.equal(afterCounts.idempotency_keys, before.idempotency_keys + 1);
    const events = await t.db.selectFrom('events').select('type').where('demand_id', '=', rows[0]!.id).execute();
    assert.equal(events.filter((e) => e.type === 'demand.received').length, 1);
  });
});
