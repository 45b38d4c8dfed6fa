/**
 * Reading demands over HTTP (the list with each filter, keyset pagination, one demand with its
 * timeline) and changing them (the action routes, illegal moves, the two-person rule).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import type { DemandIntake } from '../../src/workflow/schemas/demand-intake.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testContext } from '../support/context.ts';
import { seedDirectory, warrantInput, type Directory } from '../support/factories.ts';
import { assertProblem, postPdf, postDemand, tokenFor } from '../support/http-kit.ts';

type Auth = { authorization: string };

let t: TestDb;
let app: FastifyInstance;
let dir: Directory;
let intake: Auth;
let reviewer: Auth;
let approverA: Auth;
let approverB: Auth;
let auditor: Auth;

interface Made {
  id: string;
  reference: string;
  receivedAt: string;
  jurisdiction: string;
  instrument: string;
  customers: Set<string>;
  responseDeadline: string | null;
  state: string;
}
/** Every demand this file made, as the API answered it (state kept up to date by `act`). */
const made = new Map<string, Made>();

async function make(over: Partial<DemandIntake> = {}): Promise<Made> {
  const res = await postDemand(app, intake, warrantInput(dir, over));
  assert.equal(res.statusCode, 201, res.body);
  const b = res.json();
  const m: Made = {
    id: b.id,
    reference: b.reference,
    receivedAt: b.receivedAt,
    jurisdiction: b.jurisdiction,
    instrument: b.instrument,
    customers: new Set(b.targets.map((x: { customerId: string }) => x.customerId)),
    responseDeadline: b.responseDeadline,
    state: b.state,
  };
  made.set(m.reference, m);
  return m;
}

/** Counsel's reason, for the moves these tests make whatever the policy recommends (see test/http/next-steps.test.ts). */
const OVERRIDE = { overrideReason: 'Counsel has reviewed the demand and takes this step.' };

async function act(ref: string, action: string, who: Auth, body: object = {}) {
  const guarded = ['accept', 'redirect', 'reject'].includes(action) && !('overrideReason' in body);
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/demands/${ref}/${action}`,
    headers: who,
    payload: guarded ? { ...body, ...OVERRIDE } : body,
  });
  if (res.statusCode === 200 && made.has(ref)) made.get(ref)!.state = res.json().state;
  return res;
}

/** Accept a demand and prepare its disclosure package (as the reviewer, who then may not approve it). */
async function acceptAndPackage(ref: string) {
  const a = await act(ref, 'accept', reviewer);
  assert.equal(a.statusCode, 200, a.body);
  const p = await postPdf(app, reviewer, `/api/v1/demands/${ref}/package`, 'records.pdf');
  assert.equal(p.statusCode, 201, p.body);
}

async function list(query: string, who: Auth = auditor) {
  const res = await app.inject({ method: 'GET', url: `/api/v1/demands${query}`, headers: who });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as {
    items: { id: string; reference: string; receivedAt: string; state: string }[];
    nextCursor: string | null;
  };
}

const refs = (items: { reference: string }[]) => new Set(items.map((i) => i.reference));
const expected = (pred: (m: Made) => boolean) => new Set([...made.values()].filter(pred).map((m) => m.reference));

const eventsOf = (demandId: string) =>
  t.db.selectFrom('events').select(['id', 'type']).where('demand_id', '=', demandId).orderBy('id').execute();

before(async () => {
  t = await createTestDb();
  const ctx = testContext(t.db);
  dir = await seedDirectory(ctx);
  app = await buildApp({ ctx, logLevel: 'silent' });
  intake = (await tokenFor(t.db, { roles: ['intake'] })).auth;
  reviewer = (await tokenFor(t.db, { roles: ['reviewer'] })).auth;
  approverA = (await tokenFor(t.db, { roles: ['approver'] }, 'Approver A')).auth;
  approverB = (await tokenFor(t.db, { roles: ['approver'] }, 'Approver B')).auth;
  auditor = (await tokenFor(t.db, { roles: ['auditor'] })).auth;
});

after(async () => {
  await app?.close();
  await t?.drop();
});

describe('the list, with each filter', () => {
  before(async () => {
    const usWarrant = await make({
      receivedAt: '2026-10-01T10:00:00Z',
      issuedAt: '2026-09-30T10:00:00Z',
      responseDeadline: '2026-11-10T00:00:00Z',
    });
    const usSubpoena = await make({
      receivedAt: '2026-10-02T10:00:00Z',
      issuedAt: '2026-10-01T10:00:00Z',
      instrument: 'subpoena',
      dataCategories: ['subscriber'],
      targets: [{ kind: 'email', value: 'bob@acme.example' }],
      responseDeadline: '2026-11-20T00:00:00Z',
    });
    await make({
      receivedAt: '2026-10-03T10:00:00Z',
      issuedAt: '2026-10-02T10:00:00Z',
      agencyId: dir.dePolice,
      requester: { name: 'KOK Müller', email: 'mueller@lka.berlin.example' },
      jurisdiction: 'DE',
      jurisdictionSubdivision: null,
      instrument: 'european_production_order',
      dataCategories: ['subscriber'],
      targets: [{ kind: 'email', value: 'carol@acme.example' }],
    });
    await make({
      receivedAt: '2026-10-04T10:00:00Z',
      issuedAt: '2026-10-03T10:00:00Z',
      agencyId: dir.ukPolice,
      requester: { name: 'DC Jones', email: 'jones@tvp.police.example' },
      jurisdiction: 'GB',
      jurisdictionSubdivision: null,
      instrument: 'overseas_production_order',
      targets: [{ kind: 'email', value: 'bob@acme.example' }],
    });
    await make({
      receivedAt: '2026-10-05T10:00:00Z',
      issuedAt: '2026-10-04T10:00:00Z',
      targets: [{ kind: 'domain', value: 'acme.example' }],
    });
    await make({
      receivedAt: '2026-10-06T10:00:00Z',
      issuedAt: '2026-10-05T10:00:00Z',
      instrument: 'subpoena',
      dataCategories: ['subscriber'],
      responseDeadline: '2026-12-15T00:00:00Z',
    });
    assert.equal((await act(usWarrant.reference, 'reject', reviewer, { reason: 'overbroad' })).statusCode, 200);
    assert.equal((await act(usSubpoena.reference, 'accept', reviewer)).statusCode, 200);
    // The fixtures must cover what each filter tells apart.
    const all = [...made.values()];
    assert.ok(new Set(all.map((m) => m.jurisdiction)).size >= 3);
    assert.ok(all.some((m) => m.responseDeadline === null) && all.filter((m) => m.responseDeadline).length >= 3);
  });

  test('no filter: every demand, newest first', async () => {
    const { items, nextCursor } = await list('?limit=200');
    assert.deepEqual(
      refs(items),
      expected(() => true),
    );
    assert.equal(nextCursor, null);
    const received = items.map((i) => Date.parse(i.receivedAt));
    assert.deepEqual(
      received,
      [...received].sort((a, b) => b - a),
    );
  });

  for (const state of ['rejected', 'awaiting_disclosure', 'legal_review', 'closed']) {
    test(`state=${state}`, async () => {
      const { items } = await list(`?state=${state}&limit=200`);
      assert.deepEqual(
        refs(items),
        expected((m) => m.state === state),
      );
      assert.ok(items.every((i) => i.state === state));
    });
  }

  for (const country of ['US', 'DE', 'GB', 'FR']) {
    test(`country=${country}`, async () => {
      const { items } = await list(`?country=${country}&limit=200`);
      assert.deepEqual(
        refs(items),
        expected((m) => m.jurisdiction === country),
      );
    });
  }

  for (const instrument of ['subpoena', 'search_warrant', 'european_production_order', 'fisa_order']) {
    test(`instrument=${instrument}`, async () => {
      const { items } = await list(`?instrument=${instrument}&limit=200`);
      assert.deepEqual(
        refs(items),
        expected((m) => m.instrument === instrument),
      );
    });
  }

  test('customer=<enterprise> and customer=<consumer> split the demands by whose accounts they name', async () => {
    const ent = await list(`?customer=${dir.enterprise}&limit=200`);
    const con = await list(`?customer=${dir.consumer}&limit=200`);
    assert.deepEqual(
      refs(ent.items),
      expected((m) => m.customers.has(dir.enterprise)),
    );
    assert.deepEqual(
      refs(con.items),
      expected((m) => m.customers.has(dir.consumer)),
    );
    assert.ok(ent.items.length > 0 && con.items.length > 0);
    assert.deepEqual((await list(`?customer=${randomUUID()}`)).items, []);
  });

  for (const cutoff of ['2026-11-15T00:00:00Z', '2026-12-01T00:00:00Z', '2027-01-01T00:00:00Z']) {
    test(`due_before=${cutoff}: only demands with a deadline before it`, async () => {
      const { items } = await list(`?due_before=${encodeURIComponent(cutoff)}&limit=200`);
      const want = expected((m) => m.responseDeadline !== null && Date.parse(m.responseDeadline) < Date.parse(cutoff));
      assert.ok(want.size > 0);
      assert.deepEqual(refs(items), want);
    });
  }

  test('filters combine (AND)', async () => {
    const { items } = await list(`?country=US&instrument=subpoena&limit=200`);
    assert.deepEqual(
      refs(items),
      expected((m) => m.jurisdiction === 'US' && m.instrument === 'subpoena'),
    );
    assert.ok(items.length > 0);
  });

  test('a bad filter value → 422 problem naming it', async () => {
    for (const q of [
      '?state=pending_forever',
      '?country=usa',
      '?instrument=writ',
      '?customer=acme',
      '?due_before=tomorrow',
      '?limit=0',
      '?limit=201',
      '?colour=red',
    ]) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/demands${q}`, headers: auditor });
      const p = assertProblem(res, 422);
      const name = q.slice(1).split('=')[0]!;
      assert.ok(
        (p.errors ?? []).some((e) => e.pointer.endsWith(`/${name}`)),
        `${q}: ${JSON.stringify(p.errors)}`,
      );
    }
  });
});

describe('cursor pagination', () => {
  before(async () => {
    // 25 more: five groups of five received at the very same instant, so ties are broken by id.
    for (let g = 0; g < 5; g++) {
      for (let i = 0; i < 5; i++) {
        await make({
          receivedAt: `2026-10-1${g}T08:00:00.000Z`,
          issuedAt: '2026-10-09T08:00:00Z',
          caseNumber: `PAGE-${g}-${i}`,
        });
      }
    }
  });

  async function walk(query: string, limit: number) {
    const seen: { id: string; reference: string; receivedAt: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = `?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await list(q);
      assert.ok(page.items.length <= limit);
      if (page.nextCursor) assert.equal(page.items.length, limit, 'only the last page is short');
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
      assert.ok(pages < 100, 'pagination ends');
    } while (cursor);
    return { seen, pages };
  }

  test('limit=7 walks every demand exactly once, newest first, ties by id', async () => {
    const total = made.size;
    assert.ok(total >= 30);
    const { seen, pages } = await walk('', 7);
    assert.equal(pages, Math.ceil(total / 7));
    assert.equal(seen.length, total, 'no row twice, none left out');
    assert.equal(new Set(seen.map((s) => s.id)).size, total, 'no duplicates');
    const all = await t.db.selectFrom('demands').select('reference').execute();
    assert.deepEqual(refs(seen), new Set(all.map((r) => r.reference)));
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      const ta = Date.parse(a.receivedAt);
      const tb = Date.parse(b.receivedAt);
      assert.ok(
        ta > tb || (ta === tb && a.id > b.id),
        `order at ${i}: ${a.receivedAt}/${a.id} then ${b.receivedAt}/${b.id}`,
      );
    }
  });

  test('every page size walks the same rows in the same order', async () => {
    const one = (await walk('', 200)).seen.map((s) => s.id);
    for (const limit of [1, 5, 6])
      assert.deepEqual(
        (await walk('', limit)).seen.map((s) => s.id),
        one,
        `limit ${limit}`,
      );
  });

  test('a filtered walk returns exactly the filtered rows', async () => {
    const { seen } = await walk(`&customer=${dir.consumer}`, 4);
    assert.equal(new Set(seen.map((s) => s.id)).size, seen.length);
    assert.deepEqual(
      refs(seen),
      expected((m) => m.customers.has(dir.consumer)),
    );
  });

  test('sort=deadline walks every demand exactly once: soonest deadline first, ties by id, none last', async () => {
    for (let i = 0; i < 5; i++) await make({ responseDeadline: '2026-12-05T12:00:00Z', caseNumber: `DL-TIE-${i}` });
    await make({ responseDeadline: '2026-11-25T12:00:00Z', caseNumber: 'DL-EARLY' });
    const { seen } = await walk('&sort=deadline', 4);
    assert.equal(seen.length, made.size, 'no row twice, none left out');
    assert.equal(new Set(seen.map((s) => s.id)).size, made.size);
    // The queue sorts by each demand's next deadline (its soonest pending clock): for these
    // warrants, the instrument's own date until it is answered (produced, rejected or closed).
    const key = (r: { id: string; nextDeadline?: { dueAt: string } | null }) => {
      const m = [...made.values()].find((x) => x.id === r.id)!;
      assert.equal(
        r.nextDeadline?.dueAt ?? null,
        ['closed', 'rejected', 'produced'].includes(m.state) || !m.responseDeadline
          ? null
          : new Date(m.responseDeadline).toISOString(),
      );
      const d = r.nextDeadline?.dueAt ?? null;
      return d === null ? Number.POSITIVE_INFINITY : Date.parse(d);
    };
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      assert.ok(key(a) < key(b) || (key(a) === key(b) && a.id < b.id), `order at ${i}`);
    }
  });

  test('sort=deadline with deadlines given to the microsecond (as e.g. Python writes them) still walks each row once', async () => {
    // RFC 3339 allows any number of fractional digits, and intake stores the deadline as given;
    // the cursor must not lose precision and hand the last row of a page out again.
    const micro = new Set<string>();
    for (let i = 0; i < 3; i++)
      micro.add((await make({ responseDeadline: '2026-12-20T10:00:00.123456Z', caseNumber: `DL-MICRO-${i}` })).id);
    const walked: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page = await list(
        `?sort=deadline&limit=2&due_before=${encodeURIComponent('2026-12-21T00:00:00Z')}&instrument=search_warrant${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      walked.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    assert.equal(cursor, null, `pagination did not end: ${walked.length} rows handed out`);
    assert.equal(
      new Set(walked).size,
      walked.length,
      `a row was handed out twice: ${walked.length} rows, ${new Set(walked).size} distinct`,
    );
    for (const id of micro) assert.ok(walked.includes(id));
  });

  test('an invalid cursor → 422 problem naming the cursor', async () => {
    const bad = [
      'not-a-cursor',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from(JSON.stringify(['yesterday', randomUUID()])).toString('base64url'),
      Buffer.from(JSON.stringify(['2026-10-01T00:00:00.000Z', 'not-an-id'])).toString('base64url'),
      Buffer.from(JSON.stringify([12, randomUUID()])).toString('base64url'),
      'x'.repeat(500),
    ];
    for (const c of bad) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/demands?cursor=${encodeURIComponent(c)}`,
        headers: auditor,
      });
      const p = assertProblem(res, 422);
      assert.ok(
        (p.errors ?? []).some((e) => e.pointer.endsWith('/cursor')),
        `${c.slice(0, 40)}: ${JSON.stringify(p.errors)}`,
      );
    }
  });
});

describe('cursor problems name the parameter the way every other query problem does', () => {
  test('a cursor too long and a cursor not issued by the server name the same pointer (/querystring/cursor)', async () => {
    // Every other query parameter is named "/querystring/<name>" (see the bad-filter test); a client
    // that maps problems to fields must not see two names for one parameter.
    const pointers = new Set<string>();
    for (const c of ['x'.repeat(500), 'not-a-cursor']) {
      const p = assertProblem(
        await app.inject({ method: 'GET', url: `/api/v1/demands?cursor=${c}`, headers: auditor }),
        422,
      );
      for (const e of p.errors ?? []) pointers.add(e.pointer);
    }
    assert.deepEqual([...pointers], ['/querystring/cursor']);
  });
});

describe('one demand', () => {
  test('by reference and by id: the same demand, with its timeline in order', async () => {
    const m = await make({ caseNumber: 'ONE-1' });
    assert.equal((await act(m.reference, 'accept', reviewer, { note: 'compelled' })).statusCode, 200);
    const byRef = await app.inject({ method: 'GET', url: `/api/v1/demands/${m.reference}`, headers: auditor });
    const byId = await app.inject({ method: 'GET', url: `/api/v1/demands/${m.id}`, headers: auditor });
    assert.equal(byRef.statusCode, 200, byRef.body);
    assert.equal(byId.statusCode, 200, byId.body);
    // Reading a demand may itself be logged (an access log grows with each read): compare the rest.
    const { accessLog: _a, ...a } = byRef.json();
    const { accessLog: _b, ...b } = byId.json();
    assert.deepEqual(b, a);
    assert.equal(a.id, m.id);
    assert.equal(a.reference, m.reference);
    assert.equal(a.caseNumber, 'ONE-1');
    assert.equal(a.state, 'awaiting_disclosure');

    const types = a.timeline.map((e: { type: string }) => e.type);
    assert.deepEqual(types, [
      'demand.received',
      'demand.decision_recorded',
      'demand.review_started',
      'notice.queued',
      'demand.accepted',
    ]);
    const ids = a.timeline.map((e: { id: string }) => BigInt(e.id));
    for (let i = 1; i < ids.length; i++) assert.ok(ids[i] > ids[i - 1], 'events oldest first');
    // Reads are recorded too (demand.viewed, shown in the access log, not in the timeline).
    assert.deepEqual(
      types,
      (await eventsOf(m.id)).map((e) => e.type).filter((x) => x !== 'demand.viewed'),
      'the timeline is the stored events',
    );
    const accepted = a.timeline.at(-1);
    assert.deepEqual(accepted.details, [{ label: 'Note', value: 'compelled' }]);
    assert.equal(accepted.summary, 'Accepted as compelled');
    assert.equal(accepted.actor.kind, 'staff');
    assert.equal(accepted.actor.name, 'Test principal');
    assert.ok(!Number.isNaN(Date.parse(accepted.at)));
  });

  test('an unknown demand → 404 problem (by reference, by id, and nonsense)', async () => {
    for (const ref of ['WR-2026-999999', randomUUID(), 'no-such-thing']) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/demands/${ref}`, headers: auditor });
      assertProblem(res, 404);
    }
  });

  test('an action on an unknown demand → 404 problem', async () => {
    assertProblem(await act('WR-2026-999999', 'accept', reviewer), 404);
    assertProblem(await act(randomUUID(), 'reject', reviewer, { reason: 'x' }), 404);
  });
});

describe('actions change the state', () => {
  async function stateOf(ref: string) {
    return await t.db
      .selectFrom('demands')
      .select(['state', 'disposition'])
      .where('reference', '=', ref)
      .executeTakeFirstOrThrow();
  }

  test('reject, then close as rejected', async () => {
    const m = await make();
    const r = await act(m.reference, 'reject', reviewer, { reason: 'Not signed by a judge' });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().state, 'rejected');
    const c = await act(m.reference, 'close', reviewer, { disposition: 'rejected' });
    assert.equal(c.statusCode, 200, c.body);
    assert.equal(c.json().state, 'closed');
    assert.equal(c.json().disposition, 'rejected');
    assert.deepEqual(await stateOf(m.reference), { state: 'closed', disposition: 'rejected' });
    const types = (await eventsOf(m.id)).map((e) => e.type);
    assert.deepEqual(types.slice(-2), ['demand.rejected', 'demand.closed']);
  });

  test('redirect, reopen, redirect again, close as redirected to the customer', async () => {
    const m = await make({ targets: [{ kind: 'email', value: 'bob@acme.example' }] });
    assert.equal((await act(m.reference, 'redirect', reviewer, { note: 'ask Acme' })).json().state, 'redirected');
    assert.equal(
      (await act(m.reference, 'reopen', reviewer, { reason: 'agency came back with a warrant' })).json().state,
      'legal_review',
    );
    assert.equal((await act(m.reference, 'redirect', reviewer)).json().state, 'redirected');
    const c = await act(m.reference, 'close', reviewer, { disposition: 'redirected_to_customer' });
    assert.equal(c.statusCode, 200, c.body);
    assert.deepEqual(await stateOf(m.reference), { state: 'closed', disposition: 'redirected_to_customer' });
  });

  test('accept, approve by two different approvers, produce, close as content disclosed', async () => {
    const m = await make();
    await acceptAndPackage(m.reference);
    assert.equal(made.get(m.reference)!.state, 'awaiting_disclosure');
    const first = await act(m.reference, 'approve', approverA);
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().state, 'awaiting_disclosure', 'one approval is not enough');
    const second = await act(m.reference, 'approve', approverB);
    assert.equal(second.statusCode, 200, second.body);
    assert.equal(second.json().state, 'approved');
    const approvals = await t.db.selectFrom('approvals').select('approver').where('demand_id', '=', m.id).execute();
    assert.equal(approvals.length, 2);
    const p = await act(m.reference, 'produce', approverA, { note: 'sent via portal' });
    assert.equal(p.statusCode, 200, p.body);
    assert.equal(p.json().state, 'produced');
    const c = await act(m.reference, 'close', reviewer, { disposition: 'content_disclosed' });
    assert.equal(c.statusCode, 200, c.body);
    assert.equal(c.json().disposition, 'content_disclosed');
    assert.deepEqual(await stateOf(m.reference), { state: 'closed', disposition: 'content_disclosed' });
    const types = (await eventsOf(m.id)).map((e) => e.type);
    const flow = types.filter((x) =>
      ['demand.accepted', 'demand.approval_recorded', 'demand.approved', 'demand.produced', 'demand.closed'].includes(
        x,
      ),
    );
    assert.deepEqual(flow, [
      'demand.accepted',
      'demand.approval_recorded',
      'demand.approval_recorded',
      'demand.approved',
      'demand.produced',
      'demand.closed',
    ]);
  });
});

describe('illegal moves and the two-person rule', () => {
  async function refusedWithoutEvent(ref: string, action: string, who: Auth, body: object, status: number) {
    const m = made.get(ref)!;
    const eventsBefore = await eventsOf(m.id);
    const row = await t.db.selectFrom('demands').selectAll().where('id', '=', m.id).executeTakeFirstOrThrow();
    const approvalsBefore = await t.db.selectFrom('approvals').selectAll().where('demand_id', '=', m.id).execute();
    const res = await act(ref, action, who, body);
    const p = assertProblem(res, status);
    assert.deepEqual(await eventsOf(m.id), eventsBefore, 'no event written');
    assert.deepEqual(
      await t.db.selectFrom('demands').selectAll().where('id', '=', m.id).executeTakeFirstOrThrow(),
      row,
      'the demand is unchanged',
    );
    assert.deepEqual(
      await t.db.selectFrom('approvals').selectAll().where('demand_id', '=', m.id).execute(),
      approvalsBefore,
      'no approval recorded',
    );
    return p;
  }

  test('produce before approval → 409, nothing written', async () => {
    const m = await make();
    const p = await refusedWithoutEvent(m.reference, 'produce', approverA, {}, 409);
    assert.match(p.type, /illegal-transition/);
  });

  test('approve a demand still in legal review → 409, no approval recorded', async () => {
    const m = await make();
    await refusedWithoutEvent(m.reference, 'approve', approverA, {}, 409);
  });

  test('close with a disposition that does not fit the state → 409, nothing written', async () => {
    const m = await make();
    await refusedWithoutEvent(m.reference, 'close', reviewer, { disposition: 'content_disclosed' }, 409);
  });

  test('any action on a closed demand → 409, nothing written', async () => {
    const m = await make();
    assert.equal((await act(m.reference, 'close', reviewer, { disposition: 'withdrawn' })).statusCode, 200);
    await refusedWithoutEvent(m.reference, 'reject', reviewer, { reason: 'too late' }, 409);
    await refusedWithoutEvent(m.reference, 'accept', reviewer, {}, 409);
    await refusedWithoutEvent(m.reference, 'close', reviewer, { disposition: 'withdrawn' }, 409);
  });

  test('a disposition that is not in the vocabulary → 422, nothing written', async () => {
    const m = await make();
    const p = await refusedWithoutEvent(m.reference, 'close', reviewer, { disposition: 'shredded' }, 422);
    assert.ok(
      (p.errors ?? []).some((e) => e.pointer === '/disposition'),
      JSON.stringify(p.errors),
    );
  });

  test('the same approver twice → 403; one approval stands, and a second person completes it', async () => {
    const m = await make();
    await acceptAndPackage(m.reference);
    assert.equal((await act(m.reference, 'approve', approverA)).statusCode, 200);
    await refusedWithoutEvent(m.reference, 'approve', approverA, {}, 403);
    const approvals = await t.db.selectFrom('approvals').select('approver').where('demand_id', '=', m.id).execute();
    assert.equal(approvals.length, 1);
    assert.equal((await eventsOf(m.id)).filter((e) => e.type === 'demand.approval_recorded').length, 1);
    assert.equal(
      (await t.db.selectFrom('demands').select('state').where('id', '=', m.id).executeTakeFirstOrThrow()).state,
      'awaiting_disclosure',
    );
    const second = await act(m.reference, 'approve', approverB);
    assert.equal(second.json().state, 'approved');
  });

  test('the approver who prepared the package may not approve it → 403, nothing written', async () => {
    const m = await make();
    assert.equal((await act(m.reference, 'accept', reviewer)).statusCode, 200);
    const p = await postPdf(app, approverA, `/api/v1/demands/${m.reference}/package`, 'records.pdf');
    assert.equal(p.statusCode, 201, p.body);
    await refusedWithoutEvent(m.reference, 'approve', approverA, {}, 403);
    assert.equal((await act(m.reference, 'approve', approverB)).statusCode, 200);
  });

  test('two approvals racing from the same approver record one approval', async () => {
    const m = await make();
    await acceptAndPackage(m.reference);
    const answers = await Promise.all([act(m.reference, 'approve', approverB), act(m.reference, 'approve', approverB)]);
    assert.deepEqual(answers.map((a) => a.statusCode).sort(), [200, 403]);
    const approvals = await t.db.selectFrom('approvals').select('approver').where('demand_id', '=', m.id).execute();
    assert.equal(approvals.length, 1);
  });
});
