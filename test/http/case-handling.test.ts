/**
 * Case handling over HTTP: staff by name, assignment of one or many demands (all or none), the
 * timeline in plain words with people's names, internal notes (never in an event or a ledger leaf),
 * the queue by next deadline with its views and flags, saved views, secrecy orders and reads.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { sequenceLedger } from '../../src/workflow/sequence-ledger.ts';
import type { DemandIntake } from '../../src/workflow/schemas/demand-intake.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testClock, testContext, type TestClock } from '../support/context.ts';
import { EMERGENCY, seedDirectory, warrantInput, type Directory } from '../support/factories.ts';
import { assertProblem, postAcceptedDemand, tokenFor } from '../support/http-kit.ts';

type Auth = { authorization: string };

let t: TestDb;
let app: FastifyInstance;
let dir: Directory;
let clock: TestClock;
let intake: Auth;
let dana: { auth: Auth; principalId: string };
let sam: { auth: Auth; principalId: string };
let auditor: Auth;
let admin: Auth;

const make = (over: Partial<DemandIntake> = {}) =>
  postAcceptedDemand<{ id: string; reference: string }>(app, intake, warrantInput(dir, over));

async function call(method: 'GET' | 'POST' | 'DELETE', url: string, who: Auth, payload?: object) {
  return app.inject({ method, url, headers: who, ...(payload ? { payload } : {}) });
}

async function detail(ref: string, who: Auth = auditor) {
  const res = await call('GET', `/api/v1/demands/${ref}`, who);
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

async function list(query: string, who: Auth = auditor) {
  const res = await call('GET', `/api/v1/demands?${query}`, who);
  assert.equal(res.statusCode, 200, res.body);
  return res.json().items as {
    reference: string;
    assignee: { id: string; name: string } | null;
    nextDeadline: { kind: string; dueAt: string; hours: boolean } | null;
  }[];
}

before(async () => {
  t = await createTestDb();
  clock = testClock('2026-11-02T09:00:00Z');
  const ctx = testContext(t.db, clock);
  dir = await seedDirectory(ctx);
  app = await buildApp({ ctx, logLevel: 'silent' });
  intake = (await tokenFor(t.db, { roles: ['intake'] }, 'Ines Intake')).auth;
  dana = await tokenFor(t.db, { roles: ['reviewer'] }, 'Dana Reviewer');
  sam = await tokenFor(t.db, { roles: ['reviewer'] }, 'Sam Counsel');
  auditor = (await tokenFor(t.db, { roles: ['auditor'] }, 'Avery Auditor')).auth;
  admin = (await tokenFor(t.db, { roles: ['administrator'] }, 'Ada Admin')).auth;
});

after(async () => {
  await app?.close();
  await t?.drop();
});

describe('people and assignment', () => {
  test('the staff list names each staff member with roles, and no officer or customer admin', async () => {
    await tokenFor(t.db, { officerOf: dir.usPolice }, 'Officer Olsen');
    const res = await call('GET', '/api/v1/staff', auditor);
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items as { id: string; name: string; email: string; roles: string[] }[];
    const dn = items.find((i) => i.id === dana.principalId);
    assert.deepEqual(dn && { name: dn.name, roles: dn.roles }, { name: 'Dana Reviewer', roles: ['reviewer'] });
    assert.ok(!items.some((i) => i.name === 'Officer Olsen'));
  });

  test('assign many at once, then reassign: events with who, names in the timeline, list filters', async () => {
    const a = await make({ caseNumber: 'AS-1' });
    const b = await make({ caseNumber: 'AS-2' });
    const c = await make({ caseNumber: 'AS-3' });
    const res = await call('POST', '/api/v1/demands/assign', sam.auth, {
      references: [a.reference, b.reference],
      assignee: dana.principalId,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().items, [
      { reference: a.reference, assignee: { id: dana.principalId, name: 'Dana Reviewer' } },
      { reference: b.reference, assignee: { id: dana.principalId, name: 'Dana Reviewer' } },
    ]);
    const re = await call('POST', '/api/v1/demands/assign', dana.auth, {
      references: [b.reference],
      assignee: sam.principalId,
    });
    assert.equal(re.statusCode, 200, re.body);

    const d = await detail(b.reference);
    assert.deepEqual(d.assignee, { id: sam.principalId, name: 'Sam Counsel' });
    const assigned = d.timeline.filter((e: { type: string }) => e.type === 'demand.assigned');
    assert.equal(assigned.length, 2);
    assert.equal(assigned[0].summary, 'Assigned to Dana Reviewer');
    assert.deepEqual(assigned[0].actor, { kind: 'staff', id: sam.principalId, name: 'Sam Counsel' });
    assert.equal(assigned[1].summary, 'Reassigned to Sam Counsel');
    assert.deepEqual(assigned[1].details, [
      { label: 'From', value: 'Dana Reviewer' },
      { label: 'To', value: 'Sam Counsel' },
    ]);

    const mine = new Set((await list('assignee=me&open=true', dana.auth)).map((i) => i.reference));
    assert.ok(mine.has(a.reference) && !mine.has(b.reference) && !mine.has(c.reference));
    const sams = new Set((await list(`assignee=${sam.principalId}`)).map((i) => i.reference));
    assert.deepEqual(
      [...sams].filter((r) => [a, b, c].some((x) => x.reference === r)),
      [b.reference],
    );
    const none = new Set((await list('assignee=none&limit=200')).map((i) => i.reference));
    assert.ok(none.has(c.reference) && !none.has(a.reference));
    const item = (await list(`reference=${a.reference}`))[0]!;
    assert.deepEqual(item.assignee, { id: dana.principalId, name: 'Dana Reviewer' });
  });

  test('all or none: an unknown reference is a 404 naming it, and nothing changes', async () => {
    const a = await make({ caseNumber: 'AS-4' });
    const res = await call('POST', '/api/v1/demands/assign', sam.auth, {
      references: [a.reference, 'WR-2026-999999'],
      assignee: dana.principalId,
    });
    const p = assertProblem(res, 404);
    assert.match(p.detail ?? '', /WR-2026-999999/);
    assert.equal((await detail(a.reference)).assignee, null);
  });

  test('the assignee must be a staff member (422), and only reviewers and administrators assign', async () => {
    const a = await make({ caseNumber: 'AS-5' });
    const officer = await tokenFor(t.db, { officerOf: dir.usPolice }, 'Officer Two');
    assertProblem(
      await call('POST', '/api/v1/demands/assign', admin, { references: [a.reference], assignee: officer.principalId }),
      422,
      ['/assignee'],
    );
    assert.equal(
      (await call('POST', '/api/v1/demands/assign', auditor, { references: [a.reference], assignee: null })).statusCode,
      403,
    );
    const un = await call('POST', '/api/v1/demands/assign', admin, { references: [a.reference], assignee: null });
    assert.equal(un.statusCode, 200, un.body);
    assert.equal(un.json().items[0].assignee, null);
  });
});

describe('the timeline in plain words', () => {
  test('actors by name, summaries and details without raw keys or codes', async () => {
    const a = await make({ caseNumber: 'TL-1' });
    const d = await detail(a.reference);
    for (const e of d.timeline) {
      assert.equal(typeof e.summary, 'string');
      assert.ok(e.actor && typeof e.actor.name === 'string', JSON.stringify(e));
      assert.ok(!/[a-z]+_[a-z]+/.test(e.summary), `no codes in "${e.summary}"`);
      for (const x of e.details) assert.ok(!/^[a-z]+[A-Z]/.test(x.label), `no raw keys: ${x.label}`);
    }
    const received = d.timeline[0];
    assert.equal(received.summary, 'Demand received');
    assert.deepEqual(received.actor, {
      kind: 'staff',
      id: received.actor.id,
      name: 'Ines Intake',
    });
    const decision = d.timeline.find((e: { type: string }) => e.type === 'demand.decision_recorded');
    assert.ok(decision.details.some((x: { label: string }) => x.label === 'Recommendation'));
    assert.ok(!JSON.stringify(decision).includes('redirect_to_customer'));
  });
});

describe('internal notes', () => {
  const SECRET = 'Counsel thinks the affidavit is thin; call AUSA Rivera before Friday';

  test('added by staff, listed oldest first with author names, on the timeline, never in an event or leaf', async () => {
    const a = await make({ caseNumber: 'NT-1' });
    const first = await call('POST', `/api/v1/demands/${a.reference}/notes`, dana.auth, { text: SECRET });
    assert.equal(first.statusCode, 201, first.body);
    assert.deepEqual(first.json().author, { id: dana.principalId, name: 'Dana Reviewer' });
    clock.advance(60_000);
    const second = await call('POST', `/api/v1/demands/${a.reference}/notes`, sam.auth, { text: 'Called; agreed.' });
    assert.equal(second.statusCode, 201, second.body);
    const notes = await call('GET', `/api/v1/demands/${a.reference}/notes`, auditor);
    assert.equal(notes.statusCode, 200, notes.body);
    assert.deepEqual(
      notes.json().items.map((n: { text: string; author: { name: string } }) => [n.author.name, n.text]),
      [
        ['Dana Reviewer', SECRET],
        ['Sam Counsel', 'Called; agreed.'],
      ],
    );
    const d = await detail(a.reference);
    const added = d.timeline.filter((e: { type: string }) => e.type === 'demand.note_added');
    assert.deepEqual(
      added.map((e: { summary: string }) => e.summary),
      ['Internal note added', 'Internal note added'],
    );
    assert.ok(!JSON.stringify(d).includes('affidavit'), 'the demand view does not carry the text');

    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from events where payload::text like '%affidavit%'`.execute(t.db);
    assert.equal(rows[0]!.n, 0, 'no event payload holds the text');
    await sequenceLedger(t.db);
    const leaves = await sql<{ leaf: Buffer }>`select leaf from ledger_leaves`.execute(t.db);
    assert.ok(leaves.rows.length > 0);
    assert.ok(!leaves.rows.some((r) => r.leaf.toString('utf8').includes('affidavit')), 'no leaf holds the text');
  });

  test('an officer or customer admin cannot read or add notes; blank or overlong text is refused', async () => {
    const a = await make({ caseNumber: 'NT-2' });
    const officer = (await tokenFor(t.db, { officerOf: dir.usPolice })).auth;
    assert.equal((await call('GET', `/api/v1/demands/${a.reference}/notes`, officer)).statusCode, 403);
    assert.equal((await call('POST', `/api/v1/demands/${a.reference}/notes`, officer, { text: 'x' })).statusCode, 403);
    assertProblem(await call('POST', `/api/v1/demands/${a.reference}/notes`, dana.auth, { text: '' }), 422);
    assertProblem(await call('POST', `/api/v1/demands/${a.reference}/notes`, dana.auth, { text: '   ' }), 422);
    assertProblem(
      await call('POST', `/api/v1/demands/${a.reference}/notes`, dana.auth, { text: 'x'.repeat(10001) }),
      422,
    );
    assertProblem(await call('POST', '/api/v1/demands/WR-2026-999998/notes', dana.auth, { text: 'x' }), 404);
    const notes = await sql<{ n: number }>`select count(*)::int as n from demand_notes`.execute(t.db);
    assert.equal(notes.rows[0]!.n, 2, 'only the two notes of the test before');
  });

  test('notes are never edited or deleted, even by the database owner', async () => {
    await assert.rejects(sql`update demand_notes set text = 'changed'`.execute(t.db), /append-only/);
    await assert.rejects(sql`delete from demand_notes`.execute(t.db), /append-only/);
  });
});

describe('the reads of a demand', () => {
  test('administrators and auditors see every read with the reader by name', async () => {
    const a = await make({ caseNumber: 'RD-1' });
    await detail(a.reference, dana.auth);
    await call('GET', `/api/v1/demands/${a.reference}/notes`, sam.auth);
    const res = await call('GET', `/api/v1/demands/${a.reference}/reads`, admin);
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items as { actor: { name: string }; what: string }[];
    assert.deepEqual(
      items.map((i) => [i.actor.name, i.what]),
      [
        ['Sam Counsel', 'Read the internal notes'],
        ['Dana Reviewer', 'Opened the demand'],
      ],
    );
    assert.equal((await call('GET', `/api/v1/demands/${a.reference}/reads`, dana.auth)).statusCode, 403);
  });
});

describe('the queue by next deadline, views and flags', () => {
  test('an emergency due in hours comes before a 10-day order; views and flags select as named', async () => {
    clock.set('2026-11-02T09:00:00Z');
    const order = await make({
      caseNumber: 'Q-EPO',
      agencyId: dir.dePolice,
      requester: { name: 'KHK Weber', email: 'weber@lka.berlin.example' },
      jurisdiction: 'DE',
      jurisdictionSubdivision: null,
      instrument: 'european_production_order',
      issuedAt: '2026-10-30T10:00:00Z',
      issuingCourt: 'Amtsgericht Tiergarten',
      dataCategories: ['subscriber'],
    } as Partial<DemandIntake>);
    const emergency = await make({ ...EMERGENCY, caseNumber: 'Q-EM' });
    const epo = await detail(order.reference);
    const tenDays = epo.clocks.find((c: { kind: string }) => c.kind === 'eu_production_10d');
    assert.ok(tenDays, JSON.stringify(epo.clocks));
    assert.equal(tenDays.dueAt, '2026-11-12T09:00:00.000Z');
    assert.equal(tenDays.hours, false);
    assert.match(tenDays.basis, /2023\/1543, Art\. 10/);
    const em = await detail(emergency.reference);
    const hours = em.clocks.find((c: { kind: string }) => c.kind === 'emergency_response');
    assert.ok(hours, JSON.stringify(em.clocks));
    assert.equal(hours.hours, true);
    assert.equal(hours.state, 'running');
    assert.equal(em.nextDeadline.kind, 'emergency_response');

    const queue = (await list('open=true&sort=deadline&limit=200')).map((i) => i.reference);
    assert.ok(queue.indexOf(emergency.reference) < queue.indexOf(order.reference), queue.join(' '));
    const first = (await list('open=true&sort=deadline&limit=1'))[0]!;
    assert.equal(first.reference, emergency.reference);
    assert.equal(first.nextDeadline?.kind, 'emergency_response');
    assert.equal(first.nextDeadline?.hours, true);

    const emergencies = (await list('flags=emergency&limit=200')).map((i) => i.reference);
    assert.deepEqual(emergencies, [emergency.reference]);
    const soon = (await list('view=due_soon&limit=200')).map((i) => i.reference);
    assert.ok(soon.includes(emergency.reference) && !soon.includes(order.reference));
    const due24 = (await list('flags=emergency,due_24h&limit=200')).map((i) => i.reference);
    assert.deepEqual(due24, [emergency.reference]);

    clock.advance(5 * 3_600_000);
    const overdue = (await list('view=overdue&limit=200')).map((i) => i.reference);
    assert.ok(overdue.includes(emergency.reference) && !overdue.includes(order.reference));
    assert.equal(
      (await detail(emergency.reference)).clocks.find((c: { kind: string }) => c.kind === 'emergency_response').state,
      'overdue',
    );

    clock.advance(31 * 86_400_000);
    const ageing = (await list('view=ageing&limit=200')).map((i) => i.reference);
    assert.ok(ageing.includes(order.reference));
    assertProblem(await call('GET', '/api/v1/demands?flags=emergency,bogus', auditor), 422);
    assertProblem(await call('GET', '/api/v1/demands?view=someday', auditor), 422);
  });
});

describe('saved views', () => {
  test("each staff member's own: save, list, refuse a duplicate name, delete; another's is not found", async () => {
    const saved = await call('POST', '/api/v1/saved-views', dana.auth, {
      name: 'My overdue',
      query: '?view=overdue&assignee=me',
    });
    assert.equal(saved.statusCode, 201, saved.body);
    const v = saved.json();
    assert.equal(v.query, 'view=overdue&assignee=me');
    assertProblem(await call('POST', '/api/v1/saved-views', dana.auth, { name: 'My overdue', query: '' }), 409);
    assert.deepEqual((await call('GET', '/api/v1/saved-views', dana.auth)).json().items, [v]);
    assert.deepEqual((await call('GET', '/api/v1/saved-views', sam.auth)).json().items, []);
    assertProblem(await call('DELETE', `/api/v1/saved-views/${v.id}`, sam.auth), 404);
    assert.equal((await call('DELETE', `/api/v1/saved-views/${v.id}`, dana.auth)).statusCode, 204);
    assert.deepEqual((await call('GET', '/api/v1/saved-views', dana.auth)).json().items, []);
  });
});

describe('secrecy orders', () => {
  test('each order of an open demand, with its end, its state and the notice it holds back', async () => {
    clock.set('2026-11-02T09:00:00Z');
    const held = await make({
      caseNumber: 'SO-1',
      secrecyOrder: {
        legalBasis: '18 U.S.C. 2705(b)',
        issuedAt: '2026-11-01T15:00:00Z',
        expiresAt: '2027-05-01T00:00:00Z',
        individualizedFindings: true,
      },
    } as Partial<DemandIntake>);
    const res = await call('GET', '/api/v1/secrecy-orders', auditor);
    assert.equal(res.statusCode, 200, res.body);
    const item = res.json().items.find((i: { reference: string }) => i.reference === held.reference);
    assert.ok(item, res.body);
    assert.equal(item.basis, '18 U.S.C. 2705(b)');
    assert.equal(item.endsAt, '2027-05-01T00:00:00.000Z');
    assert.equal(item.state, 'in_force');
    assert.match(item.holdsBack, /notice to Dana Doe, until 2027-05-01/);
    const d = await detail(held.reference);
    assert.match(d.notice.label, /^Held: secrecy order \(18 U\.S\.C\. 2705\(b\)\)/);
    assert.ok(d.clocks.some((c: { kind: string }) => c.kind === 'secrecy_order_end'));
    assert.ok(d.clocks.some((c: { kind: string }) => c.kind === 'notice_release'));
  });
});
