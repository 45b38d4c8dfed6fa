/**
 * The agency's side: an officer sees its own demand's status history, the letters sent to it and
 * the packages prepared for it, and writes to the legal team (an answer to a request for
 * clarification, or a withdrawal). Each message is on the timeline and reaches staff by e-mail
 * over a real SMTP exchange; a withdrawal closes the demand and its customer hears of it. Another
 * agency's officer finds none of it. The legal team asks the agency a question (by e-mail to the
 * requester, once, and in the portal until answered); the officer adds a supplementary document.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import type { Notifier } from '../../src/notify/start-notifier.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { redirectDemand } from '../../src/workflow/redirect-demand.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testContext } from '../support/context.ts';
import { PDF_BYTES, STAFF, seedDirectory, warrantInput, type Directory } from '../support/factories.ts';
import { assertProblem, postPdf, tokenFor } from '../support/http-kit.ts';
import { futureClock, jobsOf, notifyConfig, testNotifier, timelineOf } from './support/notify-kit.ts';
import { SmtpSink } from './support/smtp-sink.ts';

let t: TestDb;
let dir: Directory;
let app: FastifyInstance;
let notifier: Notifier;
const clock = futureClock();
const sink = new SmtpSink();

before(async () => {
  t = await createTestDb();
  const ctx = testContext(t.db, clock);
  dir = await seedDirectory(ctx);
  await sink.start();
  app = await buildApp({ ctx, logLevel: 'silent' });
  notifier = testNotifier(ctx, notifyConfig(sink.url));
});
after(async () => {
  await notifier.stop();
  await app.close();
  await sink.stop();
  await t.drop();
});

test("an officer follows its own demand and writes to the legal team; staff are told; another agency's officer sees nothing", async () => {
  const ctx = testContext(t.db, clock);
  const { demand } = await intakeDemand(ctx, {
    input: warrantInput(dir, { targets: [{ kind: 'email', value: 'bob@acme.example' }], caseNumber: 'AG-1' }),
    actor: STAFF,
  });
  await redirectDemand(ctx, {
    demand: demand.id,
    actor: STAFF,
    overrideReason: 'The data belongs to the enterprise customer; the agency should ask it.',
  });
  await notifier.worker.runUntilIdle();
  const officer = (await tokenFor(t.db, { officerOf: dir.usPolice })).auth;
  const stranger = (await tokenFor(t.db, { officerOf: dir.ukPolice })).auth;
  const get = (auth: object) =>
    app.inject({ method: 'GET', url: `/api/v1/demands/${demand.reference}/agency-record`, headers: { ...auth } });
  const post = (auth: object, payload: object) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/demands/${demand.reference}/agency-messages`,
      headers: { ...auth },
      payload,
    });

  assert.equal((await get(stranger)).statusCode, 404);
  assert.equal((await post(stranger, { kind: 'withdrawal', text: 'not ours' })).statusCode, 404);
  const record = (await get(officer)).json();
  assert.deepEqual(
    record.history.map((h: { type: string }) => h.type),
    ['demand.received', 'demand.redirected', 'redirect.letter_sent'],
  );
  assert.equal(record.letters.length, 1);
  const letter = await app.inject({ method: 'GET', url: record.letters[0].href, headers: { ...officer } });
  assert.equal(letter.statusCode, 200, 'the letter itself is the officer’s to read');
  assert.deepEqual(record.packages, []);

  const answer = await post(officer, { kind: 'clarification', text: 'The period is 1 Jan to 31 Oct 2026 only.' });
  assert.equal(answer.statusCode, 201, answer.body);
  assert.equal(answer.json().state, 'redirected');
  const before = sink.messages.length;
  await notifier.worker.runUntilIdle();
  const alerts = sink.messages.slice(before).filter((m) => m.to.includes('alerts@provider.example'));
  assert.equal(alerts.length, 1);
  assert.match(alerts[0]!.subject, /an answer to a request for clarification/);
  assert.ok(alerts[0]!.text.includes('The period is 1 Jan to 31 Oct 2026 only.'));

  const withdrawn = await post(officer, { kind: 'withdrawal', text: 'The case was closed.' });
  assert.equal(withdrawn.statusCode, 201, withdrawn.body);
  assert.deepEqual([withdrawn.json().state, withdrawn.json().disposition], ['closed', 'withdrawn']);
  const tl = await timelineOf(t.db, demand.id);
  assert.equal(tl.filter((x) => x === 'agency.message_received').length, 2);
  assert.ok(tl.includes('demand.closed'));
  // Its customer was told of the demand (the notice is queued): the withdrawal follows it.
  const jobs = await jobsOf(t.db, demand.id);
  assert.ok(jobs.some((j) => j.kind === 'notice.follow_up'));
  assert.equal(jobs.filter((j) => j.kind === 'agency.message').length, 2);
  const bad = await post(officer, { kind: 'shout', text: 'x' });
  assert.equal(bad.statusCode, 422);
  assert.equal((await post(officer, { kind: 'withdrawal', text: 'again' })).statusCode, 409);
});

test('the legal team asks the agency a question; the officer reads it, answers it, and adds a document', async () => {
  const ctx = testContext(t.db, clock);
  const { demand } = await intakeDemand(ctx, {
    input: warrantInput(dir, { targets: [{ kind: 'email', value: 'bob@acme.example' }], caseNumber: 'AG-2' }),
    actor: STAFF,
  });
  const ref = encodeURIComponent(demand.reference);
  const reviewer = (await tokenFor(t.db, { roles: ['reviewer'] })).auth;
  const officer = (await tokenFor(t.db, { officerOf: dir.usPolice })).auth;
  const stranger = (await tokenFor(t.db, { officerOf: dir.ukPolice })).auth;
  const ask = (auth: object, payload: object) =>
    app.inject({ method: 'POST', url: `/api/v1/demands/${ref}/clarification-requests`, headers: { ...auth }, payload });
  const record = async () => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/demands/${ref}/agency-record`, headers: officer });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };

  // Only staff who decide ask; the question must say something and its date must lie ahead.
  assert.equal((await ask(officer, { text: 'Which period?' })).statusCode, 403);
  assertProblem(await ask(reviewer, { text: '   ' }), 422, ['/text']);
  assertProblem(await ask(reviewer, { text: 'Which period?', answerBy: '2020-01-01T00:00:00Z' }), 422, ['/answerBy']);
  assert.equal((await record()).openQuestion, null);

  const answerBy = new Date(clock.now().getTime() + 5 * 86_400_000).toISOString();
  const asked = await ask(reviewer, { text: 'Which period of mail does the warrant cover?', answerBy });
  assert.equal(asked.statusCode, 201, asked.body);
  const open = (await record()).openQuestion;
  assert.equal(open.text, 'Which period of mail does the warrant cover?');
  assert.equal(open.answerBy, answerBy);

  const before = sink.messages.length;
  await notifier.worker.runUntilIdle();
  await notifier.worker.runUntilIdle();
  const toRequester = sink.messages.slice(before).filter((m) => m.to.includes('sam.stone@springfield-pd.example'));
  assert.equal(toRequester.length, 1, 'the question reaches the requester once');
  assert.match(toRequester[0]!.subject, new RegExp(`${demand.reference}: a question from the legal team`));
  assert.ok(toRequester[0]!.text.includes('Which period of mail does the warrant cover?'));
  assert.ok(toRequester[0]!.text.includes(`/agency/demands/${ref}`));
  const tl = await timelineOf(t.db, demand.id);
  assert.ok(tl.includes('agency.clarification_requested') && tl.includes('agency.clarification_mailed'));

  // The officer's answer closes the question and reaches staff.
  const answer = await app.inject({
    method: 'POST',
    url: `/api/v1/demands/${ref}/agency-messages`,
    headers: officer,
    payload: { kind: 'clarification', text: 'From 1 March to 30 April 2026.' },
  });
  assert.equal(answer.statusCode, 201, answer.body);
  assert.equal((await record()).openQuestion, null);

  // A supplementary document: the officer's own demand only; staff hear of it; it is on the record.
  const upload = (auth: object) => postPdf(app, auth, `/api/v1/demands/${ref}/documents`, 'amended-warrant.pdf');
  assert.equal((await upload(stranger)).statusCode, 404);
  const added = await upload(officer);
  assert.equal(added.statusCode, 201, added.body);
  assert.deepEqual(Object.keys(added.json()).sort(), ['documentId', 'reference'], 'an officer gets no staff view');
  const mark = sink.messages.length;
  await notifier.worker.runUntilIdle();
  const alerts = sink.messages.slice(mark).filter((m) => m.to.includes('alerts@provider.example'));
  assert.deepEqual(
    alerts.map((m) => /a supplementary document|an answer to a request for clarification/.exec(m.subject)?.[0]).sort(),
    ['a supplementary document', 'an answer to a request for clarification'],
  );
  const history = (await record()).history.map((h: { type: string }) => h.type);
  assert.ok(history.includes('agency.clarification_requested') && history.includes('demand.document_added'));
  const doc = await app.inject({
    method: 'GET',
    url: `/api/v1/demands/${ref}/documents/${added.json().documentId}`,
    headers: officer,
  });
  assert.equal(doc.statusCode, 200);
  assert.deepEqual(doc.rawPayload, PDF_BYTES);
});
