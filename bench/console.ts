/**
 * The legal team's console with many demands (1,000,000 for the issue's target) and 50 staff who
 * own them: how long the API takes to answer the queue's first page, alone and under load (50
 * staff asking for their queues at once, against a bare route under the same load in the same
 * run, with CPU per request in Node and in PostgreSQL), and how long the console takes, in
 * headless Chromium, from navigation to its first rows on screen (target: under 1 s). Also the
 * other queries the console makes: my queue, unassigned, filters, reference search, a deep page,
 * the workload dashboard. Demands are inserted with SQL (generate_series), not through intake, so
 * the set is made in seconds to minutes. Prints JSON.
 *
 *   node --import tsx bench/console.ts [demands=100000] [runs=30] [loadSeconds=15]
 * Uses BENCH_DATABASE_URL (an admin URL on an external server) or starts the embedded PostgreSQL.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { buildApp } from '../src/http/app.ts';
import { migrate, openDatabase, type Db } from '../src/store/database.ts';
import { benchDatabase } from './support/bench-database.ts';
import { backendCpuMs, cpuBetween } from './support/process-cpu.ts';
import { createPrincipal, issueToken } from '../src/store/principal-repository.ts';
import { INSTRUMENTS } from '../src/domain/vocabulary.ts';
import { staleness } from '../web/build-inputs.ts';
import { testContext } from '../test/support/context.ts';
import { seedDirectory, type Directory } from '../test/support/factories.ts';
import { launchBrowser } from '../test/support/chromium.ts';
import { signIn } from '../test/support/web-pages.ts';

const COUNT = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.argv[3] ?? 30);
const LOAD_SECONDS = Number(process.argv[4] ?? 15);
const STAFF = 50;
const OPEN_SHARE = 0.08; // about one demand in twelve is still open, as in a team that keeps up

if (staleness()) throw new Error(`the web application is not built (${staleness()}): run \`npm run build:web\` first`);

const { embedded, freshDb } = await benchDatabase('console');

/**
 * COUNT demands in one statement: newest first over three years, the newest OPEN_SHARE of them
 * open in every open state, the rest closed; seven in ten with a deadline; a mix of instruments,
 * emergencies, secrecy orders, overbroad flags and unverified requesters; one target each.
 */
async function insertDemands(db: Db, dir: Directory, staff: string[]): Promise<void> {
  const agencies = [dir.usPolice, dir.dePolice, dir.ukPolice];
  const countries = ['US', 'DE', 'GB'];
  await sql`
    with g as (
      select n, now() - n * (interval '3 years' / ${COUNT}::int) as received, n <= ${Math.round(COUNT * OPEN_SHARE)}::int as open
      from generate_series(1, ${COUNT}::int) n
    )
    insert into demands (id, reference, received_at, channel, agency_id, requester_verification, jurisdiction, instrument, signed,
      data_categories, state, notice_state, challenge_state, preservation_state, disposition, response_deadline, emergency, secrecy_order, decision,
      assignee_id)
    select gen_random_uuid(),
      'WR-' || to_char(received, 'YYYY') || '-B' || lpad(n::text, 6, '0'),
      received, 'agency_portal',
      (${agencies}::uuid[])[1 + n % 3],
      case when n % 17 = 0 then 'unverified' else 'verified' end,
      (${countries}::text[])[1 + n % 3],
      (${[...INSTRUMENTS]}::text[])[1 + n % ${INSTRUMENTS.length}::int],
      true,
      case n % 4 when 0 then array['subscriber'] when 1 then array['subscriber','non_content'] when 2 then array['content'] else array['subscriber','content'] end,
      case when open then (array['received','verifying_requester','legal_review','rejected','redirected','awaiting_disclosure','approved','produced'])[1 + n % 8] else 'closed' end,
      case when n % 11 = 0 and open then 'held' when open and n % 5 = 0 then 'pending' else 'sent' end,
      'none', 'none',
      case when open then null else (array['rejected','withdrawn','no_data_found','redirected_to_customer','non_content_disclosed','content_disclosed','preserved_only'])[1 + n % 7] end,
      case when n % 10 < 7 then received + ((n::bigint * 7919) % 40 - 5) * interval '1 day' end,
      case when (${[...INSTRUMENTS]}::text[])[1 + n % ${INSTRUMENTS.length}::int] = 'emergency_request' then '{"description":"Threat to life"}'::jsonb end,
      case when n % 11 = 0 then '{"legalBasis":"18 U.S.C. 2705(b)","issuedAt":"2026-01-01T00:00:00Z","expiresAt":null,"individualizedFindings":false}'::jsonb end,
      case when n % 13 = 0 then '{"flags":[{"code":"overbroad"}]}'::jsonb else '{"flags":[]}'::jsonb end,
      -- Every demand has an owner among the staff, but one open demand in ten waits for one.
      case when open and (n / 7) % 10 = 0 then null else (${staff}::uuid[])[1 + n % ${staff.length}::int] end
    from g`.execute(db);
  // The queue sorts on the next deadline that binds (src/store/next-deadline.ts keeps it as demands change).
  await sql`update demands set next_deadline = response_deadline, next_deadline_kind = 'response_due'
    where state <> 'closed' and response_deadline is not null`.execute(db);
  await sql`
    insert into demand_targets (demand_id, ordinal, kind, value, customer_id, account_id)
    select d.id, 0, 'email', 'bench@example.invalid', case when row_number() over () % 2 = 0 then ${dir.enterprise}::uuid else ${dir.consumer}::uuid end, null
    from demands d`.execute(db);
  await sql`analyze`.execute(db);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;
const round = (x: number) => Math.round(x * 10) / 10;

const url = await freshDb('writ_bench_console');
const db = openDatabase(url, 10);
await migrate(db);
const ctx = testContext(db);
const dir = await seedDirectory(ctx);
const staff = await Promise.all(
  Array.from({ length: STAFF }, (_, i) =>
    createPrincipal(db, {
      kind: 'staff',
      name: `Bench Reviewer ${i + 1}`,
      email: `bench-reviewer-${i + 1}@provider.example`,
      roles: ['reviewer'],
    }),
  ),
);
const t0 = performance.now();
await insertDemands(db, dir, staff);
const seedMs = performance.now() - t0;
const open = Number(
  (await sql<{ n: string }>`select count(*)::text as n from demands where state <> 'closed'`.execute(db)).rows[0]!.n,
);

const tokens = await Promise.all(staff.map((s) => issueToken(db, s, 'bench')));
const token = tokens[0]!;
const app = await buildApp({ ctx, logLevel: 'silent' });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no TCP address');
const base = `http://127.0.0.1:${address.port}`;
const headers = { authorization: `Bearer ${token}` };

/** Time a GET over HTTP (loopback, keep-alive): a few warm-up calls, then RUNS timed ones. */
async function timeGet(pathAndQuery: string): Promise<{ p50: number; p95: number; rows: number }> {
  let rows = 0;
  const once = async () => {
    const res = await fetch(base + pathAndQuery, { headers });
    if (!res.ok) throw new Error(`${pathAndQuery}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { items?: unknown[] };
    rows = body.items?.length ?? 0;
  };
  for (let i = 0; i < 3; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    await once();
    times.push(performance.now() - s);
  }
  return { p50: round(median(times)), p95: round(p95(times)), rows };
}

// A cursor 20 pages deep: keyset pagination should cost the same as the first page.
let cursor: string | null = null;
for (let i = 0; i < 20; i++) {
  const page = (await (
    await fetch(`${base}/api/v1/demands?open=true&sort=deadline&limit=50${cursor ? `&cursor=${cursor}` : ''}`, {
      headers,
    })
  ).json()) as { nextCursor: string | null };
  cursor = page.nextCursor;
}

const api = {
  queueFirstPage: await timeGet('/api/v1/demands?open=true&sort=deadline&limit=50'),
  queuePage21: await timeGet(`/api/v1/demands?open=true&sort=deadline&limit=50&cursor=${cursor}`),
  queueByCountry: await timeGet('/api/v1/demands?open=true&sort=deadline&limit=50&country=DE'),
  queueByInstrument: await timeGet('/api/v1/demands?open=true&sort=deadline&limit=50&instrument=search_warrant'),
  queueByCustomer: await timeGet(`/api/v1/demands?open=true&sort=deadline&limit=50&customer=${dir.enterprise}`),
  allNewestFirst: await timeGet('/api/v1/demands?limit=50'),
  closedByDeadline: await timeGet('/api/v1/demands?state=closed&sort=deadline&limit=50'),
  referenceSearch: await timeGet('/api/v1/demands?reference=B012345&limit=50'),
  myQueue: await timeGet('/api/v1/demands?open=true&sort=deadline&limit=50&assignee=me'),
  unassigned: await timeGet('/api/v1/demands?open=true&sort=deadline&limit=50&assignee=none'),
  workload: await timeGet('/api/v1/stats/workload'),
};

/**
 * 50 staff at once, each asking for its own queue's first page, for LOAD_SECONDS: as staff at work
 * do (a second between one answer and the next request, `thinkMs`), and flat out (no pause: the
 * capacity, where latency is only queueing); the same with a bare route (GET /healthz) as the
 * baseline. Client and server share this process, so Node's CPU per request includes both, in
 * every phase alike.
 */
async function underLoad(path: (i: number) => string, thinkMs: number) {
  const times: number[] = [];
  const end = performance.now() + LOAD_SECONDS * 1000;
  const cpu0 = process.cpuUsage();
  const pg0 = await backendCpuMs(db);
  await Promise.all(
    tokens.map(async (tok, i) => {
      while (performance.now() < end) {
        const s = performance.now();
        const res = await fetch(base + path(i), { headers: { authorization: `Bearer ${tok}` } });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${path(i)}: ${res.status}`);
        times.push(performance.now() - s);
        if (thinkMs) await new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random())));
      }
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  const pgMs = cpuBetween(pg0, await backendCpuMs(db));
  return {
    requests: times.length,
    perSecond: round(times.length / LOAD_SECONDS),
    p50: round(median(times)),
    p95: round(p95(times)),
    nodeCpuMsPerRequest: round((cpu.user + cpu.system) / 1000 / times.length),
    postgresCpuMsPerRequest: round(pgMs / times.length),
  };
}
const load = {
  clients: STAFF,
  seconds: LOAD_SECONDS,
  thinkMs: 1000,
  bare: await underLoad(() => '/healthz', 1000),
  myQueueFirstPage: await underLoad(() => '/api/v1/demands?open=true&sort=deadline&limit=50&assignee=me', 1000),
  flatOut: {
    bare: await underLoad(() => '/healthz', 0),
    myQueueFirstPage: await underLoad(() => '/api/v1/demands?open=true&sort=deadline&limit=50&assignee=me', 0),
  },
  target: { queueFirstPageP50Ms: 150 },
};

// The console in Chromium: from navigation start to the first row of the queue on screen. A
// MutationObserver installed before the page's own scripts notes the moment the row appears. Cold:
// a new browser with an empty cache, three times; warm: a returning user's reloads.
const FIRST_ROW = `
  window.__firstRowAt = null;
  new MutationObserver((_, obs) => {
    if (document.querySelector('table tbody tr')) { window.__firstRowAt = performance.now(); obs.disconnect(); }
  }).observe(document, { childList: true, subtree: true });
`;
async function firstRowMs(page: import('playwright-core').Page): Promise<number> {
  await page.goto(`${base}/console`);
  await page.waitForSelector('table tbody tr');
  return page.evaluate<number>('window.__firstRowAt');
}
const cold: number[] = [];
const warm: number[] = [];
let rowsShown = 0;
for (let i = 0; i < 3; i++) {
  const browser = await launchBrowser();
  await browser.context.addInitScript(FIRST_ROW);
  // Signed in already (as the tests sign in), as a user who opens the console from a bookmark.
  await signIn(browser.page, base, token);
  cold.push(await firstRowMs(browser.page));
  if (i === 2) {
    for (let j = 0; j < 7; j++) warm.push(await firstRowMs(browser.page));
    rowsShown = await browser.page.locator('table tbody tr').count();
  }
  await browser.close();
}

const out = {
  demands: COUNT,
  openDemands: open,
  seedSeconds: round(seedMs / 1000),
  api: {
    ...api,
    target: { queueFirstPageP50Ms: 100 },
  },
  page: {
    rowsShown,
    coldFirstRowMs: cold.map(round),
    warmFirstRowMsP50: round(median(warm)),
    warmFirstRowMsMax: round(Math.max(...warm)),
    target: { firstRowMs: 1000 },
  },
  underLoad: load,
  meetsTargets: load.myQueueFirstPage.p50 < 150 && median(cold) < 1000,
};
console.log(JSON.stringify(out, null, 2));

await app.close();
await db.destroy();
await embedded?.stop();
