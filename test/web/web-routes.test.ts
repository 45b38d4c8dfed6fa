/**
 * Writ serves its web application: index.html for "/" and every client-side route (so a reload or a
 * shared link works), hashed assets cached for good, the API untouched by the catch-all, and a
 * clear answer when the application was not built.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { WEB_DIST, webRoutes } from '../../src/http/routes/web.ts';
import { staleness } from '../../web/build-inputs.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testContext } from '../support/context.ts';
import { assertProblem } from '../support/http-kit.ts';

let t: TestDb;
let app: FastifyInstance;

before(async () => {
  t = await createTestDb();
  app = await buildApp({ ctx: testContext(t.db), logLevel: 'silent' });
});

after(async () => {
  await app?.close();
  await t?.drop();
});

test('the build in web/dist is current with its sources (npm test builds it when needed)', () => {
  assert.equal(staleness(), null);
});

test('"/" and client-side routes answer with index.html, without a token, with a strict CSP', async () => {
  const index = readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8');
  for (const url of [
    '/',
    '/sign-in',
    '/console',
    '/console/demands/WR-2026-000001',
    '/console/workload',
    '/portal',
    '/portal/demands/X',
    '/agency',
    '/agency/new?x=1',
  ]) {
    const res = await app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.equal(res.body, index, url);
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'(;|$)/, `${url}: no inline or foreign scripts`);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers['cache-control'], 'no-cache');
  }
});

test('assets are served with their type and may be cached for good; a missing one is a 404', async () => {
  const files = readdirSync(path.join(WEB_DIST, 'assets'));
  // The entry (others, such as the PDF reader, load on demand).
  const js = files.find((f) => f.startsWith('index-') && f.endsWith('.js'));
  const css = files.find((f) => f.endsWith('.css'));
  assert.ok(js && css, `built assets: ${files.join(', ')}`);
  const index = readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8');
  assert.ok(index.includes(`/assets/${js}`) && index.includes(`/assets/${css}`), 'index.html names the built assets');
  const res = await app.inject({ method: 'GET', url: `/assets/${js}` });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /javascript/);
  assert.match(String(res.headers['cache-control']), /max-age=31536000/);
  assert.match(String(res.headers['cache-control']), /immutable/);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.equal(res.body, readFileSync(path.join(WEB_DIST, 'assets', js), 'utf8'));
  assert.match(
    String((await app.inject({ method: 'GET', url: `/assets/${css}` })).headers['content-type']),
    /^text\/css/,
  );
  assert.equal((await app.inject({ method: 'GET', url: '/assets/nothing-here.js' })).statusCode, 404);
  assert.equal((await app.inject({ method: 'GET', url: '/assets/../../package.json' })).statusCode, 404);
});

test('the catch-all never shadows the API: unknown API paths stay problem+json 404s', async () => {
  assertProblem(await app.inject({ method: 'GET', url: '/api/v1/nothing' }), 404);
  assertProblem(await app.inject({ method: 'GET', url: '/console-but-not-really' }), 404);
  assertProblem(await app.inject({ method: 'GET', url: '/api/v1/demands' }), 401);
});

test('an unbuilt web application answers 503 saying how to build it', async () => {
  const bare = Fastify();
  try {
    await webRoutes(bare, mkdtempSync(path.join(os.tmpdir(), 'writ-no-dist-')));
    const res = await bare.inject({ method: 'GET', url: '/console' });
    assert.equal(res.statusCode, 503);
    assert.match(res.body, /build:web/);
  } finally {
    await bare.close();
  }
});
