/**
 * The decision stays true: the engine weighs a demand again when a fact changes (the requester is
 * verified, the secrecy order is vacated or its end moves, the targets are corrected, a document
 * is added, or a reviewer asks), and each earlier decision is kept with what changed.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import type { DemandIntake } from '../../src/workflow/schemas/demand-intake.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testClock, testContext, type TestClock } from '../support/context.ts';
import { EMERGENCY, seedDirectory, warrantInput, type Directory } from '../support/factories.ts';
import { assertProblem, postPdf, postAcceptedDemand, tokenFor } from '../support/http-kit.ts';

type Auth = { authorization: string };
let t: TestDb;
let app: FastifyInstance;
let dir: Directory;
let clock: TestClock;
let intake: Auth;
let reviewerA: Auth;
let reviewerB: Auth;

const make = (over: Partial<DemandIntake> = {}) =>
  postAcceptedDemand<{ id: string; reference: string }>(app, intake, warrantInput(dir, over));
const post = (url: string, who: Auth, payload: object = {}) =>
  app.inject({ method: 'POST', url, headers: who, payload });
async function detail(ref: string) {
  const res = await app.inject({ method: 'GET', url: `/api/v1/demands/${ref}`, headers: reviewerA });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

before(async () => {
  t = await createTestDb();
  clock = testClock('2026-11-02T09:00:00Z');
  const ctx = testContext(t.db, clock);
  dir = await seedDirectory(ctx);
  app = await buildApp({ ctx, logLevel: 'silent' });
  intake = (await tokenFor(t.db, { roles: ['intake'] })).auth;
  reviewerA = (await tokenFor(t.db, { roles: ['reviewer'] }, 'Dana Reviewer')).auth;
  reviewerB = (await tokenFor(t.db, { roles: ['reviewer'] }, 'Sam Counsel')).auth;
});
after(async () => {
  await app?.close();
  await t?.drop();
});

test('a verified requester: the emergency is weighed again, no longer "hold and clarify", the intake decision kept', async () => {
  const d = await make({
    ...EMERGENCY,
    channel: 'email',
    requester: { name: 'Sgt. Pat Lee', email: 'pat.lee.springfield@gmail.com' },
  });
  const before = await detail(d.reference);
  assert.equal(before.decision.route.route, 'clarify');
  assert.equal(before.decisionHistory.length, 1);
  assert.equal(before.decisionHistory[0].trigger, 'intake');

  clock.advance(10 * 60_000);
  assert.equal(
    (await post(`/api/v1/demands/${d.reference}/requester-callback`, reviewerA, { note: 'Desk sergeant confirmed' }))
      .statusCode,
    200,
  );
  const confirmed = await post(`/api/v1/demands/${d.reference}/confirm-requester`, reviewerB, {
    callbackNote: 'Second review: matches',
  });
  assert.equal(confirmed.statusCode, 200, confirmed.body);

  const now = await detail(d.reference);
  assert.notEqual(now.decision.route.route, 'clarify');
  assert.ok(!now.decision.flags.some((f: { code: string }) => f.code === 'requester_verification_required'));
  assert.deepEqual(
    now.decisionHistory.map((h: { trigger: string }) => h.trigger),
    ['requester_verified', 'intake'],
  );
  const [latest, first] = now.decisionHistory;
  assert.equal(first.recommendation, 'clarify');
  assert.equal(latest.recommendation, now.decision.route.route);
  assert.ok(
    latest.changed.includes('Requester verified by a call-back to the agency directory number'),
    latest.changed,
  );
  assert.ok(
    latest.changed.some((c: string) => c.startsWith('Recommendation: Hold and clarify with the requester →')),
    latest.changed,
  );
  assert.ok(latest.changed.includes('Flag cleared: Requester must be verified'), latest.changed);
  assert.ok(latest.packVersions.some((p: string) => p.startsWith('provider@')));
  const event = now.timeline.find((e: { type: string }) => e.type === 'demand.reweighed');
  assert.equal(event.summary, 'Weighed again: the requester was verified');
});

test('a vacated secrecy order and a moved end each weigh the demand again', async () => {
  const d = await make({
    caseNumber: 'RW-SO',
    secrecyOrder: {
      legalBasis: '18 U.S.C. 2705(b)',
      issuedAt: '2026-11-01T15:00:00Z',
      expiresAt: null,
      individualizedFindings: false,
    },
  } as Partial<DemandIntake>);
  const moved = await post(`/api/v1/demands/${d.reference}/notice/move-release`, reviewerA, {
    until: '2027-02-01T00:00:00Z',
    reason: 'The court set an end on application',
  });
  assert.equal(moved.statusCode, 200, moved.body);
  // An order without an end was flagged for a challenge at intake.
  for (const action of ['file', 'rule_vacated']) {
    const r = await post(`/api/v1/demands/${d.reference}/challenge`, reviewerA, { action, grounds: ['no_end_date'] });
    assert.equal(r.statusCode, 200, `${action}: ${r.body}`);
  }
  const now = await detail(d.reference);
  assert.deepEqual(
    now.decisionHistory.map((h: { trigger: string }) => h.trigger),
    ['secrecy_order_changed', 'secrecy_order_changed', 'intake'],
  );
  assert.ok(now.decisionHistory[0].changed.includes('The secrecy order was vacated'));
  assert.ok(now.decisionHistory[1].changed.includes('The secrecy order now ends 2027-02-01'));
  // Vacated: the engine no longer delays notice for an order.
  assert.notEqual(now.decision.notice.mode, 'delayed');
});

test('corrected targets: a consumer demand corrected to an enterprise account is weighed again', async () => {
  const d = await make({ caseNumber: 'RW-T' });
  const res = await post(`/api/v1/demands/${d.reference}/targets`, reviewerA, {
    targets: [{ kind: 'email', value: 'bob@acme.example' }],
  });
  assert.equal(res.statusCode, 200, res.body);
  const now = res.json();
  assert.deepEqual(
    now.targets.map((x: { value: string }) => x.value),
    ['bob@acme.example'],
  );
  assert.equal(now.decisionHistory[0].trigger, 'targets_corrected');
  assert.ok(now.decisionHistory[0].changed.includes('Targets corrected: 1 before, 1 now'));
  assert.equal(now.decision.evaluatedAt, now.decisionHistory[0].at);
  assert.ok(now.timeline.some((e: { summary: string }) => e.summary === 'Targets corrected'));
  // An unknown identifier is refused, naming it; nothing changes.
  assertProblem(
    await post(`/api/v1/demands/${d.reference}/targets`, reviewerA, {
      targets: [{ kind: 'email', value: 'nobody@nowhere.example' }],
    }),
    422,
    ['/targets/0'],
  );
  assert.equal((await detail(d.reference)).decisionHistory.length, 2);
});

test('an added document and a manual request weigh again; a document of the wrong type is refused', async () => {
  const d = await make({ caseNumber: 'RW-D' });
  const added = await postPdf(app, intake, `/api/v1/demands/${d.reference}/documents`, 'signed-warrant.pdf');
  assert.equal(added.statusCode, 201, added.body);
  assert.deepEqual(
    added.json().documents.map((x: { filename: string }) => x.filename),
    ['signed-warrant.pdf'],
  );
  assertProblem(
    await postPdf(app, intake, `/api/v1/demands/${d.reference}/documents`, 'x.pdf', Buffer.from('not a pdf')),
    415,
  );
  const manual = await post(`/api/v1/demands/${d.reference}/reweigh`, reviewerA);
  assert.equal(manual.statusCode, 200, manual.body);
  assert.deepEqual(
    manual.json().decisionHistory.map((h: { trigger: string }) => h.trigger),
    ['manual', 'document_added', 'intake'],
  );
  assert.ok(manual.json().decisionHistory[0].changed.includes('The recommendation stands'));
  assert.equal((await post(`/api/v1/demands/${d.reference}/reweigh`, intake)).statusCode, 403);
});
