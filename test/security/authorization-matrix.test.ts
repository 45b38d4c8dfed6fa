/**
 * The authorisation matrix: every route Writ serves, called as every kind of caller, answers as the
 * access policy declares. A route without a policy row cannot even be registered; a policy row
 * without a route is reported here. Scoping within a role is checked too: another tenant's or
 * another agency's demand does not exist for the caller.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Role, StaffRole } from '../../src/domain/principal.ts';
import { ACCESS_POLICY, accessFor } from '../../src/http/access-policy.ts';
import { buildApp } from '../../src/http/app.ts';
import { ROLE_DENIED } from '../../src/http/auth.ts';
import { createPrincipal, issueToken } from '../../src/store/principal-repository.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { recordNoticeSent } from '../../src/workflow/record-notice-sent.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testClock, testContext } from '../support/context.ts';
import { STAFF, seedDirectory, warrantInput, type Directory } from '../support/factories.ts';

interface Caller {
  name: string;
  role: Role | null;
  token: string | null;
}

let t: TestDb;
let app: FastifyInstance;
let dir: Directory;
let demandRef: string;
const callers: Caller[] = [];

before(async () => {
  t = await createTestDb();
  const ctx = testContext(t.db, testClock('2026-11-02T09:00:00Z'));
  dir = await seedDirectory(ctx);
  app = await buildApp({ ctx, logLevel: 'silent' });
  const d = (
    await intakeDemand(ctx, {
      input: warrantInput(dir, { targets: [{ kind: 'email', value: 'bob@acme.example' }] }),
      actor: STAFF,
    })
  ).demand;
  await recordNoticeSent(ctx, { demand: d.id, actor: STAFF, recipients: 1, channels: ['email'] });
  demandRef = d.reference;
  const mk = async (
    name: string,
    kind: 'staff' | 'officer' | 'customer_admin',
    extra: { roles?: StaffRole[]; agencyId?: string; customerId?: string },
    role: Role,
  ) => {
    const id = await createPrincipal(t.db, { kind, name, email: `${name}@matrix.example`, ...extra });
    callers.push({ name, role, token: await issueToken(t.db, id, 'matrix') });
  };
  callers.push({ name: 'anonymous', role: null, token: null });
  for (const r of ['intake', 'reviewer', 'approver', 'administrator', 'auditor', 'metrics'] as const)
    await mk(r, 'staff', { roles: [r] }, r);
  await mk('admin-of-tenant-A', 'customer_admin', { customerId: dir.enterprise }, 'customer_admin');
  await mk('admin-of-tenant-B', 'customer_admin', { customerId: dir.consumer }, 'customer_admin');
  await mk('officer-of-agency-X', 'officer', { agencyId: dir.usPolice }, 'officer');
  await mk('officer-of-agency-Y', 'officer', { agencyId: dir.dePolice }, 'officer');
});
after(async () => {
  await app.close();
  await t.drop();
});

/** A concrete URL for a route pattern, using real ids where the pattern names them. */
function concrete(url: string): string {
  return url
    .replace(':ref', demandRef)
    .replace(/\/customers\/:id/, `/customers/${dir.enterprise}`)
    .replace(/\/agencies\/:id/, `/agencies/${dir.usPolice}`)
    .replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000')
    .replace('*', 'index.html');
}

test('every policy row names a route that exists', () => {
  const served = new Set(app.routeTable.map((r) => `${r.method} ${r.url}`));
  const stale = Object.keys(ACCESS_POLICY).filter((k) => !served.has(k));
  assert.deepEqual(stale, []);
});

test('every route, as every caller, answers as the policy declares', async () => {
  const routes = app.routeTable.filter((r) => !(r.url === '/docs' || r.url.startsWith('/docs/')));
  assert.ok(routes.length >= 20, `only ${routes.length} routes registered`);
  const mismatches: string[] = [];
  for (const r of routes) {
    const access = accessFor(r.method, r.url)!;
    for (const c of callers) {
      const res = await app.inject({
        method: r.method as 'GET',
        url: concrete(r.url),
        headers: { ...(c.token ? { authorization: `Bearer ${c.token}` } : {}), 'content-type': 'application/json' },
        ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: '{}' }),
      });
      const deniedByPolicy = res.statusCode === 403 && res.json().detail === ROLE_DENIED;
      const allowed = access === 'public' || (c.role !== null && access.includes(c.role));
      let ok: boolean;
      if (access === 'public') ok = res.statusCode !== 401 && !deniedByPolicy;
      else if (c.role === null) ok = res.statusCode === 401;
      else if (allowed) ok = res.statusCode !== 401 && !deniedByPolicy;
      else ok = deniedByPolicy;
      if (!ok) mismatches.push(`${r.method} ${r.url} as ${c.name}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      assert.notEqual(res.statusCode, 500, `${r.method} ${r.url} as ${c.name}: ${res.body}`);
    }
  }
  assert.deepEqual(mismatches, []);
});

test("another tenant's or another agency's demand does not exist for the caller", async () => {
  const get = (name: string) =>
    app.inject({
      method: 'GET',
      url: `/api/v1/demands/${demandRef}`,
      headers: { authorization: `Bearer ${callers.find((c) => c.name === name)!.token}` },
    });
  assert.equal((await get('admin-of-tenant-A')).statusCode, 200);
  assert.equal((await get('admin-of-tenant-B')).statusCode, 404);
  assert.equal((await get('officer-of-agency-X')).statusCode, 200);
  assert.equal((await get('officer-of-agency-Y')).statusCode, 404);
  const other = await app.inject({
    method: 'GET',
    url: `/api/v1/customers/${dir.enterprise}`,
    headers: { authorization: `Bearer ${callers.find((c) => c.name === 'admin-of-tenant-B')!.token}` },
  });
  assert.equal(other.statusCode, 404);
});
