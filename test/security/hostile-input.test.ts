/**
 * Property-based: random and hostile inputs thrown at intake and at the evaluator never cause a
 * 500 and never leave a partial write (every refused request leaves every table as it was).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { createPrincipal, issueToken } from '../../src/store/principal-repository.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testClock, testContext } from '../support/context.ts';
import { seedDirectory, warrantInput, type Directory } from '../support/factories.ts';

let t: TestDb;
let app: FastifyInstance;
let dir: Directory;
let token: string;

before(async () => {
  t = await createTestDb();
  const ctx = testContext(t.db, testClock('2026-11-02T09:00:00Z'));
  dir = await seedDirectory(ctx);
  app = await buildApp({ ctx, logLevel: 'silent' });
  token = await issueToken(
    t.db,
    await createPrincipal(t.db, {
      kind: 'staff',
      name: 'Fuzz',
      email: 'fuzz@provider.example',
      roles: ['intake', 'reviewer'],
    }),
    'fuzz',
  );
});
after(async () => {
  await app.close();
  await t.drop();
});

async function counts(): Promise<number[]> {
  const tables = ['demands', 'demand_targets', 'documents', 'outbox', 'idempotency_keys', 'requesters'] as const;
  return Promise.all(
    tables.map(async (tb) =>
      Number(
        (
          await t.db
            .selectFrom(tb)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ),
  );
}

const hostileString = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    "'; drop table demands; --",
    '<script>alert(1)</script>',
    'x'.repeat(5000),
    '../../etc/passwd',
    '\uD800',
    '1e309',
    'NaN',
    '2026-02-30T00:00:00Z',
    '0000-00-00T00:00:00Z',
  ),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);

async function post(url: string, payload: unknown) {
  return app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: JSON.stringify(payload),
  });
}

test('random JSON at intake and evaluate: never a 500, nothing written', async () => {
  await fc.assert(
    fc.asyncProperty(fc.jsonValue(), async (body) => {
      const before = await counts();
      for (const url of ['/api/v1/demands', '/api/v1/evaluate']) {
        const res = await post(url, body);
        assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
      assert.deepEqual(await counts(), before);
    }),
    { numRuns: 60 },
  );
});

test('a valid demand with one field made hostile: never a 500; refused means nothing written', async () => {
  const valid = warrantInput(dir) as unknown as Record<string, unknown>;
  const keys = Object.keys(valid);
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...keys), hostileValue, async (key, value) => {
      const before = await counts();
      const res = await post('/api/v1/demands', { ...valid, [key]: value });
      assert.ok(
        res.statusCode < 500,
        `${key}=${JSON.stringify(value)?.slice(0, 80)}: ${res.statusCode} ${res.body.slice(0, 200)}`,
      );
      if (res.statusCode >= 400) assert.deepEqual(await counts(), before);
      const ev = await post('/api/v1/evaluate', { ...valid, [key]: value });
      assert.ok(ev.statusCode < 500, `evaluate ${key}: ${ev.statusCode} ${ev.body.slice(0, 200)}`);
    }),
    { numRuns: 120 },
  );
});

test('hostile targets and dates deep inside the demand: never a 500', async () => {
  const valid = warrantInput(dir);
  await fc.assert(
    fc.asyncProperty(hostileString, hostileString, hostileString, async (value, from, expires) => {
      const body = {
        ...valid,
        targets: [{ kind: 'email', value }],
        dateRange: { from, to: null },
        secrecyOrder: { legalBasis: value, issuedAt: from, expiresAt: expires, individualizedFindings: true },
      };
      const before = await counts();
      const res = await post('/api/v1/demands', body);
      assert.ok(res.statusCode < 500, `${res.statusCode} ${res.body.slice(0, 200)}`);
      if (res.statusCode >= 400) assert.deepEqual(await counts(), before);
    }),
    { numRuns: 80 },
  );
});

test('text PostgreSQL cannot store (NUL, a lone surrogate) is refused with the field named, nothing written', async () => {
  const before = await counts();
  for (const bad of ['\u0000', 'court \uD800', '\uDC00 court']) {
    const res = await post('/api/v1/demands', { ...warrantInput(dir), issuingCourt: bad });
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().errors[0].pointer, '/issuingCourt');
  }
  assert.deepEqual(await counts(), before);
});
