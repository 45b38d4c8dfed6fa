/**
 * Quiet logs: at the default level (info) a request leaves no line in the log; LOG_LEVEL=debug
 * brings the per-request lines back (method, URL, status, time).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../src/http/app.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testContext } from '../support/context.ts';
import { tokenFor } from '../support/http-kit.ts';

let t: TestDb;
before(async () => {
  t = await createTestDb();
});
after(async () => {
  await t.drop();
});

/** The app at `level`, writing its log lines (parsed) into the returned array. */
async function appLoggingTo(level: string) {
  const lines: Record<string, unknown>[] = [];
  const app = await buildApp({
    ctx: testContext(t.db),
    logLevel: level,
    logStream: { write: (line) => lines.push(JSON.parse(line)) },
  });
  return { app, lines };
}

async function someRequests(app: Awaited<ReturnType<typeof buildApp>>) {
  const { auth } = await tokenFor(t.db, { roles: ['reviewer'] });
  const answers = [
    await app.inject({ method: 'GET', url: '/healthz' }),
    await app.inject({ method: 'GET', url: '/readyz' }),
    await app.inject({ method: 'GET', url: '/api/v1/demands?limit=2', headers: auth }),
    await app.inject({ method: 'GET', url: '/api/v1/demands' }), // 401
    await app.inject({ method: 'GET', url: '/no/such/route' }), // 404
  ];
  assert.deepEqual(
    answers.map((a) => a.statusCode),
    [200, 200, 200, 401, 404],
  );
}

test('at the default level, requests leave no line in the log', async () => {
  const { app, lines } = await appLoggingTo('info');
  try {
    await someRequests(app);
    assert.deepEqual(lines, []);
  } finally {
    await app.close();
  }
});

test('LOG_LEVEL=debug logs every request and its answer', async () => {
  const { app, lines } = await appLoggingTo('debug');
  try {
    await someRequests(app);
    const incoming = lines.filter((l) => l.msg === 'incoming request');
    const completed = lines.filter((l) => l.msg === 'request completed');
    assert.equal(incoming.length, 5);
    assert.equal(completed.length, 5);
    assert.deepEqual(
      incoming.map((l) => (l.req as { url: string }).url),
      ['/healthz', '/readyz', '/api/v1/demands?limit=2', '/api/v1/demands', '/no/such/route'],
    );
    assert.deepEqual(
      completed.map((l) => (l.res as { statusCode: number }).statusCode),
      [200, 200, 200, 401, 404],
    );
  } finally {
    await app.close();
  }
});
