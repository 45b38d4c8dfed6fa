/**
 * The demo data set: deterministic from its seed, and varied enough that a reader sees a living
 * system (many countries, every disposition, secrecy orders with and without end, emergencies,
 * preservations, open and closed demands).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DemoPerson } from '../../src/demo/demo-principals.ts';
import { loadDemoIfEmpty } from '../../src/demo/load-demo.ts';
import { totpAt } from '../../src/domain/totp.ts';
import { signIn } from '../../src/workflow/sign-in.ts';
import { DISPOSITIONS } from '../../src/domain/vocabulary.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testContext } from '../support/context.ts';

const TODAY = new Date('2026-11-02T09:00:00Z');
let full: TestDb;

async function fingerprint(t: TestDb) {
  return t.db
    .selectFrom('demands')
    .select(['reference', 'instrument', 'jurisdiction', 'received_at', 'state', 'notice_state', 'challenge_state', 'disposition'])
    .orderBy('reference')
    .execute();
}

before(async () => {
  full = await createTestDb();
});
after(() => full.drop());

test('the same seed gives the same demands; another seed different ones', async () => {
  const dbs = await Promise.all([createTestDb(), createTestDb(), createTestDb()]);
  try {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'writ-demo-'));
    const [a, b, c] = dbs as [TestDb, TestDb, TestDb];
    await loadDemoIfEmpty(testContext(a.db), { seed: 7, dataDir: dir, demands: 60, now: TODAY });
    await loadDemoIfEmpty(testContext(b.db), { seed: 7, dataDir: dir, demands: 60, now: TODAY });
    await loadDemoIfEmpty(testContext(c.db), { seed: 8, dataDir: dir, demands: 60, now: TODAY });
    const fa = await fingerprint(a);
    assert.equal(fa.length, 60);
    assert.deepEqual(await fingerprint(b), fa);
    assert.notDeepEqual(await fingerprint(c), fa);
  } finally {
    await Promise.all(dbs.map((d) => d.drop()));
  }
});

test('the full demo is a living system, loaded once only', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'writ-demo-'));
  const ctx = testContext(full.db);
  const summary = await loadDemoIfEmpty(ctx, { seed: 20261129, dataDir, now: TODAY });
  assert.ok(summary);
  assert.ok(summary.demands >= 300, 'several hundred demands');
  assert.ok(summary.customers >= 24, 'a few dozen customers');
  assert.equal(await loadDemoIfEmpty(ctx, { seed: 1, dataDir, now: TODAY }), null, 'a second load changes nothing');

  const rows = await full.db.selectFrom('demands').select(['jurisdiction', 'instrument', 'state', 'disposition', 'secrecy_order', 'emergency', 'preservation_state', 'received_at', 'notice_state']).execute();
  assert.ok(new Set(rows.map((r) => r.jurisdiction)).size >= 10, 'agencies from at least 10 countries');
  assert.ok(new Set(rows.map((r) => r.instrument)).size >= 12, 'most instruments');
  for (const d of DISPOSITIONS) assert.ok(rows.some((r) => r.disposition === d), `some demand closed as ${d}`);
  assert.ok(rows.some((r) => r.state !== 'closed'), 'some demands are open');
  const orders = rows.map((r) => r.secrecy_order as { expiresAt: string | null } | null).filter((o) => o);
  assert.ok(orders.some((o) => o!.expiresAt === null) && orders.some((o) => o!.expiresAt !== null), 'secrecy orders with and without an end date');
  assert.ok(rows.some((r) => r.emergency), 'emergencies');
  assert.ok(rows.some((r) => r.preservation_state !== 'none'), 'preservations');
  assert.ok(rows.some((r) => r.notice_state === 'held') && rows.some((r) => r.notice_state === 'sent'), 'held and sent notices');
  const times = rows.map((r) => new Date(r.received_at).getTime());
  assert.ok(TODAY.getTime() - Math.min(...times) > 2.5 * 365 * 86_400_000, 'spread over the last three years');
  assert.ok(Math.max(...times) <= TODAY.getTime());

  const people = JSON.parse(await readFile(path.join(dataDir, 'demo-tokens.json'), 'utf8')) as Record<string, DemoPerson>;
  assert.ok(people.admin?.token.startsWith('writ_'));
  assert.ok(people.officer1 && people.customer1);
  // Everyone can also sign in to the web application as a person: password and TOTP code.
  for (const p of Object.values(people)) assert.ok(p.password.length >= 12 && p.otpauthUri.startsWith('otpauth://totp/'), p.email);
  const reviewer = people.reviewer!;
  const session = await signIn(ctx, { email: reviewer.email, password: reviewer.password, totp: totpAt(reviewer.totpSecret, ctx.now()) });
  assert.ok(session.csrfToken);
});
