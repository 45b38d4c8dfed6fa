/**
 * Writ as the web tests see it: the real application (API and web pages) on a test database with
 * a small demo data set, listening on a free port, its clock fixed at TODAY.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { DemoPerson } from '../../src/demo/demo-principals.ts';
import { loadDemoIfEmpty } from '../../src/demo/load-demo.ts';
import { buildApp } from '../../src/http/app.ts';
import type { Demand } from '../../src/domain/demand.ts';
import type { WorkflowContext } from '../../src/workflow/context.ts';
import { intakeDemand, type UploadedDocument } from '../../src/workflow/intake-demand.ts';
import type { DemandIntake } from '../../src/workflow/schemas/demand-intake.ts';
import { staleness } from '../../web/build-inputs.ts';
import { testClock, testContext } from './context.ts';
import { createTestDb, type TestDb } from './db.ts';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from './chromium.ts';
import type { SsoConfig } from '../../src/config/sso-config.ts';

export const TODAY = new Date('2026-11-02T09:00:00Z');

export interface WebApp {
  url: string;
  app: FastifyInstance;
  ctx: WorkflowContext;
  test: TestDb;
  /** The demo people by key (reviewer, approver, admin, officer1, customer1 …): API token, e-mail, password, TOTP secret. */
  tokens: Record<string, DemoPerson>;
  close(): Promise<void>;
}

/**
 * `workday`: the demo's desk of open demands with their documents (default: the small history alone).
 * `webhooks`: the app's webhook settings (a test with a receiver on loopback allows private addresses).
 * `sso`: single sign-on's settings, with the `port` its callback URL names (default: none, any port).
 */
export async function startWebApp(
  o: {
    demands?: number;
    workday?: boolean;
    webhooks?: { allowPrivate: boolean; timeoutMs: number };
    sso?: SsoConfig;
    port?: number;
  } = {},
): Promise<WebApp> {
  const stale = staleness();
  if (stale)
    throw new Error(
      `the web application is not built (${stale}): run the tests with \`npm test\`, or \`npm run build:web\` first`,
    );
  const test = await createTestDb();
  const ctx = testContext(test.db, testClock(TODAY));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'writ-web-'));
  const demo = await loadDemoIfEmpty(ctx, {
    seed: 20261129,
    dataDir,
    demands: o.demands ?? 24,
    workday: o.workday ?? false,
    now: TODAY,
  });
  if (!demo) throw new Error('the test database was not empty');
  const app = await buildApp({
    ctx,
    logLevel: 'silent',
    ...(o.webhooks ? { webhooks: o.webhooks } : {}),
    sso: o.sso ?? null,
  });
  await app.listen({ port: o.port ?? 0, host: '127.0.0.1' });
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

/** How many demands are stored (a form refused, or only read, stores none). */
export async function demandCount(w: WebApp): Promise<number> {
  const r = await w.test.db
    .selectFrom('demands')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The stored row of a demand filed through the web application, by its reference. */
export function storedDemand(w: WebApp, reference: string) {
  return w.test.db.selectFrom('demands').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
}

/** The agency of a demo officer (by token key) and its verified e-mail domain. */
export async function agencyOf(w: WebApp, officer: string): Promise<{ id: string; domain: string }> {
  const a = await w.test.db
    .selectFrom('principals as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select(['a.id', 'a.verified_domains'])
    .where('p.name', '=', w.tokens[officer]!.name)
    .executeTakeFirstOrThrow();
  return { id: a.id, domain: a.verified_domains[0]! };
}

/** The tenant a demo customer admin (by token key) runs. */
export async function tenantOf(w: WebApp, customer: string): Promise<string> {
  const admin = await w.test.db
    .selectFrom('principals')
    .select('customer_id')
    .where('name', '=', w.tokens[customer]!.name)
    .executeTakeFirstOrThrow();
  return admin.customer_id!;
}

/** The first e-mail account (alphabetically) of the tenant a demo customer admin (by token key) runs. */
export async function accountOf(w: WebApp, customer: string): Promise<string> {
  const admin = await w.test.db
    .selectFrom('principals')
    .select('customer_id')
    .where('name', '=', w.tokens[customer]!.name)
    .executeTakeFirstOrThrow();
  return (
    await w.test.db
      .selectFrom('account_identifiers')
      .select('value')
      .where('customer_id', '=', admin.customer_id!)
      .where('kind', '=', 'email')
      .orderBy('value')
      .executeTakeFirstOrThrow()
  ).value;
}

/** A US search warrant from officer1's agency for the first account of customer1's tenant, filed through intake. */
export async function fileDemand(
  w: WebApp,
  over: Partial<DemandIntake> = {},
  documents: UploadedDocument[] = [],
): Promise<Demand> {
  const agency = await agencyOf(w, 'officer1');
  const input: DemandIntake = {
    channel: 'agency_portal',
    agencyId: agency.id,
    requester: { name: 'Special Agent Dale Cooper', email: `d.cooper@${agency.domain}` },
    jurisdiction: 'US',
    instrument: 'search_warrant',
    issuedAt: '2026-10-28T00:00:00Z',
    issuingCourt: 'United States District Court for the Western District of Washington',
    caseNumber: 'CR-26-0815',
    signed: true,
    targets: [{ kind: 'email', value: await accountOf(w, 'customer1') }],
    dataCategories: ['content', 'subscriber'],
    dateRange: { from: '2026-03-01T00:00:00Z', to: '2026-09-30T23:59:59Z' },
    ...over,
  };
  return (await intakeDemand(w.ctx, { input, actor: { kind: 'staff', id: 'test-intake' }, documents })).demand;
}

/** A web application and a browser on its clock, for the tests of one file. */
export async function startWebAppInBrowser(
  o: Parameters<typeof startWebApp>[0] = {},
): Promise<{ w: WebApp; b: Browser; page: Page }> {
  const w = await startWebApp(o);
  const b = await launchBrowser({ now: w.ctx.now() });
  return { w, b, page: b.page };
}

/**
 * Closes the browser, then `also`, then the server and its database: each even when what came
 * before failed (a browser that reports script errors must not leave the server open).
 */
export async function closeWebAppInBrowser(
  b: Browser | undefined,
  w: WebApp | undefined,
  also?: () => Promise<void>,
): Promise<void> {
  try {
    await b?.close();
  } finally {
    try {
      await also?.();
    } finally {
      await w?.close();
    }
  }
}
