/**
 * Writ as the web tests see it: the real application (API and web pages) on a test database with
 * a small demo data set, listening on a free port, its clock fixed at TODAY.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadDemoIfEmpty } from '../../src/demo/load-demo.ts';
import { buildApp } from '../../src/http/app.ts';
import type { WorkflowContext } from '../../src/workflow/context.ts';
import { staleness } from '../../web/build-inputs.ts';
import { testClock, testContext } from './context.ts';
import { createTestDb, type TestDb } from './db.ts';

export const TODAY = new Date('2026-11-02T09:00:00Z');

export interface WebApp {
  url: string;
  app: FastifyInstance;
  ctx: WorkflowContext;
  test: TestDb;
  /** Demo API tokens by key: reviewer, approver, admin, officer1, customer1 … */
  tokens: Record<string, { name: string; kind: string; token: string }>;
  close(): Promise<void>;
}

export async function startWebApp(o: { demands?: number } = {}): Promise<WebApp> {
  const stale = staleness();
  if (stale) throw new Error(`the web application is not built (${stale}): run the tests with \`npm test\`, or \`npm run build:web\` first`);
  const test = await createTestDb();
  const ctx = testContext(test.db, testClock(TODAY));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'writ-web-'));
  const demo = await loadDemoIfEmpty(ctx, { seed: 20261129, dataDir, demands: o.demands ?? 24, now: TODAY });
  if (!demo) throw new Error('the test database was not empty');
  const app = await buildApp({ ctx, logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    app,
    ctx,
    test,
    tokens: JSON.parse(readFileSync(demo.tokensFile, 'utf8')) as WebApp['tokens'],
    async close() {
      await app.close();
      await test.drop();
    },
  };
}
