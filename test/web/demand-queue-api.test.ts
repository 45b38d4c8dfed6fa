/**
 * What the console's queue asks of GET /api/v1/demands: open demands by deadline (soonest first,
 * undated last) paged by a cursor of that order, search by part of a reference, and the provider's
 * own flags for staff only.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/http/app.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testContext } from '../support/context.ts';
import { STAFF, seedDirectory, warrantInput, type Directory } from '../support/factories.ts';
import { assertProblem, tokenFor } from '../support/http-kit.ts';

type Auth = { authorization: string };
interface Row {
  id: string;
  reference: string;
  state: string;
  responseDeadline: string | null;
  requesterVerification?: string;
  flags?: string[];
}

let t: TestDb;
let app: FastifyInstance;
let dir: Directory;
let staff: Auth;
let officer: Auth;
let customer: Auth;
/** reference → the deadline this file gave it (null: none), and whether it is closed. */
const made: { id: string; reference: string; deadline: string | null; closed: boolean }[] = [];

const DEADLINES = [
  '2026-11-05T10:00:00Z',
  '2026-11-03T10:00:00Z',
  null,
  '2026-11-05T10:00:00Z',
  '2026-11-04T00:00:00Z',
  null,
  '2026-11-20T00:00:00Z',
  '2026-11-05T10:00:00Z',
  '2026-11-01T00:00:00Z',
  null,
];

before(async () => {
  t = await createTestDb();
  const ctx = testContext(t.db);
  dir = await seedDirectory(ctx);
  for (const [i, deadline] of DEADLINES.entries()) {
    const { demand } = await intakeDemand(ctx, { input: warrantInput(dir, { caseNumber: `Q-${i}` }), actor: STAFF });
    // Two of them closed: the open queue must leave them out.
    const closed = i === 2 || i === 3;
    await sql`update demands set response_deadline = ${deadline}::timestamptz, next_deadline = ${closed ? null : deadline}::timestamptz, next_deadline_kind = 'response_due', state = ${closed ? 'closed' : 'legal_review'}, disposition = ${closed ? 'withdrawn' : null} where id = ${demand.id}`.execute(
      t.db,
    );
    made.push({ id: demand.id, reference: demand.reference, deadline, closed });
  }
  app = await buildApp({ ctx, logLevel: 'silent' });
  staff = (await tokenFor(t.db, { roles: ['reviewer'] })).auth;
  officer = (await tokenFor(t.db, { officerOf: dir.usPolice })).auth;
  customer = (await tokenFor(t.db, { adminOf: dir.consumer })).auth;
});

after(async () => {
  await app?.close();
  await t?.drop();
});

async function list(query: string, who: Auth = staff): Promise<{ items: Row[]; nextCursor: string | null }> {
  const res = await app.inject({ method: 'GET', url: `/api/v1/demands${query}`, headers: who });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

/** Every page of a query, following nextCursor. */
async function walk(query: string, limit: number): Promise<Row[]> {
  const out: Row[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page = await list(`${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.ok(page.items.length <= limit);
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return out;
  }
  throw new Error('pagination did not end');
}

/** The queue order, computed here independently: deadline ascending, none last, then id. */
function expectedQueue() {
  return made
    .filter((m) => !m.closed)
    .sort((a, b) => {
      if (a.deadline !== b.deadline) {
        if (a.deadline === null) return 1;
        if (b.deadline === null) return -1;
        return Date.parse(a.deadline) - Date.parse(b.deadline);
      }
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    })
    .map((m) => m.reference);
}

describe('the deadline queue', () => {
  test('open=true&sort=deadline: open demands only, soonest deadline first, undated last, ties by id', async () => {
    const { items } = await list('?open=true&sort=deadline&limit=200');
    assert.deepEqual(
      items.map((i) => i.reference),
      expectedQueue(),
    );
    assert.ok(items.every((i) => i.state !== 'closed'));
  });

  for (const limit of [1, 2, 3, 7]) {
    test(`paging the queue ${limit} at a time gives the same rows in the same order, each once`, async () => {
      const rows = await walk('?open=true&sort=deadline', limit);
      assert.deepEqual(
        rows.map((r) => r.reference),
        expectedQueue(),
      );
    });
  }

  test('the newest-first order still pages as before', async () => {
    const rows = await walk('?sort=received', 3);
    const all = (await list('?limit=200')).items;
    assert.deepEqual(
      rows.map((r) => r.id),
      all.map((r) => r.id),
    );
    assert.equal(all.length, made.length);
  });

  test('a cursor continues only the order that issued it (422 naming /querystring/cursor)', async () => {
    const deadlinePage = await list('?open=true&sort=deadline&limit=2');
    assert.ok(deadlinePage.nextCursor);
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/demands?sort=received&cursor=${deadlinePage.nextCursor}`,
      headers: staff,
    });
    assertProblem(res, 422, ['/querystring/cursor']);
    const received = await list('?limit=2');
    assertProblem(
      await app.inject({
        method: 'GET',
        url: `/api/v1/demands?sort=deadline&cursor=${received.nextCursor}`,
        headers: staff,
      }),
      422,
      ['/querystring/cursor'],
    );
    assertProblem(
      await app.inject({ method: 'GET', url: '/api/v1/demands?sort=deadline&cursor=bm9wZQ', headers: staff }),
      422,
      ['/querystring/cursor'],
    );
  });

  test('an unknown sort order is refused', async () => {
    assertProblem(await app.inject({ method: 'GET', url: '/api/v1/demands?sort=random', headers: staff }), 422);
  });
});

describe('search by reference', () => {
  test('part of a reference, any case, finds exactly the demands whose reference contains it', async () => {
    const target = made[4]!.reference; // e.g. WR-2026-000005
    const tail = target.slice(-6);
    const { items } = await list(`?reference=${tail}`);
    assert.deepEqual(
      items.map((i) => i.reference),
      made
        .filter((m) => m.reference.includes(tail))
        .map((m) => m.reference)
        .reverse(),
    );
    assert.deepEqual(
      (await list(`?reference=${target.toLowerCase()}`)).items.map((i) => i.reference),
      [target],
    );
  });

  test('LIKE wildcards in the search are plain characters', async () => {
    assert.deepEqual((await list('?reference=%25')).items, []);
    assert.deepEqual((await list('?reference=_')).items, []);
  });
});

describe("the provider's own assessment in the list", () => {
  test('staff see the requester check and the policy flags of each row', async () => {
    const { items } = await list('?limit=200');
    for (const i of items) {
      assert.equal(typeof i.requesterVerification, 'string');
      assert.ok(Array.isArray(i.flags));
    }
    const stored = await t.db.selectFrom('demands').select(['reference', 'decision']).execute();
    for (const s of stored) {
      const codes = ((s.decision as { flags?: { code: string }[] } | null)?.flags ?? []).map((f) => f.code);
      assert.deepEqual(items.find((i) => i.reference === s.reference)!.flags, codes);
    }
  });

  test('officers and customer admins do not', async () => {
    const { items: own } = await list('?limit=200', officer);
    assert.ok(own.length > 0);
    for (const i of own) assert.ok(!('requesterVerification' in i) && !('flags' in i), JSON.stringify(i));
    await sql`update demands set notice_state = 'sent'`.execute(t.db);
    const { items: theirs } = await list('?limit=200', customer);
    assert.ok(theirs.length > 0);
    for (const i of theirs) assert.ok(!('requesterVerification' in i) && !('flags' in i), JSON.stringify(i));
  });
});
