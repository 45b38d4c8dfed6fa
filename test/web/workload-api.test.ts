/**
 * GET /api/v1/stats/workload: the dashboard's figures, computed by SQL, checked against demands
 * placed at known times, states and deadlines.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/http/app.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testClock, testContext } from '../support/context.ts';
import { STAFF, seedDirectory, warrantInput } from '../support/factories.ts';
import { assertProblem, tokenFor } from '../support/http-kit.ts';

// A Wednesday: the current week started on Monday 2 November 2026.
const NOW = '2026-11-04T12:00:00Z';
const HOUR = 3_600_000;
const at = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();

let t: TestDb;
let app: FastifyInstance;
let auth: Record<string, { authorization: string }>;

/** [received, state, deadline] for each demand made. */
const PLAN: [string, string, string | null][] = [
  ['2026-11-02T00:00:00Z', 'legal_review', at(-2 * HOUR)], // overdue
  ['2026-11-03T10:00:00Z', 'verifying_requester', at(5 * HOUR)], // due within 24 h
  ['2026-11-04T11:00:00Z', 'awaiting_disclosure', at(48 * HOUR)], // due within 72 h
  ['2026-11-01T23:59:59Z', 'legal_review', at(100 * HOUR)], // Sunday: the week before; due later
  ['2026-10-26T08:00:00Z', 'redirected', at(-10 * HOUR)], // redirected: still owes its answer, overdue
  ['2026-10-20T08:00:00Z', 'produced', at(3 * HOUR)], // delivered: not at risk
  ['2026-10-20T09:00:00Z', 'closed', at(-30 * HOUR)], // closed: neither open nor at risk
  ['2026-08-01T09:00:00Z', 'approved', at(1 * HOUR)], // outside the 12 weeks; due within 24 h
];

before(async () => {
  t = await createTestDb();
  const ctx = testContext(t.db, testClock(NOW));
  const dir = await seedDirectory(ctx);
  for (const [i, [received, state, deadline]] of PLAN.entries()) {
    const { demand } = await intakeDemand(ctx, { input: warrantInput(dir, { caseNumber: `W-${i}` }), actor: STAFF });
    await sql`update demands set received_at = ${received}::timestamptz, state = ${state}, disposition = ${state === 'closed' ? 'withdrawn' : null}, response_deadline = ${deadline}::timestamptz,
      next_deadline = ${state === 'closed' || state === 'produced' ? null : deadline}::timestamptz, next_deadline_kind = 'response_due' where id = ${demand.id}`.execute(
      t.db,
    );
  }
  app = await buildApp({ ctx, logLevel: 'silent' });
  auth = {
    auditor: (await tokenFor(t.db, { roles: ['auditor'] })).auth,
    officer: (await tokenFor(t.db, { officerOf: dir.usPolice })).auth,
    customer: (await tokenFor(t.db, { adminOf: dir.enterprise })).auth,
  };
});

after(async () => {
  await app?.close();
  await t?.drop();
});

async function workload(query = '') {
  const res = await app.inject({ method: 'GET', url: `/api/v1/stats/workload${query}`, headers: auth.auditor! });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as {
    asOf: string;
    receivedPerWeek: { weekStart: string; count: number }[];
    openByState: Record<string, number>;
    deadlines: { overdue: number; within24h: number; within72h: number };
    atRisk: { reference: string; responseDeadline: string; state: string }[];
  };
}

test('received per week: twelve Monday-based weeks, oldest first, empty weeks counted 0', async () => {
  const w = await workload();
  assert.equal(w.asOf, new Date(NOW).toISOString());
  assert.equal(w.receivedPerWeek.length, 12);
  assert.equal(w.receivedPerWeek.at(-1)!.weekStart, '2026-11-02T00:00:00.000Z');
  assert.equal(w.receivedPerWeek[0]!.weekStart, '2026-08-17T00:00:00.000Z');
  const byWeek = Object.fromEntries(w.receivedPerWeek.map((r) => [r.weekStart.slice(0, 10), r.count]));
  assert.equal(byWeek['2026-11-02'], 3);
  assert.equal(byWeek['2026-10-26'], 2, 'Sunday 1 November belongs to the week of 26 October');
  assert.equal(byWeek['2026-10-19'], 2);
  assert.equal(
    w.receivedPerWeek.reduce((s, r) => s + r.count, 0),
    7,
    'the August demand is outside the window',
  );
  assert.equal((await workload('?weeks=1')).receivedPerWeek.length, 1);
});

test('open demands by state: every open state listed, closed ones not counted', async () => {
  const w = await workload();
  assert.deepEqual(w.openByState, {
    received: 0,
    verifying_requester: 1,
    legal_review: 2,
    rejected: 0,
    redirected: 1,
    awaiting_disclosure: 1,
    approved: 1,
    produced: 1,
  });
});

test('deadlines at risk count every open demand still owing an answer, a redirected one too', async () => {
  const w = await workload();
  assert.deepEqual(w.deadlines, { overdue: 2, within24h: 2, within72h: 3 });
  assert.deepEqual(
    w.atRisk.map((r) => [r.state, r.responseDeadline]),
    [
      ['redirected', at(-10 * HOUR)],
      ['legal_review', at(-2 * HOUR)],
      ['approved', at(1 * HOUR)],
      ['verifying_requester', at(5 * HOUR)],
      ['awaiting_disclosure', at(48 * HOUR)],
      ['legal_review', at(100 * HOUR)],
    ],
  );
});

test('each count leads to its demands: the list answers the query string given with it', async () => {
  const res = await app.inject({ method: 'GET', url: '/api/v1/stats/workload', headers: auth.auditor! });
  const w = res.json() as {
    openByState: Record<string, number>;
    deadlines: Record<string, number>;
    queries: { openByState: Record<string, string>; deadlines: Record<string, string> };
  };
  const count = async (query: string) => {
    const r = await app.inject({ method: 'GET', url: `/api/v1/demands?${query}&limit=200`, headers: auth.auditor! });
    assert.equal(r.statusCode, 200, `${query}: ${r.body}`);
    return (r.json().items as unknown[]).length;
  };
  for (const [state, n] of Object.entries(w.openByState))
    assert.equal(await count(w.queries.openByState[state]!), n, state);
  for (const [k, n] of Object.entries(w.deadlines)) assert.equal(await count(w.queries.deadlines[k]!), n, k);
});

test('staff only: officers and customer admins are refused, and so is a caller without a token', async () => {
  assertProblem(await app.inject({ method: 'GET', url: '/api/v1/stats/workload', headers: auth.officer! }), 403);
  assertProblem(await app.inject({ method: 'GET', url: '/api/v1/stats/workload', headers: auth.customer! }), 403);
  assertProblem(await app.inject({ method: 'GET', url: '/api/v1/stats/workload' }), 401);
  assertProblem(
    await app.inject({ method: 'GET', url: '/api/v1/stats/workload?weeks=0', headers: auth.auditor! }),
    422,
  );
});
