/**
 * The customer's copy of the legal process: the documents the agency served go with the notice,
 * as served, by e-mail (attached), by webhook (where to fetch them, with their hashes) and in the
 * portal, when they concern that customer alone; documents that also name another customer's
 * accounts, and the provider's own letters and forms, never do. Real SMTP and webhook receiver.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Demand, DemandDocument } from '../../src/domain/demand.ts';
import { COPY_EMAIL_MAX_BYTES, legalProcessCopy } from '../../src/domain/legal-process-copy.ts';
import { buildApp } from '../../src/http/app.ts';
import type { Notifier } from '../../src/notify/start-notifier.ts';
import { newWebhookSecret } from '../../src/notify/webhook-signature.ts';
import { insertGeneratedDocument } from '../../src/store/generated-documents.ts';
import { createWebhookEndpoint } from '../../src/store/webhook-repository.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import type { WorkflowContext } from '../../src/workflow/context.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testContext } from '../support/context.ts';
import { PDF_BYTES, STAFF, seedDirectory, warrantInput, type Directory } from '../support/factories.ts';
import { tokenFor } from '../support/http-kit.ts';
import { futureClock, notifyConfig, testNotifier } from './support/notify-kit.ts';
import { SmtpSink } from './support/smtp-sink.ts';
import { WebhookReceiver } from './support/webhook-receiver.ts';

let t: TestDb;
let dir: Directory;
let ctx: WorkflowContext;
let app: FastifyInstance;
let notifier: Notifier;
const clock = futureClock();
const sink = new SmtpSink();
const hooks = new WebhookReceiver();
const WARRANT = Buffer.concat([PDF_BYTES, Buffer.from('% the warrant as served\n')]);

before(async () => {
  t = await createTestDb();
  ctx = testContext(t.db, clock);
  dir = await seedDirectory(ctx);
  await sink.start();
  await hooks.start();
  app = await buildApp({ ctx, logLevel: 'silent' });
  notifier = testNotifier(ctx, notifyConfig(sink.url, { webhookAllowPrivate: true }));
  const secret = newWebhookSecret();
  await createWebhookEndpoint(t.db, { customerId: dir.enterprise, url: hooks.endpoint('/acme', secret), secret });
});
after(async () => {
  await notifier.stop();
  await app.close();
  await sink.stop();
  await hooks.stop();
  await t.drop();
});

const served = (caseNumber: string, targets: { kind: 'email'; value: string }[]) =>
  intakeDemand(ctx, {
    input: warrantInput(dir, { targets, caseNumber }),
    actor: STAFF,
    documents: [{ filename: `warrant-${caseNumber}.pdf`, mediaType: 'application/pdf', bytes: WARRANT }],
  }).then((r) => r.demand);

test('a demand about one customer: the served warrant goes with the notice, in the portal too', async () => {
  const d = await served('COPY-1', [{ kind: 'email', value: 'bob@acme.example' }]);
  // A letter the provider made itself is a document of the demand, but not of the legal process.
  await t.db.transaction().execute((tx) =>
    insertGeneratedDocument(
      tx,
      d.id,
      {
        filename: 'our-letter.pdf',
        mediaType: 'application/pdf',
        sizeBytes: PDF_BYTES.length,
        sha256: 'a'.repeat(64),
      },
      clock.now(),
    ),
  );
  const before = sink.messages.length;
  const hooksBefore = hooks.at('/acme').length;
  await notifier.worker.runUntilIdle();
  const mails = sink.messages.slice(before).filter((m) => m.idempotencyKey === `notice:${d.id}`);
  assert.equal(mails.length, 2);
  for (const m of mails) {
    assert.deepEqual(
      m.attachments.map((a) => [a.filename, a.contentType]),
      [['warrant-COPY-1.pdf', 'application/pdf']],
    );
    assert.deepEqual(m.attachments[0]!.content, WARRANT, 'the warrant as served, byte for byte');
    assert.match(m.text, /COPY OF THE LEGAL PROCESS\s+The documents the agency served are attached/);
    assert.match(m.text, /- warrant-COPY-1\.pdf/);
    assert.match(m.text, /Nothing was left out\./);
    assert.doesNotMatch(m.text, /our-letter/);
  }
  const hook = JSON.parse(hooks.at('/acme').slice(hooksBefore)[0]!.body);
  const docs = hook.data.legalProcess.documents;
  assert.equal(docs.length, 1);
  assert.equal(docs[0].sha256, createHash('sha256').update(WARRANT).digest('hex'));
  assert.equal(hook.data.legalProcess.copyWithheld, null);

  // In the portal: the tenant's admin fetches it by the link the webhook gave; no one else does.
  const admin = (await tokenFor(t.db, { adminOf: dir.enterprise })).auth;
  const other = (await tokenFor(t.db, { adminOf: dir.consumer })).auth;
  const record = await app.inject({
    method: 'GET',
    url: `/api/v1/demands/${d.reference}/customer-record`,
    headers: admin,
  });
  assert.equal(record.statusCode, 200, record.body);
  const copy = record.json().legalProcess;
  assert.deepEqual(
    copy.documents.map((x: { filename: string }) => x.filename),
    ['warrant-COPY-1.pdf'],
  );
  const path = new URL(docs[0].href).pathname;
  assert.equal(path, copy.documents[0].href);
  const got = await app.inject({ method: 'GET', url: path, headers: admin });
  assert.equal(got.statusCode, 200);
  assert.deepEqual(got.rawPayload, WARRANT);
  assert.equal((await app.inject({ method: 'GET', url: path, headers: other })).statusCode, 404);
  const letterId = (
    await t.db
      .selectFrom('documents')
      .select('id')
      .where('demand_id', '=', d.id)
      .where('filename', '=', 'our-letter.pdf')
      .executeTakeFirstOrThrow()
  ).id;
  const letter = await app.inject({
    method: 'GET',
    url: `/api/v1/demands/${d.reference}/documents/${letterId}`,
    headers: admin,
  });
  assert.equal(letter.statusCode, 404, "the provider's own letter is not the customer's copy");
  const reads = await t.db
    .selectFrom('events')
    .select('actor')
    .where('demand_id', '=', d.id)
    .where('type', '=', 'demand.viewed')
    .execute();
  assert.ok(
    reads.some((r) => r.actor.startsWith('customer:')),
    'the download is on the record',
  );
});

test('a demand that also names another customer: no copy of its documents, and the notice says why', async () => {
  const d = await served('COPY-2', [
    { kind: 'email', value: 'bob@acme.example' },
    { kind: 'email', value: 'dana@writmail.example' },
  ]);
  const before = sink.messages.length;
  await notifier.worker.runUntilIdle();
  const mails = sink.messages.slice(before).filter((m) => m.idempotencyKey === `notice:${d.id}`);
  assert.ok(mails.length >= 3, 'both customers are told');
  for (const m of mails) {
    assert.deepEqual(m.attachments, []);
    assert.match(m.text, /also name other people's accounts/);
    assert.match(m.text, /Left out: the 1 identifier\(s\) of other customers' accounts/);
    assert.ok(!m.text.includes('dana@writmail.example') || !m.text.includes('bob@acme.example'));
  }
  const admin = (await tokenFor(t.db, { adminOf: dir.consumer })).auth;
  const record = await app.inject({
    method: 'GET',
    url: `/api/v1/demands/${d.reference}/customer-record`,
    headers: admin,
  });
  assert.deepEqual(record.json().legalProcess, { documents: [], withheld: 'other_customers_accounts' });
  const docId = d.documents[0]!.id;
  const got = await app.inject({
    method: 'GET',
    url: `/api/v1/demands/${d.reference}/documents/${docId}`,
    headers: admin,
  });
  assert.equal(got.statusCode, 404);
});

test('the rule itself: served documents only; none when another customer is named; large ones by the portal', () => {
  const doc = (over: Partial<DemandDocument>): DemandDocument => ({
    id: 'd',
    filename: 'f.pdf',
    mediaType: 'application/pdf',
    sizeBytes: 10,
    sha256: '0'.repeat(64),
    ...over,
  });
  const demand = (documents: DemandDocument[], customers: string[]) =>
    ({ documents, targets: customers.map((customerId) => ({ customerId })) }) as unknown as Demand;
  const all = [doc({ id: 'a' }), doc({ id: 'b', internal: true }), doc({ id: 'c', madeByProvider: true })];
  assert.deepEqual(
    legalProcessCopy(demand(all, ['x']), 'x').documents.map((x) => x.id),
    ['a'],
  );
  assert.equal(legalProcessCopy(demand(all, ['x', 'y']), 'x').withheld, 'other_customers_accounts');
  assert.equal(legalProcessCopy(demand([all[2]!], ['x']), 'x').withheld, 'no_documents');
  const big = legalProcessCopy(demand([doc({ sizeBytes: COPY_EMAIL_MAX_BYTES + 1 })], ['x']), 'x');
  assert.deepEqual([big.documents.length, big.fitsEmail, big.withheld], [1, false, null]);
});
