/**
 * GET /api/v1/demands/:ref/documents/:id: the legal document as filed, for staff, the agency that
 * filed it and the customer told of a demand about its accounts alone (its copy of the legal
 * process); nobody else learns it exists.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import type { Demand } from '../../src/domain/demand.ts';
import { recordNoticeSent } from '../../src/workflow/record-notice-sent.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { SYSTEM } from '../../src/domain/events.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testContext } from '../support/context.ts';
import { PDF_BYTES, STAFF, seedDirectory, warrantInput } from '../support/factories.ts';
import { assertProblem, tokenFor } from '../support/http-kit.ts';

let t: TestDb;
let app: FastifyInstance;
let demand: Demand;
const auth: Record<string, { authorization: string }> = {};

before(async () => {
  t = await createTestDb();
  const ctx = testContext(t.db);
  const dir = await seedDirectory(ctx);
  ({ demand } = await intakeDemand(ctx, {
    input: warrantInput(dir),
    actor: STAFF,
    documents: [{ filename: 'Durchsuchungsbeschluss "Nr. 7".pdf', mediaType: 'application/pdf', bytes: PDF_BYTES }],
  }));
  if (demand.noticeState === 'pending')
    demand = await recordNoticeSent(ctx, { demand: demand.id, actor: SYSTEM, recipients: 1, channels: ['email'] });
  app = await buildApp({ ctx, logLevel: 'silent' });
  auth.auditor = (await tokenFor(t.db, { roles: ['auditor'] })).auth;
  auth.officer = (await tokenFor(t.db, { officerOf: dir.usPolice })).auth;
  auth.otherOfficer = (await tokenFor(t.db, { officerOf: dir.dePolice })).auth;
  auth.customer = (await tokenFor(t.db, { adminOf: dir.consumer })).auth;
  auth.otherCustomer = (await tokenFor(t.db, { adminOf: dir.enterprise })).auth;
});

after(async () => {
  await app?.close();
  await t?.drop();
});

const url = (doc = demand.documents[0]!.id, ref = demand.reference) =>
  `/api/v1/demands/${encodeURIComponent(ref)}/documents/${doc}`;

test('staff, the filing agency and the customer told get the exact bytes, as an attachment with the filed name', async () => {
  assert.equal(demand.documents.length, 1);
  assert.equal(demand.noticeState, 'sent');
  for (const who of ['auditor', 'officer', 'customer']) {
    const res = await app.inject({ method: 'GET', url: url(), headers: auth[who]! });
    assert.equal(res.statusCode, 200, `${who}: ${res.body}`);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.deepEqual(res.rawPayload, PDF_BYTES);
    const cd = String(res.headers['content-disposition']);
    assert.match(cd, /^attachment; /);
    assert.match(cd, /filename="Durchsuchungsbeschluss _Nr. 7_.pdf"/);
    assert.ok(cd.includes(`filename*=UTF-8''${encodeURIComponent('Durchsuchungsbeschluss "Nr. 7".pdf')}`));
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  }
  assert.equal(
    (await app.inject({ method: 'GET', url: url(demand.documents[0]!.id, demand.id), headers: auth.auditor! }))
      .statusCode,
    200,
    'by id too',
  );
});

test('another agency, another customer and a stranger learn nothing', async () => {
  assertProblem(await app.inject({ method: 'GET', url: url(), headers: auth.otherOfficer! }), 404);
  assertProblem(await app.inject({ method: 'GET', url: url(), headers: auth.otherCustomer! }), 404);
  assertProblem(await app.inject({ method: 'GET', url: url() }), 401);
});

test('an unknown document or demand is a 404', async () => {
  assertProblem(await app.inject({ method: 'GET', url: url(randomUUID()), headers: auth.auditor! }), 404);
  assertProblem(
    await app.inject({ method: 'GET', url: url(demand.documents[0]!.id, 'WR-1999-000001'), headers: auth.auditor! }),
    404,
  );
  assertProblem(await app.inject({ method: 'GET', url: url('not-a-uuid'), headers: auth.auditor! }), 422);
});
