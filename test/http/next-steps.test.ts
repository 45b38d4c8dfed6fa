/**
 * Actions follow the decision, and no action leaves a demand with no next step: the reported dead
 * ends (a redirect on a consumer-only demand, approval offered before a package exists, an
 * emergency's notice said to be held by a secrecy order it does not have), counsel's written
 * reason for an action the decision advises against, and the two-person rules: a step is not
 * offered to the one person the server would refuse it (the package's preparer, the first
 * approver, the reviewer who made an emergency's call-back).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import type { DemandIntake } from '../../src/workflow/schemas/demand-intake.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testClock, testContext } from '../support/context.ts';
import { EMERGENCY, seedDirectory, warrantInput, type Directory } from '../support/factories.ts';
import { assertProblem, postPdf, postAcceptedDemand, tokenFor } from '../support/http-kit.ts';
import { SAME_PERSON } from '../../src/domain/next-steps.ts';

type Auth = { authorization: string };
type Offer = {
  action: string;
  allowed: boolean;
  advisedAgainst: string | null;
  requiresReason: boolean;
  why: string | null;
};
let t: TestDb;
let app: FastifyInstance;
let dir: Directory;
let intake: Auth;
let reviewer: Auth;

const make = (over: Partial<DemandIntake> = {}) =>
  postAcceptedDemand<{ reference: string; state: string }>(app, intake, warrantInput(dir, over));
const post = (ref: string, action: string, payload: object = {}, who: Auth = reviewer) =>
  app.inject({ method: 'POST', url: `/api/v1/demands/${ref}/${action}`, headers: who, payload });
async function detail(ref: string, who: Auth = reviewer) {
  const res = await app.inject({ method: 'GET', url: `/api/v1/demands/${ref}`, headers: who });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}
const offer = (d: { actions: Offer[] }, action: string) => d.actions.find((a) => a.action === action);

before(async () => {
  t = await createTestDb();
  const ctx = testContext(t.db, testClock('2026-11-02T09:00:00Z'));
  dir = await seedDirectory(ctx);
  app = await buildApp({ ctx, logLevel: 'silent' });
  intake = (await tokenFor(t.db, { roles: ['intake'] })).auth;
  reviewer = (await tokenFor(t.db, { roles: ['reviewer'] }, 'Dana Reviewer')).auth;
});
after(async () => {
  await app?.close();
  await t?.drop();
});

test('a redirect on a consumer-only demand is not offered and is refused: the demand keeps its next step', async () => {
  const d = await make({ caseNumber: 'NS-1' });
  const view = await detail(d.reference);
  assert.equal(view.state, 'legal_review');
  assert.deepEqual(offer(view, 'redirect'), {
    action: 'redirect',
    label: 'Redirect to the customer',
    allowed: false,
    advisedAgainst: null,
    requiresReason: false,
    why: 'No target belongs to an enterprise customer: a redirect has no one to go to',
  });
  const res = await post(d.reference, 'redirect', { overrideReason: 'Counsel insists on redirecting anyway.' });
  assertProblem(res, 409);
  const after = await detail(d.reference);
  assert.equal(after.state, 'legal_review');
  assert.ok(!after.timeline.some((e: { type: string }) => e.type === 'demand.redirected'));
  assert.ok(after.nextStep.label.length > 0);
});

test('approval is not offered before a package exists; the next step is to prepare it', async () => {
  const d = await make({ caseNumber: 'NS-2' });
  const view = await detail(d.reference);
  const accept = offer(view, 'accept')!;
  const body = accept.requiresReason ? { overrideReason: 'Counsel finds the warrant compelling.' } : {};
  assert.equal((await post(d.reference, 'accept', body)).statusCode, 200);
  const approverView = await app.inject({
    method: 'GET',
    url: `/api/v1/demands/${d.reference}`,
    headers: (await tokenFor(t.db, { roles: ['approver'] })).auth,
  });
  const a = approverView.json();
  assert.equal(a.state, 'awaiting_disclosure');
  assert.equal(offer(a, 'approve')!.allowed, false);
  assert.match(offer(a, 'approve')!.why!, /Prepare the disclosure package first/);
  assert.deepEqual(a.nextStep, { label: 'Prepare the disclosure package', action: 'package' });
});

test('an action the decision advises against needs counsel’s written reason, which goes into the timeline', async () => {
  // An enterprise customer's data: the recommendation is not to comply, so accepting is advised against.
  const d = await make({ caseNumber: 'NS-3', targets: [{ kind: 'email', value: 'bob@acme.example' }] });
  const view = await detail(d.reference);
  assert.notEqual(view.decision.route.route, 'comply');
  const accept = offer(view, 'accept')!;
  assert.equal(accept.allowed, true);
  assert.equal(accept.requiresReason, true);
  assert.match(accept.advisedAgainst!, /The recommendation is to .*, not to produce/);
  assertProblem(await post(d.reference, 'accept'), 422, ['/overrideReason']);
  assertProblem(await post(d.reference, 'accept', { overrideReason: 'too short' }), 422, ['/overrideReason']);
  assert.equal((await detail(d.reference)).state, 'legal_review', 'nothing written');
  const reason = 'The customer was dissolved; no one can answer the agency for it.';
  const ok = await post(d.reference, 'accept', { overrideReason: reason });
  assert.equal(ok.statusCode, 200, ok.body);
  const tl = (await detail(d.reference)).timeline as {
    type: string;
    summary: string;
    details: { label: string; value: string }[];
  }[];
  const overridden = tl.find((e) => e.type === 'demand.advice_overridden')!;
  assert.equal(overridden.summary, 'Accept as compelled, against the recommendation');
  assert.deepEqual(overridden.details, [{ label: "Counsel's reason", value: reason }]);
});

test('an emergency’s held notice does not claim a secrecy order it does not have', async () => {
  const d = await make({ ...EMERGENCY, caseNumber: 'NS-5' });
  const view = await detail(d.reference);
  assert.equal(view.secrecyOrder, null);
  assert.equal(view.noticeState, 'held');
  assert.doesNotMatch(view.notice.label, /secrecy/i);
  assert.match(view.notice.label, /emergency/i);
});

test('the two-person rules: approval is not offered to the preparer or the first approver, who are told why', async () => {
  const d = await make({ caseNumber: 'NS-6' });
  const accept = offer(await detail(d.reference), 'accept')!;
  const body = accept.requiresReason ? { overrideReason: 'Counsel finds the warrant compelling.' } : {};
  assert.equal((await post(d.reference, 'accept', body)).statusCode, 200);
  // Counsel who also approves prepares the package: they may not approve it.
  const preparer = (await tokenFor(t.db, { roles: ['reviewer', 'approver'] }, 'Pia Preparer')).auth;
  const p = await postPdf(app, preparer, `/api/v1/demands/${d.reference}/package`, 'records.pdf');
  assert.equal(p.statusCode, 201, p.body);
  const mine = await detail(d.reference, preparer);
  assert.deepEqual(
    { allowed: offer(mine, 'approve')!.allowed, why: offer(mine, 'approve')!.why },
    { allowed: false, why: SAME_PERSON.approveOwnPackage },
  );
  assertProblem(await post(d.reference, 'approve', {}, preparer), 403);

  const first = (await tokenFor(t.db, { roles: ['approver'] }, 'Abe First')).auth;
  const second = (await tokenFor(t.db, { roles: ['approver'] }, 'Bea Second')).auth;
  assert.equal(offer(await detail(d.reference, first), 'approve')!.allowed, true);
  assert.equal((await post(d.reference, 'approve', {}, first)).statusCode, 200);
  const afterFirst = await detail(d.reference, first);
  assert.deepEqual(afterFirst.nextStep, { label: 'A second, different approver is needed', action: 'approve' });
  assert.deepEqual(
    { allowed: offer(afterFirst, 'approve')!.allowed, why: offer(afterFirst, 'approve')!.why },
    { allowed: false, why: SAME_PERSON.approveTwice },
  );
  // What is not offered is also what the server refuses.
  const refused = await post(d.reference, 'approve', {}, first);
  assertProblem(refused, 403);
  assert.equal(refused.json().detail, SAME_PERSON.approveTwice);
  assert.equal(offer(await detail(d.reference, second), 'approve')!.allowed, true);
  assert.equal((await post(d.reference, 'approve', {}, second)).json().state, 'approved');
});

test('an emergency’s confirmation is not offered to the reviewer who made the call-back; another reviewer confirms', async () => {
  const d = await make({ ...EMERGENCY, caseNumber: 'NS-7' });
  const caller = (await tokenFor(t.db, { roles: ['reviewer'] }, 'Cal Caller')).auth;
  const view = await detail(d.reference, caller);
  assert.equal(view.state, 'verifying_requester');
  assert.equal(
    (await post(d.reference, 'requester-callback', { note: 'Desk sergeant confirmed' }, caller)).statusCode,
    200,
  );
  const callerView = await detail(d.reference, caller);
  assert.equal(callerView.nextStep.action, 'confirm-requester');
  assert.deepEqual(
    { allowed: offer(callerView, 'confirm-requester')!.allowed, why: offer(callerView, 'confirm-requester')!.why },
    { allowed: false, why: SAME_PERSON.confirmOwnCallback },
  );
  const refused = await post(d.reference, 'confirm-requester', { callbackNote: 'Same person' }, caller);
  assertProblem(refused, 403);
  assert.equal(offer(await detail(d.reference), 'confirm-requester')!.allowed, true, 'another reviewer may confirm');
  const ok = await post(d.reference, 'confirm-requester', { callbackNote: 'Second review: matches' });
  assert.equal(ok.statusCode, 200, ok.body);
});
