/**
 * The demo data set: deterministic from its seed, and varied enough that a reader sees a living
 * system (many countries, every disposition, secrecy orders with and without end, emergencies,
 * preservations, open and closed demands), and opening on a working day: about sixty open
 * demands in every state and on every track, each with its legal process as a PDF.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DemoPerson } from '../../src/demo/demo-principals.ts';
import { DEMO_AGENCIES } from '../../src/demo/directory-data.ts';
import { EU_E_EVIDENCE_APPLIES_FROM, generateDemands } from '../../src/demo/generate-demands.ts';
import { loadDemoIfEmpty } from '../../src/demo/load-demo.ts';
import { Random } from '../../src/demo/random.ts';
import { totpAt } from '../../src/domain/totp.ts';
import { signIn } from '../../src/workflow/sign-in.ts';
import { EU_MEMBER_STATES } from '../../src/domain/countries.ts';
import { DISPOSITIONS } from '../../src/domain/vocabulary.ts';
import { createHash } from 'node:crypto';
import { DocumentReader } from '../../src/documents/read-document.ts';
import { STAFF_ROLES, type Principal } from '../../src/domain/principal.ts';
import { loadStaffCaseView } from '../../src/http/presenters/case-view.ts';
import { stepFactsOf } from '../../src/store/case-repository.ts';
import { findDemand } from '../../src/store/demand-repository.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import type { WorkflowContext } from '../../src/workflow/context.ts';
import { testContext } from '../support/context.ts';

const TODAY = new Date('2026-11-02T09:00:00Z');
const EU_ORDERS: readonly string[] = ['european_production_order', 'european_preservation_order'];
/** Instruments a court or judge issues, whoever serves them. */
const COURT_ISSUED: readonly string[] = [
  'search_warrant',
  'court_order_2703d',
  'overseas_production_order',
  'foreign_court_order',
  'fisa_order',
];
let full: TestDb;
let fullCtx: WorkflowContext;
let fullDataDir: string;
let fullSummary: Awaited<ReturnType<typeof loadDemoIfEmpty>>;

async function fingerprint(t: TestDb) {
  const documents = await t.db
    .selectFrom('documents')
    .innerJoin('demands', 'demands.id', 'documents.demand_id')
    .select(['demands.reference', 'documents.filename', 'documents.sha256'])
    .orderBy('demands.reference')
    .orderBy('documents.sha256')
    .execute();
  const demands = await t.db
    .selectFrom('demands')
    .select([
      'reference',
      'instrument',
      'jurisdiction',
      'received_at',
      'state',
      'notice_state',
      'challenge_state',
      'disposition',
    ])
    .orderBy('reference')
    .execute();
  return { demands, documents };
}

before(async () => {
  full = await createTestDb();
  fullDataDir = mkdtempSync(path.join(os.tmpdir(), 'writ-demo-'));
  fullCtx = testContext(full.db);
  fullSummary = await loadDemoIfEmpty(fullCtx, { seed: 20261129, dataDir: fullDataDir, now: TODAY });
});
after(() => full.drop());

test('the same seed gives the same demands; another seed different ones', async () => {
  const dbs = await Promise.all([createTestDb(), createTestDb(), createTestDb()]);
  try {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'writ-demo-'));
    const [a, b, c] = dbs as [TestDb, TestDb, TestDb];
    const loaded = await loadDemoIfEmpty(testContext(a.db), { seed: 7, dataDir: dir, demands: 20, now: TODAY });
    await loadDemoIfEmpty(testContext(b.db), { seed: 7, dataDir: dir, demands: 20, now: TODAY });
    await loadDemoIfEmpty(testContext(c.db), { seed: 8, dataDir: dir, demands: 20, now: TODAY });
    const fa = await fingerprint(a);
    assert.ok(loaded && loaded.demands > 20, 'the history and the desk of open demands');
    assert.equal(fa.demands.length, loaded.demands);
    assert.ok(fa.documents.length >= fa.demands.length - 20, 'the same documents, byte for byte');
    assert.deepEqual(await fingerprint(b), fa);
    assert.notDeepEqual(await fingerprint(c), fa);
  } finally {
    await Promise.all(dbs.map((d) => d.drop()));
  }
});

test('the full demo is a living system, loaded once only', async () => {
  const dataDir = fullDataDir;
  const ctx = testContext(full.db);
  const summary = fullSummary;
  assert.ok(summary);
  assert.ok(summary.demands >= 300, 'several hundred demands');
  assert.ok(summary.customers >= 24, 'a few dozen customers');
  assert.equal(await loadDemoIfEmpty(ctx, { seed: 1, dataDir, now: TODAY }), null, 'a second load changes nothing');

  const rows = await full.db
    .selectFrom('demands')
    .select([
      'jurisdiction',
      'instrument',
      'state',
      'disposition',
      'secrecy_order',
      'emergency',
      'preservation_state',
      'received_at',
      'notice_state',
    ])
    .execute();
  assert.ok(new Set(rows.map((r) => r.jurisdiction)).size >= 10, 'agencies from at least 10 countries');
  assert.ok(new Set(rows.map((r) => r.instrument)).size >= 12, 'most instruments');
  for (const d of DISPOSITIONS)
    assert.ok(
      rows.some((r) => r.disposition === d),
      `some demand closed as ${d}`,
    );
  assert.ok(
    rows.some((r) => r.state !== 'closed'),
    'some demands are open',
  );
  const orders = rows.map((r) => r.secrecy_order as { expiresAt: string | null } | null).filter((o) => o);
  assert.ok(
    orders.some((o) => o!.expiresAt === null) && orders.some((o) => o!.expiresAt !== null),
    'secrecy orders with and without an end date',
  );
  assert.ok(
    rows.some((r) => r.emergency),
    'emergencies',
  );
  assert.ok(
    rows.some((r) => r.preservation_state !== 'none'),
    'preservations',
  );
  assert.ok(
    rows.some((r) => r.notice_state === 'held') && rows.some((r) => r.notice_state === 'sent'),
    'held and sent notices',
  );
  const times = rows.map((r) => new Date(r.received_at).getTime());
  assert.ok(TODAY.getTime() - Math.min(...times) > 2.5 * 365 * 86_400_000, 'spread over the last three years');
  assert.ok(Math.max(...times) <= TODAY.getTime());

  const people = JSON.parse(await readFile(path.join(dataDir, 'demo-tokens.json'), 'utf8')) as Record<
    string,
    DemoPerson
  >;
  assert.ok(people.admin?.token.startsWith('writ_'));
  assert.ok(people.officer1 && people.customer1);
  // Everyone can also sign in to the web application as a person: password and TOTP code.
  for (const p of Object.values(people))
    assert.ok(p.password.length >= 12 && p.otpauthUri.startsWith('otpauth://totp/'), p.email);
  const reviewer = people.reviewer!;
  const session = await signIn(ctx, {
    email: reviewer.email,
    password: reviewer.password,
    totp: totpAt(reviewer.totpSecret, ctx.now()),
  });
  assert.ok(session.csrfToken);
});

/** Many demands from the pure generator, over several seeds, against the demo directory. */
function generated(seeds: number[], count: number) {
  const agencies = DEMO_AGENCIES.map((a, i) => ({
    ...a,
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  }));
  const pool = {
    consumerEmails: ['a@writmail.example', 'b@writmail.example'],
    enterpriseEmails: ['c@aldergrove.example'],
    enterpriseDomains: ['aldergrove.example'],
  };
  const byId = new Map(agencies.map((a) => [a.id, a]));
  return seeds
    .flatMap((seed) => generateDemands(new Random(seed), count, agencies, pool, TODAY))
    .map((d) => ({ ...d, agency: byId.get(d.input.agencyId)! }));
}

test('a court-issued instrument names its court, even when an agency serves it; other instruments name none unless a court sent them', () => {
  for (const { input, agency } of generated([1, 2, 3, 20261129], 1500)) {
    const what = `${input.instrument} served by ${agency.name}`;
    if (COURT_ISSUED.includes(input.instrument))
      assert.ok(input.issuingCourt?.trim(), `${what} names its issuing court`);
    else if (agency.kind !== 'court') assert.equal(input.issuingCourt, null, `${what} names no court`);
    // A directory court named for another agency is one of that agency's own country.
    const court = DEMO_AGENCIES.find((c) => c.kind === 'court' && c.name === input.issuingCourt);
    if (court) assert.equal(court.country, agency.country, what);
  }
});

test('European Production and Preservation Orders come only once the Regulation applies, but for a deliberate few', () => {
  const all = generated([1, 2, 3, 20261129], 1500);
  const euBefore = all.filter(
    (d) => d.receivedAt.getTime() < EU_E_EVIDENCE_APPLIES_FROM && EU_MEMBER_STATES.has(d.agency.country),
  );
  const premature = euBefore.filter((d) => EU_ORDERS.includes(d.input.instrument));
  assert.ok(euBefore.length > 1000, 'EU demands before the Regulation applies');
  assert.ok(premature.length > 0, 'a few premature orders, for the engine to refuse');
  assert.ok(
    premature.length <= 0.04 * euBefore.length,
    `${premature.length} of ${euBefore.length} EU demands before 18 August 2026 are European orders`,
  );
  const after = all.filter(
    (d) => EU_ORDERS.includes(d.input.instrument) && d.receivedAt.getTime() >= EU_E_EVIDENCE_APPLIES_FROM,
  );
  assert.ok(after.length > 0, 'European orders once the Regulation applies');
  for (const d of after)
    assert.ok(
      Date.parse(d.input.issuedAt!) >= EU_E_EVIDENCE_APPLIES_FROM,
      'issued no earlier than the Regulation applies',
    );
});

test('the engine recommends rejecting only a small share of the full demo, the deliberately flawed demands', async () => {
  const rows = await full.db
    .selectFrom('demands')
    .select(['instrument', 'issuing_court', 'received_at', 'decision'])
    .execute();
  assert.ok(rows.length >= 300, 'the full demo is loaded');
  const route = (r: (typeof rows)[number]) => (r.decision as { route: { route: string } }).route.route;
  const flags = (r: (typeof rows)[number]) => (r.decision as { flags: { code: string }[] }).flags.map((f) => f.code);

  for (const r of rows)
    if (COURT_ISSUED.includes(r.instrument))
      assert.ok(r.issuing_court?.trim(), `a ${r.instrument} names its issuing court`);
  assert.ok(
    !rows.some((r) => route(r) === 'reject' && flags(r).includes('issuer_not_competent')),
    'no demand rejected for want of a competent issuer',
  );

  const premature = rows.filter(
    (r) => EU_ORDERS.includes(r.instrument) && new Date(r.received_at).getTime() < EU_E_EVIDENCE_APPLIES_FROM,
  );
  assert.ok(
    premature.length <= 0.01 * rows.length,
    `${premature.length} European orders before the Regulation applies`,
  );
  for (const r of premature)
    assert.ok(
      route(r) === 'reject' && flags(r).includes('regime_not_applicable'),
      'a premature European order is refused',
    );
  assert.ok(
    rows.some((r) => EU_ORDERS.includes(r.instrument) && route(r) !== 'reject'),
    'European orders the engine accepts',
  );

  const rejected = rows.filter((r) => route(r) === 'reject').length;
  assert.ok(rejected > 0, 'the engine is seen rejecting some demands');
  assert.ok(rejected < 0.15 * rows.length, `${rejected} of ${rows.length} demands recommended for rejection`);
  // A demand sent to mutual legal assistance ends rejected too, for the provider's part.
  const mlat = rows.filter((r) => route(r) === 'mlat').length;
  assert.ok(
    rejected + mlat < 0.2 * rows.length,
    `${rejected} rejected and ${mlat} sent to mutual legal assistance of ${rows.length}`,
  );
});

/** Every open demand of the full demo, as a reviewer with every staff role sees it in the console. */
async function openDemands() {
  const rows = await full.db
    .selectFrom('demands')
    .select('id')
    .where('state', '!=', 'closed')
    .orderBy('reference')
    .execute();
  const viewer: Principal = { kind: 'staff', id: 'demo-test', name: 'Demo Test', roles: [...STAFF_ROLES] };
  return Promise.all(
    rows.map(async ({ id }) => {
      const demand = (await findDemand(full.db, id))!;
      const { extras } = await loadStaffCaseView(full.db, demand, TODAY, viewer);
      return { demand, ...extras, steps: await stepFactsOf(full.db, id) };
    }),
  );
}

test('the demo opens on a working day: about sixty open demands, in every state a demand can wait in', async () => {
  const open = await openDemands();
  assert.ok(open.length >= 50 && open.length <= 70, `${open.length} open demands`);
  const byState = new Map<string, number>();
  for (const o of open) byState.set(o.demand.state, (byState.get(o.demand.state) ?? 0) + 1);
  for (const s of [
    'verifying_requester',
    'legal_review',
    'redirected',
    'rejected',
    'awaiting_disclosure',
    'approved',
    'produced',
  ])
    assert.ok((byState.get(s) ?? 0) > 0, `some demand waits in ${s}: ${JSON.stringify(Object.fromEntries(byState))}`);
  const verifying = open.filter((o) => o.demand.state === 'verifying_requester');
  assert.ok(
    verifying.some((o) => o.steps.callbackBy) && verifying.some((o) => !o.steps.callbackBy),
    'call-back or not',
  );
  const awaiting = open.filter((o) => o.demand.state === 'awaiting_disclosure');
  assert.ok(
    awaiting.some((o) => !o.steps.packagePrepared),
    'a package to prepare',
  );
  assert.ok(
    awaiting.some((o) => o.steps.packagePrepared && o.steps.approvers.length === 0),
    'a package waiting for its approvals',
  );
  assert.ok(
    awaiting.some((o) => o.steps.approvers.length === 1),
    'a package waiting for its second approval',
  );
});

test('every track of the demo has a demand on it with its clock running', async () => {
  const open = await openDemands();
  const running = (kind: string) => open.filter((o) => o.clocks.some((c) => c.kind === kind && c.state === 'running'));
  const emergencies = running('emergency_response');
  assert.ok(emergencies.length >= 2, 'emergencies inside their hours');
  assert.ok(emergencies.every((o) => o.demand.emergency && o.clocks.some((c) => c.hours)));
  assert.ok(running('eu_emergency_8h').length >= 1, 'an EU emergency order inside its 8 hours');
  assert.ok(running('eu_production_10d').length >= 3, 'EU production orders inside their 10 days');
  const preserving = running('preservation_end');
  assert.ok(
    preserving.some((o) => o.demand.instrument === 'preservation_request') &&
      preserving.some((o) => o.demand.instrument === 'european_preservation_order'),
    'preservations inside their periods, US and EU',
  );
  assert.ok(preserving.every((o) => o.demand.preservationState === 'active'));
  const secret = open.filter((o) => o.demand.secrecyOrder && o.demand.noticeState === 'held');
  assert.ok(secret.length >= 3, 'open secrecy orders holding back the notice');
  assert.ok(running('secrecy_order_end').length >= 1, 'a secrecy order with its end');
  assert.ok(
    secret.some((o) => !o.demand.secrecyOrder!.expiresAt),
    'a secrecy order until further order',
  );
  assert.ok(
    secret.some((o) => o.demand.challengeState === 'flagged'),
    'a challenge to file',
  );
  assert.ok(
    secret.some((o) => o.demand.challengeState === 'filed'),
    'a challenge filed',
  );
  assert.ok(
    open.some((o) => o.demand.state === 'produced' && o.demand.emergency),
    'an emergency disclosure waiting for its follow-up process',
  );
});

test('no open demand is left without a next step, and the step it names can be taken', async () => {
  for (const o of await openDemands()) {
    const what = `${o.demand.reference} (${o.demand.state})`;
    assert.ok(o.nextStep.label && o.nextStep.label !== 'Closed', what);
    if (o.nextStep.action)
      assert.ok(
        o.actions.some((a) => a.action === o.nextStep.action && a.allowed),
        `${what}: ${o.nextStep.action} is offered`,
      );
    else
      assert.ok(
        ['legal_review', 'redirected'].includes(o.demand.state),
        `${what} waits on others only where a redirect or a clarification is out: ${o.nextStep.label}`,
      );
  }
});

test('every open demand has its legal process as a PDF that names its court or agency and its case', async () => {
  const reader = new DocumentReader({ ocr: false });
  try {
    const open = await full.db
      .selectFrom('demands')
      .innerJoin('agencies', 'agencies.id', 'demands.agency_id')
      .select(['demands.id', 'demands.reference', 'demands.issuing_court', 'demands.case_number', 'agencies.name'])
      .where('demands.state', '!=', 'closed')
      .execute();
    for (const d of open) {
      const docs = await full.db
        .selectFrom('documents')
        .select(['sha256', 'media_type', 'size_bytes'])
        .where('demand_id', '=', d.id)
        .execute();
      const pdf = docs.find((x) => x.media_type === 'application/pdf');
      assert.ok(pdf, `${d.reference} has a PDF document`);
      const bytes = await fullCtx.documents.get(pdf.sha256);
      assert.equal(createHash('sha256').update(bytes).digest('hex'), pdf.sha256, 'stored by its hash');
      assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      const read = await reader.read(bytes, 'application/pdf');
      const text = read.pages
        .map((p) => p.text)
        .join('\n')
        .replace(/\s+/g, ' ');
      assert.ok(text.includes(d.case_number!), `${d.reference}: the PDF names case ${d.case_number}`);
      const issuer = (d.issuing_court ?? d.name).replace(/\s+/g, ' ');
      assert.ok(text.includes(issuer), `${d.reference}: the PDF names ${issuer}`);
    }
  } finally {
    await reader.close();
  }
});

test('a demo customer admin has a redirect to answer in the portal', async () => {
  const people = JSON.parse(await readFile(path.join(fullDataDir, 'demo-tokens.json'), 'utf8')) as Record<
    string,
    DemoPerson
  >;
  const admin = await full.db
    .selectFrom('principals')
    .select('customer_id')
    .where('email', '=', people.customer1!.email)
    .executeTakeFirstOrThrow();
  const theirs = await full.db
    .selectFrom('demands')
    .innerJoin('demand_targets', 'demand_targets.demand_id', 'demands.id')
    .select(['demands.reference', 'demands.notice_state'])
    .where('demand_targets.customer_id', '=', admin.customer_id!)
    .where('demands.state', '=', 'redirected')
    .execute();
  assert.ok(
    theirs.some((d) => d.notice_state === 'sent'),
    'a redirected demand about their accounts that they have been told of',
  );
});
