/**
 * An action the decision advises against: the console asks for counsel's written reason (10 to
 * 2,000 characters) and sends it as `overrideReason`; an action the server does not offer is matched
 * to the console's own by its route name.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StaffDemand } from '../../web/src/lib/api-types.ts';
import {
  actionsFor,
  guarded,
  serverActionFor,
  validateAction,
  type ServerAction,
} from '../../web/src/features/console/actions.ts';

const redirectAdvisedAgainst: ServerAction = {
  action: 'redirect',
  label: 'Redirect to customer',
  allowed: true,
  advisedAgainst: 'No target belongs to an enterprise customer: a redirect has no one to go to',
  requiresReason: true,
  why: null,
};

const demand = {
  reference: 'WR-2026-000001',
  state: 'legal_review',
  timeline: [],
  actions: [redirectAdvisedAgainst],
} as unknown as StaffDemand;

test("a guarded action needs counsel's reason, checked like the API checks it, and sends it", () => {
  const redirect = actionsFor(demand).find((a) => a.path === 'redirect')!;
  const server = serverActionFor(demand, redirect);
  assert.equal(server, redirectAdvisedAgainst);
  const spec = guarded(redirect, server);
  assert.match(spec.explain, /No target belongs to an enterprise customer/);
  const field = spec.fields.find((f) => f.name === 'overrideReason');
  assert.ok(field?.required);
  assert.equal(validateAction(spec, { overrideReason: '' }).overrideReason, "Enter the counsel's written reason");
  assert.match(validateAction(spec, { overrideReason: 'too short' }).overrideReason ?? '', /at least 10/);
  assert.match(validateAction(spec, { overrideReason: 'x'.repeat(2001) }).overrideReason ?? '', /at most 2000/);
  const reason = 'The customer asked us to handle it; counsel approves the redirect.';
  assert.equal(validateAction(spec, { overrideReason: reason }).overrideReason, undefined);
  assert.equal(spec.body({ note: '', overrideReason: ` ${reason} ` }).overrideReason, reason);
});

test('an action the decision does not advise against is left as it is', () => {
  const accept = actionsFor(demand).find((a) => a.path === 'accept')!;
  assert.equal(serverActionFor(demand, accept), undefined);
  assert.equal(guarded(accept, undefined), accept);
  assert.equal(guarded(accept, { ...redirectAdvisedAgainst, action: 'accept', requiresReason: false }), accept);
});
