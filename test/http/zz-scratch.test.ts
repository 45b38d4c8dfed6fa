import { test } from 'node:test';
import { createTestDb } from '../support/db.ts';
import { testContext } from '../support/context.ts';
import { seedDirectory, warrantInput } from '../support/factories.ts';
import { buildApp } from '../../src/http/app.ts';
import { createPrincipal, issueToken } from '../../src/store/principal-repository.ts';

test('probe', async () => {
  const t = await createTestDb();
  const ctx = testContext(t.db);
  const dir = await seedDirectory(ctx);
  const app = await buildApp({ ctx, logLevel: 'silent' });
  const id = await createPrincipal(t.db, { kind: 'staff', name: 'i', email: 'i@x.example', roles: ['intake', 'reviewer', 'administrator'] });
  const tok = await issueToken(t.db, id, 't');
  const a1 = await createPrincipal(t.db, { kind: 'staff', name: 'a', email: 'a@x.example', roles: ['approver'] });
  const atok = await issueToken(t.db, a1, 't');
  for (const u of ['/api/v1/customers', '/api/v1/agencies', `/api/v1/agencies/${dir.usPolice}`, '/api/v1/demands', '/api/v1/me']) {
    const r = await app.inject({ method: 'HEAD', url: u });
    console.log('HEAD', u, r.statusCode, r.headers['content-length'], r.headers['content-type']);
  }
  const r = await app.inject({ method: 'POST', url: '/api/v1/demands', headers: { authorization: `Bearer ${tok}` }, payload: warrantInput(dir) });
  const ref = r.json().reference;
  const acc = await app.inject({ method: 'POST', url: `/api/v1/demands/${ref}/accept`, headers: { authorization: `Bearer ${tok}` } });
  console.log('accept nobody', acc.statusCode, acc.body.slice(0, 300));
  const ap = await app.inject({ method: 'POST', url: `/api/v1/demands/${ref}/approve`, headers: { authorization: `Bearer ${atok}` } });
  console.log('approve nobody', ap.statusCode, ap.body.slice(0, 300));
  for (const over of [
    { agencyId: dir.dePolice, jurisdiction: 'DE', jurisdictionSubdivision: null, instrument: 'european_production_order' as const, requester: { name: 'X', email: 'x@lka.berlin.example' }, targets: [{ kind: 'email' as const, value: 'carol@acme.example' }] },
    { agencyId: dir.ukPolice, jurisdiction: 'GB', jurisdictionSubdivision: null, instrument: 'overseas_production_order' as const, requester: { name: 'X', email: 'x@tvp.police.example' }, targets: [{ kind: 'email' as const, value: 'bob@acme.example' }] },
    { instrument: 'subpoena' as const, dataCategories: ['subscriber' as const], responseDeadline: '2026-12-01T00:00:00Z' },
    { targets: [{ kind: 'domain' as const, value: 'acme.example' }] },
  ]) {
    const r2 = await app.inject({ method: 'POST', url: '/api/v1/demands', headers: { authorization: `Bearer ${tok}` }, payload: warrantInput(dir, over) });
    const b = r2.json();
    console.log(r2.statusCode, b.state, b.noticeState, b.responseDeadline, b.jurisdiction, b.detail);
  }
  await app.close();
  await t.drop();
});
