/**
 * The system routes, the OpenAPI document and its page, and the access policy end to end: every
 * route without a token, with a role it does not allow, officers and customer admins kept to their
 * own agency / tenant, and unknown routes.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, HTTPMethods } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { ACCESS_POLICY } from '../../src/http/access-policy.ts';
import type { Role } from '../../src/domain/principal.ts';
import { openDatabase } from '../../src/store/database.ts';
import { issueToken } from '../../src/store/principal-repository.ts';
import type { WorkflowContext } from '../../src/workflow/context.ts';
import { recordNoticeSent } from '../../src/workflow/record-notice-sent.ts';
import type { DemandIntake } from '../../src/workflow/schemas/demand-intake.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testClock, testContext, type TestClock } from '../support/context.ts';
import { STAFF, seedDirectory, warrantInput, type Directory } from '../support/factories.ts';
import {
  ALL_ROLES,
  assertProblem,
  countRows,
  postAcceptedDemand,
  postDemand,
  tokenFor,
  whoForRole,
} from '../support/http-kit.ts';

type Auth = { authorization: string };

let t: TestDb;
let ctx: WorkflowContext;
let clock: TestClock;
let app: FastifyInstance;
let dir: Directory;
let intake: Auth;
const roleAuth = new Map<Role, Auth>();

before(async () => {
  t = await createTestDb();
  clock = testClock();
  ctx = testContext(t.db, clock);
  dir = await seedDirectory(ctx);
  app = await buildApp({ ctx, logLevel: 'silent' });
  intake = (await tokenFor(t.db, { roles: ['intake'] })).auth;
  for (const role of ALL_ROLES)
    roleAuth.set(role, (await tokenFor(t.db, whoForRole(role, dir.usPolice, dir.enterprise))).auth);
});

after(async () => {
  await app?.close();
  await t?.drop();
});

/** The access policy as rows, with a concrete URL for each pattern. */
const ROWS = Object.entries(ACCESS_POLICY).map(([key, access]) => {
  const [method, pattern] = key.split(' ') as [HTTPMethods, string];
  const url = pattern.replace(':ref', 'WR-2026-999999').replace(/:\w+/g, () => randomUUID());
  return { key, method, pattern, url, access };
});
const servedRows = () => ROWS.filter((r) => app.hasRoute({ method: r.method, url: r.pattern }));
const apiRows = () => servedRows().filter((r) => r.access !== 'public');

function call(method: HTTPMethods, url: string, headers: Record<string, string> = {}) {
  const withBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
  return app.inject({ method, url, headers, ...(withBody ? { payload: {} } : {}) });
}

const make = (over: Partial<DemandIntake> = {}) =>
  postAcceptedDemand<{ id: string; reference: string; agencyId: string }>(app, intake, warrantInput(dir, over));

const DE_WARRANT: Partial<DemandIntake> = {
  agencyId: '',
  requester: { name: 'KOK Müller', email: 'mueller@lka.berlin.example' },
  jurisdiction: 'DE',
  jurisdictionSubdivision: null,
  instrument: 'european_production_order',
  dataCategories: ['subscriber'],
  targets: [{ kind: 'email', value: 'carol@acme.example' }],
};

describe('system routes', () => {
  test('/healthz answers 200 without a token', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
  });

  test('/readyz answers 200 when the database answers', async () => {
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ready' });
  });

  test('/readyz answers 503 problem+json when the database does not (and /healthz still 200)', async () => {
    const u = new URL(t.url);
    u.pathname = `/writ_no_such_db_${randomUUID().slice(0, 8).replaceAll('-', '')}`;
    const deadDb = openDatabase(u.toString(), 1);
    const deadApp = await buildApp({ ctx: { ...ctx, db: deadDb }, logLevel: 'silent' });
    try {
      assertProblem(await deadApp.inject({ method: 'GET', url: '/readyz' }), 503);
      assert.equal((await deadApp.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
    } finally {
      await deadApp.close();
      await deadDb.destroy();
    }
  });

  test('/api/v1/me tells each kind of caller who it is', async () => {
    const staff = await app.inject({ method: 'GET', url: '/api/v1/me', headers: roleAuth.get('auditor')! });
    assert.equal(staff.statusCode, 200);
    assert.equal(staff.json().kind, 'staff');
    assert.deepEqual(staff.json().roles, ['auditor']);
    const officer = await app.inject({ method: 'GET', url: '/api/v1/me', headers: roleAuth.get('officer')! });
    assert.deepEqual([officer.json().kind, officer.json().agencyId], ['officer', dir.usPolice]);
    const admin = await app.inject({ method: 'GET', url: '/api/v1/me', headers: roleAuth.get('customer_admin')! });
    assert.deepEqual([admin.json().kind, admin.json().customerId], ['customer_admin', dir.enterprise]);
  });
});

describe('OpenAPI and its documentation page', () => {
  test('GET /openapi.json is an OpenAPI 3.1 document that documents every route of the access policy', async () => {
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json() as {
      openapi: string;
      info: { title: string };
      paths: Record<string, Record<string, unknown>>;
    };
    assert.match(doc.openapi, /^3\.1\.\d+$/);
    assert.ok(doc.info.title);
    // Documented: every API route and the two probes. Not documented, by design: /openapi.json
    // itself (schema.hide in app.ts) and the web application's HTML pages and assets, which are
    // pages like /docs, not API operations.
    const documented = ROWS.filter(
      (r) => r.pattern.startsWith('/api/') || r.pattern === '/healthz' || r.pattern === '/readyz',
    );
    assert.ok(documented.length >= 20);
    const missing = documented
      .filter((r) => !doc.paths[r.pattern.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()])
      .map((r) => r.key);
    assert.deepEqual(
      missing,
      [],
      `routes in src/http/access-policy.ts that the OpenAPI document does not describe: ${missing.join(', ')}`,
    );
  });

  test('the OpenAPI document describes no route that the access policy lacks', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const keys = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1').replace('{*}', '*')}`),
    );
    assert.ok(keys.length >= 20);
    for (const k of keys) assert.ok(k in ACCESS_POLICY, `${k} has no access-policy row`);
  });

  test('/docs serves an HTML page without a token', async () => {
    let res = await app.inject({ method: 'GET', url: '/docs' });
    if (res.statusCode >= 300 && res.statusCode < 400)
      res = await app.inject({ method: 'GET', url: String(res.headers.location) });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.match(res.body, /<html/i);
    assert.match(res.body, /swagger/i);
  });
});

describe('authentication', () => {
  test('the policy has API routes to check, and the app serves them', () => {
    assert.ok(apiRows().length >= 20, `${apiRows().length} protected routes served`);
  });

  test('every API route without a token → 401 problem+json', async () => {
    const wrong: string[] = [];
    for (const r of apiRows()) {
      const res = await call(r.method, r.url);
      if (res.statusCode !== 401 || !/^application\/problem\+json/.test(String(res.headers['content-type'])))
        wrong.push(`${r.key}: ${res.statusCode}`);
      else assertProblem(res, 401);
    }
    assert.deepEqual(wrong, []);
  });

  test('HEAD requests go through the access policy like the GET they mirror (401 without a token, 403 for a role the GET refuses)', async () => {
    const wrong: string[] = [];
    for (const r of apiRows().filter((x) => x.method === 'GET')) {
      const anon = await call('HEAD', r.url);
      if (anon.statusCode !== 401) wrong.push(`HEAD ${r.pattern} without a token: ${anon.statusCode}`);
      for (const role of ALL_ROLES.filter((x) => !(r.access as readonly Role[]).includes(x))) {
        const res = await call('HEAD', r.url, roleAuth.get(role)!);
        if (res.statusCode !== 403) wrong.push(`HEAD ${r.pattern} as ${role}: ${res.statusCode}`);
      }
    }
    assert.deepEqual(wrong, [], 'HEAD must not bypass authentication');
  });

  test('an unknown, malformed, expired or disabled token → 401', async () => {
    const url = '/api/v1/demands';
    assertProblem(await call('GET', url, { authorization: 'Bearer writ_not-a-real-token' }), 401);
    assertProblem(await call('GET', url, { authorization: 'Bearer ' }), 401);
    const good = roleAuth.get('auditor')!.authorization.slice('Bearer '.length);
    assertProblem(await call('GET', url, { authorization: `Basic ${good}` }), 401);
    assertProblem(await call('GET', url, { authorization: good }), 401);

    const expiring = await tokenFor(t.db, { roles: ['auditor'] });
    const expired = await issueToken(t.db, expiring.principalId, 'old', new Date(ctx.now().getTime() - 1000));
    assertProblem(await call('GET', url, { authorization: `Bearer ${expired}` }), 401);
    assert.equal((await call('GET', url, expiring.auth)).statusCode, 200, 'the principal’s other token still works');

    const disabled = await tokenFor(t.db, { roles: ['auditor'] });
    assert.equal((await call('GET', url, disabled.auth)).statusCode, 200);
    await t.db.updateTable('principals').set({ disabled: true }).where('id', '=', disabled.principalId).execute();
    // Token lookups may be cached for a few seconds (src/http/auth.ts); a minute later it must be refused.
    clock.advance(60_000);
    assertProblem(await call('GET', url, disabled.auth), 401);
  });
});

describe('authorisation by role', () => {
  test('every route, as every role it does not allow → 403 problem+json, and nothing written', async () => {
    const before = await countRows(t.db);
    const wrong: string[] = [];
    let checked = 0;
    for (const r of apiRows()) {
      for (const role of ALL_ROLES.filter((x) => !(r.access as readonly Role[]).includes(x))) {
        const res = await call(r.method, r.url, roleAuth.get(role)!);
        checked++;
        if (res.statusCode !== 403 || !/^application\/problem\+json/.test(String(res.headers['content-type'])))
          wrong.push(`${r.key} as ${role}: ${res.statusCode}`);
      }
    }
    assert.ok(checked > 50, `${checked} refusals checked`);
    assert.deepEqual(wrong, []);
    assert.deepEqual(await countRows(t.db), before);
  });

  test('every route, as every role it allows, gets past the access check (neither 401 nor 403)', async () => {
    const wrong: string[] = [];
    for (const r of apiRows()) {
      for (const role of r.access as readonly Role[]) {
        const res = await call(r.method, r.url, roleAuth.get(role)!);
        if (res.statusCode === 401 || res.statusCode === 403)
          wrong.push(`${r.key} as ${role}: ${res.statusCode} ${res.body}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  test('a staff member with several roles may do what any one of them allows', async () => {
    const both = (await tokenFor(t.db, { roles: ['auditor', 'reviewer'] })).auth;
    const m = await make();
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/demands/${m.reference}/accept`,
      headers: both,
      payload: {},
    });
    assert.equal(res.statusCode, 200, res.body);
  });
});

describe('officers see and submit for their own agency only', () => {
  let usDemand: { id: string; reference: string };
  let deDemand: { id: string; reference: string };
  let officerUS: Auth;
  let officerDE: Auth;

  before(async () => {
    usDemand = await make({ caseNumber: 'OFFICER-US' });
    deDemand = await make({ ...DE_WARRANT, agencyId: dir.dePolice, caseNumber: 'OFFICER-DE' });
    officerUS = (await tokenFor(t.db, { officerOf: dir.usPolice })).auth;
    officerDE = (await tokenFor(t.db, { officerOf: dir.dePolice })).auth;
  });

  test("an officer of agency X gets 404 for agency Y's demand, by reference and by id", async () => {
    for (const ref of [deDemand.reference, deDemand.id])
      assertProblem(await app.inject({ method: 'GET', url: `/api/v1/demands/${ref}`, headers: officerUS }), 404);
    for (const ref of [usDemand.reference, usDemand.id])
      assertProblem(await app.inject({ method: 'GET', url: `/api/v1/demands/${ref}`, headers: officerDE }), 404);
  });

  test("the 404 for another agency's demand reads exactly like the 404 for no demand at all", async () => {
    const hidden = (
      await app.inject({ method: 'GET', url: `/api/v1/demands/${deDemand.id}`, headers: officerUS })
    ).json();
    const none = (
      await app.inject({ method: 'GET', url: `/api/v1/demands/${randomUUID()}`, headers: officerUS })
    ).json();
    assert.deepEqual(Object.keys(hidden).sort(), Object.keys(none).sort());
    assert.equal(hidden.type, none.type);
    assert.equal(hidden.title, none.title);
  });

  test("an officer sees its own agency's demand, without the provider's internal assessment", async () => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/demands/${usDemand.reference}`, headers: officerUS });
    assert.equal(res.statusCode, 200, res.body);
    const b = res.json();
    assert.equal(b.id, usDemand.id);
    for (const hidden of ['timeline', 'decision', 'requesterId', 'noticeState', 'challengeState'])
      assert.ok(!(hidden in b), `${hidden} is not shown to an officer`);
    for (const tg of b.targets) assert.deepEqual(Object.keys(tg).sort(), ['kind', 'value']);
  });

  test("an officer's list holds only its own agency's demands, whatever the filter", async () => {
    const all = await app.inject({ method: 'GET', url: '/api/v1/demands?limit=200', headers: officerUS });
    assert.equal(all.statusCode, 200);
    const ids = all.json().items.map((i: { id: string }) => i.id);
    const ownIds = (await t.db.selectFrom('demands').select('id').where('agency_id', '=', dir.usPolice).execute()).map(
      (r) => r.id,
    );
    assert.deepEqual(new Set(ids), new Set(ownIds));
    assert.ok(ids.includes(usDemand.id) && !ids.includes(deDemand.id));
    const de = await app.inject({ method: 'GET', url: '/api/v1/demands?country=DE', headers: officerUS });
    assert.deepEqual(de.json().items, []);
    const deOfficer = await app.inject({ method: 'GET', url: '/api/v1/demands?limit=200', headers: officerDE });
    assert.deepEqual(
      deOfficer.json().items.map((i: { id: string }) => i.id),
      [deDemand.id],
    );
  });

  test('an officer of agency X cannot submit for agency Y (403, nothing written)', async () => {
    const before = await countRows(t.db);
    const res = await postDemand(app, officerUS, warrantInput(dir, { ...DE_WARRANT, agencyId: dir.dePolice }));
    assertProblem(res, 403);
    assert.deepEqual(await countRows(t.db), before);
  });

  test('an officer submits for its own agency, always through the portal channel', async () => {
    const res = await postDemand(app, officerUS, warrantInput(dir, { channel: 'post', caseNumber: 'OFFICER-OWN' }));
    assert.equal(res.statusCode, 201, res.body);
    const row = await t.db
      .selectFrom('demands')
      .select(['channel', 'agency_id'])
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { channel: 'agency_portal', agency_id: dir.usPolice });
    const actor = await t.db
      .selectFrom('events')
      .select('actor')
      .where('demand_id', '=', res.json().id)
      .where('type', '=', 'demand.received')
      .executeTakeFirstOrThrow();
    assert.match(actor.actor, /^agency:/);
  });
});

describe('customer admins see their own tenant only, once notice was sent', () => {
  let entOnly: { id: string; reference: string };
  let both: { id: string; reference: string };
  let consumerOnly: { id: string; reference: string };
  let adminEnt: Auth;
  let adminCon: Auth;
  const listIds = async (who: Auth, q = '') =>
    (await app.inject({ method: 'GET', url: `/api/v1/demands?limit=200${q}`, headers: who }))
      .json()
      .items.map((i: { id: string }) => i.id) as string[];
  const get = (who: Auth, ref: string) => app.inject({ method: 'GET', url: `/api/v1/demands/${ref}`, headers: who });

  before(async () => {
    entOnly = await make({ targets: [{ kind: 'email', value: 'bob@acme.example' }], caseNumber: 'CA-ENT' });
    both = await make({
      targets: [
        { kind: 'email', value: 'carol@acme.example' },
        { kind: 'email', value: 'dana@writmail.example' },
      ],
      caseNumber: 'CA-BOTH',
    });
    consumerOnly = await make({ caseNumber: 'CA-CON' });
    adminEnt = (await tokenFor(t.db, { adminOf: dir.enterprise })).auth;
    adminCon = (await tokenFor(t.db, { adminOf: dir.consumer })).auth;
  });

  test('before the notice is sent: an empty list and 404 for its own demands', async () => {
    assert.deepEqual(await listIds(adminEnt), []);
    assert.deepEqual(await listIds(adminCon), []);
    assertProblem(await get(adminEnt, entOnly.reference), 404);
    assertProblem(await get(adminCon, consumerOnly.id), 404);
  });

  test('after the notice is sent: its own demands, only its own targets, never another tenant', async () => {
    await recordNoticeSent(ctx, { demand: entOnly.id, actor: STAFF, recipients: 2, channels: ['email'] });
    await recordNoticeSent(ctx, { demand: both.id, actor: STAFF, recipients: 3, channels: ['email'] });

    assert.deepEqual(new Set(await listIds(adminEnt)), new Set([entOnly.id, both.id]));
    assert.deepEqual(await listIds(adminCon), [both.id], 'the consumer-only demand has had no notice yet');

    const e = await get(adminEnt, entOnly.reference);
    assert.equal(e.statusCode, 200, e.body);
    assert.equal(e.json().noticeState, 'sent');
    assert.deepEqual(e.json().targets, [{ kind: 'email', value: 'bob@acme.example' }]);
    for (const hidden of ['timeline', 'decision', 'requesterId', 'documents'])
      assert.ok(!(hidden in e.json()), `${hidden} is not shown to a customer`);

    assert.deepEqual((await get(adminEnt, both.reference)).json().targets, [
      { kind: 'email', value: 'carol@acme.example' },
    ]);
    assert.deepEqual((await get(adminCon, both.id)).json().targets, [
      { kind: 'email', value: 'dana@writmail.example' },
    ]);
    assertProblem(await get(adminCon, entOnly.reference), 404);
    assertProblem(await get(adminEnt, consumerOnly.reference), 404);
    assertProblem(await get(adminCon, consumerOnly.reference), 404);
  });

  test("a filter cannot widen a customer admin's view", async () => {
    assert.deepEqual(await listIds(adminCon, `&customer=${dir.enterprise}`), [both.id]);
    assert.deepEqual(await listIds(adminCon, '&state=legal_review'), [both.id]);
  });

  test('a customer admin reads its own customer record, and no other', async () => {
    assert.equal(
      (await app.inject({ method: 'GET', url: `/api/v1/customers/${dir.enterprise}`, headers: adminEnt })).statusCode,
      200,
    );
    assertProblem(
      await app.inject({ method: 'GET', url: `/api/v1/customers/${dir.consumer}`, headers: adminEnt }),
      404,
    );
  });
});

describe('unknown routes', () => {
  for (const [method, url, withToken] of [
    ['GET', '/api/v1/nothing-here', false],
    ['GET', '/api/v1/nothing-here', true],
    ['POST', '/api/v2/demands', true],
    ['DELETE', '/api/v1/demands/WR-2026-000001', true],
    ['GET', '/no-such-page.php', false],
  ] as const) {
    test(`${method} ${url}${withToken ? ' with a token' : ''} → 404 problem+json`, async () => {
      const res = await call(method, url, withToken ? roleAuth.get('administrator')! : {});
      const p = assertProblem(res, 404);
      assert.match(p.detail, new RegExp(url.replaceAll('/', '\\/')));
    });
  }
});
