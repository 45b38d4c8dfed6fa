/**
 * The `writ` command line as an operator runs it: a child process with DATABASE_URL pointing at a
 * test database. demand add / list / show, idempotent adds, refusals that name the field and
 * write nothing, `writ evaluate`, and invalid configuration (exit 78).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Directory } from '../support/factories.ts';
import { seedDirectory, warrantInput } from '../support/factories.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testContext } from '../support/context.ts';
import { countRows } from '../support/http-kit.ts';
import { runCli } from '../support/cli-run.ts';
import type { DemandIntake } from '../../src/workflow/schemas/demand-intake.ts';
import type { PolicyInput } from '../../src/policy/index.ts';

let t: TestDb;
let dir: Directory;
let tmp: string;
let env: Record<string, string>;
let fileNo = 0;

const EX_DATAERR = 65;
const EX_CONFIG = 78;

before(async () => {
  t = await createTestDb();
  dir = await seedDirectory(testContext(t.db));
  tmp = mkdtempSync(path.join(os.tmpdir(), 'writ-cli-'));
  env = { DATABASE_URL: t.url, WRIT_DATA_DIR: path.join(tmp, 'data') };
});

after(async () => {
  await t?.drop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Write `value` (JSON unless it is a string) to a new file in the temp folder. */
function file(value: unknown): string {
  const p = path.join(tmp, `input-${++fileNo}.json`);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return p;
}

/** A valid warrant as the CLI's real clock sees it: issued yesterday, received now. */
function demand(over: Partial<DemandIntake> = {}): DemandIntake {
  return warrantInput(dir, { issuedAt: new Date(Date.now() - 24 * 3600 * 1000).toISOString(), ...over });
}

const ADDED = /^(added|already there): (WR-\d{4}-\d{6}) \(search_warrant, US\) state=(\w+) notice=(\w+)/m;

async function add(over: Partial<DemandIntake> = {}, extra: string[] = []) {
  const r = await runCli(['demand', 'add', file(demand(over)), ...extra], env);
  assert.equal(r.code, 0, `exit ${r.code}\n${r.stderr}`);
  const m = ADDED.exec(r.stdout);
  assert.ok(m, `unexpected output: ${r.stdout}`);
  return { verb: m[1]!, reference: m[2]!, state: m[3]!, notice: m[4]! };
}

describe('demand add', () => {
  test('adds a demand from a JSON file and says so', async () => {
    const before = await countRows(t.db);
    const a = await add({ caseNumber: 'CLI-1' });
    assert.equal(a.verb, 'added');
    assert.equal(a.state, 'legal_review');
    assert.equal(a.notice, 'pending');
    const row = await t.db.selectFrom('demands').select(['id', 'case_number', 'instrument', 'jurisdiction', 'state']).where('reference', '=', a.reference).executeTakeFirstOrThrow();
    assert.deepEqual({ case_number: row.case_number, instrument: row.instrument, jurisdiction: row.jurisdiction, state: row.state }, { case_number: 'CLI-1', instrument: 'search_warrant', jurisdiction: 'US', state: 'legal_review' });
    const after = await countRows(t.db);
    assert.equal(after.demands, before.demands + 1);
    assert.equal(after.demand_targets, before.demand_targets + 1);
    assert.equal(after.outbox, before.outbox + 1);
    const received = await t.db.selectFrom('events').select('actor').where('demand_id', '=', row.id).where('type', '=', 'demand.received').executeTakeFirstOrThrow();
    assert.equal(received.actor, 'staff:cli');
  });

  test('--json prints the stored demand', async () => {
    const r = await runCli(['demand', 'add', '--json', file(demand({ caseNumber: 'CLI-JSON' }))], env);
    assert.equal(r.code, 0, r.stderr);
    const d = JSON.parse(r.stdout);
    assert.match(d.reference, /^WR-\d{4}-\d{6}$/);
    assert.equal(d.caseNumber, 'CLI-JSON');
    assert.equal(d.targets[0].customerId, dir.consumer);
    const row = await t.db.selectFrom('demands').select('id').where('reference', '=', d.reference).executeTakeFirstOrThrow();
    assert.equal(row.id, d.id);
  });

  test('"-" reads the demand from standard input', async () => {
    const r = await runCli(['demand', 'add', '-'], env, JSON.stringify(demand({ caseNumber: 'CLI-STDIN' })));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, ADDED);
    const rows = await t.db.selectFrom('demands').select('id').where('case_number', '=', 'CLI-STDIN').execute();
    assert.equal(rows.length, 1);
  });

  test('twice with the same --idempotency-key adds one demand; the second run names the first', async () => {
    const f = file(demand({ caseNumber: 'CLI-IDEM' }));
    const first = await runCli(['demand', 'add', f, '--idempotency-key', 'cli-key-1'], env);
    assert.equal(first.code, 0, first.stderr);
    const before = await countRows(t.db);
    const second = await runCli(['demand', 'add', f, '--idempotency-key', 'cli-key-1'], env);
    assert.equal(second.code, 0, second.stderr);
    const [a, b] = [ADDED.exec(first.stdout), ADDED.exec(second.stdout)];
    assert.equal(a?.[1], 'added');
    assert.equal(b?.[1], 'already there');
    assert.equal(b?.[2], a?.[2], 'the same reference');
    assert.deepEqual(await countRows(t.db), before, 'the second run writes nothing');
    const rows = await t.db.selectFrom('demands').select('id').where('case_number', '=', 'CLI-IDEM').execute();
    assert.equal(rows.length, 1);
  });

  test('the same --idempotency-key with a different demand is refused (exit 65), nothing written', async () => {
    await add({ caseNumber: 'CLI-IDEM-2' }, ['--idempotency-key', 'cli-key-2']);
    const before = await countRows(t.db);
    const r = await runCli(['demand', 'add', file(demand({ caseNumber: 'CLI-IDEM-2-OTHER' })), '--idempotency-key', 'cli-key-2'], env);
    assert.equal(r.code, EX_DATAERR, r.stderr);
    assert.match(r.stderr, /Idempotency-Key/i);
    assert.deepEqual(await countRows(t.db), before);
  });
});

describe('demand add refuses bad input, names the field, writes nothing', () => {
  async function refused(content: unknown, fields: string[]) {
    const before = await countRows(t.db);
    const r = await runCli(['demand', 'add', file(content)], env);
    assert.equal(r.code, EX_DATAERR, `exit ${r.code}; stdout ${r.stdout}; stderr ${r.stderr}`);
    for (const f of fields) assert.ok(r.stderr.includes(f), `stderr names ${f}:\n${r.stderr}`);
    assert.equal(r.stdout, '', 'nothing on standard output');
    assert.deepEqual(await countRows(t.db), before, 'nothing written');
    return r;
  }

  test('a missing field and an unknown instrument, both named', async () => {
    const d: Record<string, unknown> = { ...demand(), instrument: 'writ_of_mandamus' };
    delete d.signed;
    await refused(d, ['/instrument', '/signed']);
  });

  test('an unknown country code', async () => {
    await refused(demand({ jurisdiction: 'QQ', jurisdictionSubdivision: null }), ['/jurisdiction']);
  });

  test('a date range that ends before it starts', async () => {
    await refused(demand({ dateRange: { from: '2026-06-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } }), ['/dateRange/to']);
  });

  test('a target that resolves to nobody', async () => {
    await refused(demand({ targets: [{ kind: 'email', value: 'nobody@nowhere.example' }] }), ['/targets/0']);
  });

  test('a file that is not JSON', async () => {
    await refused('{"channel": "post",', ['not valid JSON']);
  });

  test('a file that does not exist → non-zero exit naming it', async () => {
    const missing = path.join(tmp, 'no-such-file.json');
    const r = await runCli(['demand', 'add', missing], env);
    assert.notEqual(r.code, 0);
    assert.ok(r.stderr.includes('no-such-file.json'), r.stderr);
  });
});

describe('demand list and show', () => {
  let ref: string;
  let other: string;

  before(async () => {
    ref = (await add({ caseNumber: 'CLI-SHOW' })).reference;
    other = (await add({ caseNumber: 'CLI-OTHER', targets: [{ kind: 'email', value: 'bob@acme.example' }] })).reference;
  });

  test('list prints an aligned table, newest first, with every demand', async () => {
    const r = await runCli(['demand', 'list'], env);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.deepEqual(lines[0]!.split(/\s+/), ['reference', 'received', 'country', 'instrument', 'state', 'notice', 'deadline', 'agency']);
    assert.match(lines[1]!, /^-+( +-+)+$/);
    const all = await t.db.selectFrom('demands').select('reference').orderBy('received_at', 'desc').orderBy('id', 'desc').execute();
    const shown = lines.slice(2).map((l) => l.split(/\s+/)[0]);
    assert.deepEqual(shown, all.map((x) => x.reference));
    const row = lines.find((l) => l.startsWith(ref))!;
    assert.match(row, /\bUS\b.*\bsearch_warrant\b.*\blegal_review\b.*\bpending\b.*Springfield Police Department/);
  });

  test('list --json prints the rows as JSON, and filters apply', async () => {
    const r = await runCli(['demand', 'list', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as { reference: string; state: string; jurisdiction: string }[];
    assert.ok(Array.isArray(rows));
    assert.equal(rows.length, Number((await countRows(t.db)).demands));
    assert.ok(rows.some((x) => x.reference === ref && x.state === 'legal_review' && x.jurisdiction === 'US'));

    const byCustomer = await runCli(['demand', 'list', '--json', '--customer', dir.enterprise], env);
    assert.equal(byCustomer.code, 0, byCustomer.stderr);
    assert.deepEqual(JSON.parse(byCustomer.stdout).map((x: { reference: string }) => x.reference), [other]);

    const limited = await runCli(['demand', 'list', '--json', '--limit', '2'], env);
    assert.equal(JSON.parse(limited.stdout).length, 2);
  });

  test('list refuses a bad filter value (exit 65) naming the option', async () => {
    const r = await runCli(['demand', 'list', '--state', 'nonsense'], env);
    assert.equal(r.code, EX_DATAERR);
    assert.match(r.stderr, /--state/);
  });

  test('show prints the demand and its timeline', async () => {
    const r = await runCli(['demand', 'show', ref], env);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.match(lines[0]!, new RegExp(`^${ref}\\s+search_warrant from US`));
    assert.match(r.stdout, /state legal_review; notice pending/);
    assert.match(r.stdout, /targets: email:dana@writmail\.example/);
    const tl = r.stdout.slice(r.stdout.indexOf('timeline:'));
    assert.ok(r.stdout.includes('timeline:'));
    const order = ['demand.received', 'demand.decision_recorded', 'demand.review_started', 'notice.queued'].map((e) => tl.indexOf(e));
    assert.ok(order.every((i) => i > 0), tl);
    assert.deepEqual(order, [...order].sort((a, b) => a - b), 'events oldest first');
  });

  test('show --json prints the demand with its timeline, by reference or by id', async () => {
    const r = await runCli(['demand', 'show', '--json', ref], env);
    assert.equal(r.code, 0, r.stderr);
    const d = JSON.parse(r.stdout);
    assert.equal(d.reference, ref);
    assert.equal(d.caseNumber, 'CLI-SHOW');
    assert.deepEqual(d.timeline.map((e: { type: string }) => e.type), ['demand.received', 'demand.decision_recorded', 'demand.review_started', 'notice.queued']);
    const byId = await runCli(['demand', 'show', '--json', d.id], env);
    assert.equal(byId.code, 0, byId.stderr);
    assert.equal(JSON.parse(byId.stdout).reference, ref);
  });

  test('show of an unknown demand → non-zero exit naming it', async () => {
    const r = await runCli(['demand', 'show', 'WR-2026-999999'], env);
    assert.equal(r.code, EX_DATAERR);
    assert.match(r.stderr, /WR-2026-999999/);
    assert.equal(r.stdout, '');
  });
});

describe('writ evaluate', () => {
  const input: PolicyInput = {
    now: '2026-09-03T12:00:00Z',
    receivedAt: '2026-09-03T09:00:00Z',
    instrument: 'search_warrant',
    jurisdiction: 'US',
    jurisdictionSubdivision: null,
    issuingAuthority: { kind: 'court', judicialRole: null, validatedBy: null },
    issuedAt: '2026-09-01T15:00:00Z',
    signed: true,
    issuingCourt: 'U.S. District Court for the Northern District of California',
    dataCategories: ['subscriber', 'content'],
    dateRange: { from: '2026-01-01T00:00:00Z', to: '2026-06-30T00:00:00Z' },
    identificationOnly: false,
    targets: [{ customerKind: 'consumer', wholeTenant: false, residenceCountry: 'US', usPerson: true, storageCountry: 'US' }],
    emergency: null,
    requester: { verification: 'verified', emailDomainClass: 'verified', callbackConfirmed: true },
    secrecyOrder: null,
    offence: null,
    eu: null,
    preservationRenewals: 0,
    statedDeadline: null,
    noDataFound: false,
  };

  /** The packs as the library loads them, or the reason they cannot be loaded yet. */
  async function packsOrReason(): Promise<{ evaluate: (i: PolicyInput) => unknown } | string> {
    try {
      const policy = await import('../../src/policy/index.ts');
      const packs = policy.loadPacks();
      return { evaluate: (i) => policy.evaluate(i, packs) };
    } catch (e) {
      return (e as Error).message;
    }
  }

  test('--json prints the same decision the library makes, and stores nothing', async (tc) => {
    const lib = await packsOrReason();
    if (typeof lib === 'string') return tc.skip(`policy packs are not ready yet: ${lib.split('\n')[0]}`);
    const before = await countRows(t.db);
    const r = await runCli(['evaluate', '--json', file(input)], env);
    assert.equal(r.code, 0, r.stderr);
    const decision = JSON.parse(r.stdout);
    assert.equal(decision.kind, 'recommendation');
    assert.equal(Date.parse(decision.evaluatedAt), Date.parse(input.now));
    assert.ok(decision.packs.length > 0);
    assert.deepEqual(decision, JSON.parse(JSON.stringify(lib.evaluate(input))));
    assert.deepEqual(await countRows(t.db), before);
  });

  test('without --json it explains the decision in words; --now sets the clock', async (tc) => {
    const lib = await packsOrReason();
    if (typeof lib === 'string') return tc.skip(`policy packs are not ready yet: ${lib.split('\n')[0]}`);
    const r = await runCli(['evaluate', file(input)], env);
    assert.equal(r.code, 0, r.stderr);
    const route = (lib.evaluate(input) as { route: { route: string } }).route.route;
    assert.match(r.stdout, new RegExp(`^Recommendation: .*\\(${route}\\)`));
    assert.match(r.stdout, /Evaluated at 2026-09-03T12:00:00/);
    const later = await runCli(['evaluate', '--json', '--now', '2026-09-04T08:00:00Z', file(input)], env);
    assert.equal(later.code, 0, later.stderr);
    assert.equal(Date.parse(JSON.parse(later.stdout).evaluatedAt), Date.parse('2026-09-04T08:00:00Z'));
  });

  test('an invalid policy input → non-zero exit naming each bad field', async (tc) => {
    const lib = await packsOrReason();
    if (typeof lib === 'string') return tc.skip(`policy packs are not ready yet: ${lib.split('\n')[0]}`);
    const r = await runCli(['evaluate', file({ ...input, jurisdiction: 'QQ', instrument: 'writ_of_mandamus' })], env);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /jurisdiction/);
    assert.match(r.stderr, /instrument/);
    assert.equal(r.stdout, '');
  });
});

describe('configuration', () => {
  test('PORT=abc → exit 78 and the message names PORT', async () => {
    const r = await runCli(['demand', 'list'], { ...env, PORT: 'abc' });
    assert.equal(r.code, EX_CONFIG, `exit ${r.code}: ${r.stderr}`);
    assert.match(r.stderr, /PORT/);
    assert.match(r.stderr, /abc/);
    assert.equal(r.stdout, '');
  });

  test('every problem is reported at once', async () => {
    const r = await runCli(['demand', 'list'], { ...env, PORT: '99999', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x@y/z' });
    assert.equal(r.code, EX_CONFIG, r.stderr);
    for (const name of ['PORT', 'LOG_LEVEL', 'DATABASE_URL']) assert.match(r.stderr, new RegExp(name));
  });
});
