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

async function add(inputFile: string, extra: string[] = []) {
  const r = await runCli(['demand', 'add', inputFile, ...extra], env);
  assert.equal(r.code, 0, `exit ${r.code}\n${r.stderr}`);
  const m = ADDED.exec(r.stdout);
  assert.ok(m, `unexpected output: ${r.stdout}`);
  return { verb: m[1]!, reference: m[2]!, state: m[3]!, notice: m[4]! };
}

const TIMELINE_START = ['demand.received', 'demand.decision_recorded', 'demand.review_started', 'notice.queued'];

// Every spawn loads the whole CLI (two to three seconds of CPU), so the cases are few and the
// read-only ones run side by side.
let ref: string;
let firstFile: string;

describe('demand add', () => {
  test('adds a demand from a JSON file and says so', async () => {
    const before = await countRows(t.db);
    firstFile = file(demand({ caseNumber: 'CLI-1' }));
    const a = await add(firstFile, ['--idempotency-key', 'cli-key-1']);
    ref = a.reference;
    assert.equal(a.verb, 'added');
    assert.equal(a.state, 'legal_review');
    assert.equal(a.notice, 'pending');
    const row = await t.db
      .selectFrom('demands')
      .select(['id', 'case_number', 'instrument', 'jurisdiction', 'state'])
      .where('reference', '=', a.reference)
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      { case_number: row.case_number, instrument: row.instrument, jurisdiction: row.jurisdiction, state: row.state },
      { case_number: 'CLI-1', instrument: 'search_warrant', jurisdiction: 'US', state: 'legal_review' },
    );
    const after = await countRows(t.db);
    assert.equal(after.demands, before.demands + 1);
    assert.equal(after.demand_targets, before.demand_targets + 1);
    assert.equal(after.outbox, before.outbox + 1);
    assert.equal(after.idempotency_keys, before.idempotency_keys + 1);
    const received = await t.db
      .selectFrom('events')
      .select('actor')
      .where('demand_id', '=', row.id)
      .where('type', '=', 'demand.received')
      .executeTakeFirstOrThrow();
    assert.equal(received.actor, 'staff:cli');
  });

  test('again with the same --idempotency-key: nothing added, the first demand named', async () => {
    const before = await countRows(t.db);
    const again = await add(firstFile, ['--idempotency-key', 'cli-key-1']);
    assert.equal(again.verb, 'already there');
    assert.equal(again.reference, ref);
    assert.deepEqual(await countRows(t.db), before, 'the second run writes nothing');
    const rows = await t.db.selectFrom('demands').select('id').where('case_number', '=', 'CLI-1').execute();
    assert.equal(rows.length, 1);
  });
});

describe('after the add: refusals, list, show and evaluate, side by side', { concurrency: true }, () => {
  describe('refusals: a non-zero exit naming the problem, nothing written', { concurrency: true }, () => {
    async function refused(
      args: string[],
      fields: (string | RegExp)[],
      code = EX_DATAERR,
      extraEnv: Record<string, string> = {},
    ) {
      const before = await countRows(t.db);
      const r = await runCli(args, { ...env, ...extraEnv });
      assert.equal(r.code, code, `exit ${r.code}; stdout ${r.stdout}; stderr ${r.stderr}`);
      for (const f of fields)
        assert.ok(typeof f === 'string' ? r.stderr.includes(f) : f.test(r.stderr), `stderr names ${f}:\n${r.stderr}`);
      assert.equal(r.stdout, '', 'nothing on standard output');
      assert.deepEqual(await countRows(t.db), before, 'nothing written');
      return r;
    }

    test('an invalid file: a missing field and an unknown instrument, both named', async () => {
      const d: Record<string, unknown> = { ...demand(), instrument: 'writ_of_mandamus' };
      delete d.signed;
      await refused(['demand', 'add', file(d)], ['/instrument', '/signed']);
    });

    test('invalid configuration: PORT=abc → exit 78 and the message names PORT', async () => {
      await refused(['demand', 'list'], ['PORT', '"abc"'], EX_CONFIG, { PORT: 'abc' });
    });
  });

  describe('demand list and show', { concurrency: true }, () => {
    test('list prints an aligned table, newest first, with every demand', async () => {
      const r = await runCli(['demand', 'list'], env);
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.trimEnd().split('\n');
      assert.deepEqual(lines[0]!.split(/\s+/), [
        'reference',
        'received',
        'country',
        'instrument',
        'state',
        'notice',
        'deadline',
        'agency',
      ]);
      assert.match(lines[1]!, /^-+( +-+)+$/);
      const all = await t.db
        .selectFrom('demands')
        .select('reference')
        .orderBy('received_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      assert.ok(all.length >= 1);
      assert.deepEqual(
        lines.slice(2).map((l) => l.split(/\s+/)[0]),
        all.map((x) => x.reference),
      );
      const row = lines.find((l) => l.startsWith(ref))!;
      assert.match(row, /\bUS\b.*\bsearch_warrant\b.*\blegal_review\b.*\bpending\b.*Springfield Police Department/);
    });

    test('list --json prints the rows as JSON', async () => {
      const r = await runCli(['demand', 'list', '--json'], env);
      assert.equal(r.code, 0, r.stderr);
      const rows = JSON.parse(r.stdout) as {
        reference: string;
        state: string;
        jurisdiction: string;
        instrument: string;
        agencyName: string;
      }[];
      assert.ok(Array.isArray(rows));
      assert.equal(rows.length, (await countRows(t.db)).demands);
      const mine = rows.find((x) => x.reference === ref);
      assert.deepEqual(mine && [mine.state, mine.jurisdiction, mine.instrument, mine.agencyName], [
        'legal_review',
        'US',
        'search_warrant',
        'Springfield Police Department',
      ]);
    });

    test('show REF prints the demand and its timeline, oldest event first', async () => {
      const r = await runCli(['demand', 'show', ref], env);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout.split('\n')[0]!, new RegExp(`^${ref}\\s+search_warrant from US`));
      assert.match(r.stdout, /state legal_review; notice pending/);
      assert.match(r.stdout, /targets: email:dana@writmail\.example/);
      assert.ok(r.stdout.includes('timeline:'), r.stdout);
      const tl = r.stdout.slice(r.stdout.indexOf('timeline:'));
      const at = TIMELINE_START.map((e) => tl.indexOf(e));
      assert.ok(
        at.every((i) => i > 0),
        tl,
      );
      assert.deepEqual(
        at,
        [...at].sort((a, b) => a - b),
        'events oldest first',
      );
    });

    test('show --json (by id) prints the demand with its timeline', async () => {
      const { id } = await t.db
        .selectFrom('demands')
        .select('id')
        .where('reference', '=', ref)
        .executeTakeFirstOrThrow();
      const r = await runCli(['demand', 'show', '--json', id], env);
      assert.equal(r.code, 0, r.stderr);
      const d = JSON.parse(r.stdout);
      assert.equal(d.reference, ref);
      assert.equal(d.id, id);
      assert.equal(d.caseNumber, 'CLI-1');
      assert.deepEqual(
        d.timeline.map((e: { type: string }) => e.type),
        TIMELINE_START,
      );
      const stored = await t.db.selectFrom('events').select('id').where('demand_id', '=', id).orderBy('id').execute();
      assert.deepEqual(
        d.timeline.map((e: { id: string }) => String(e.id)),
        stored.map((e) => String(e.id)),
      );
    });
  });

  describe('writ evaluate', { concurrency: true }, () => {
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
      targets: [
        { customerKind: 'consumer', wholeTenant: false, residenceCountry: 'US', usPerson: true, storageCountry: 'US' },
      ],
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

    test('--json prints the decision the library makes (at the --now clock), and stores nothing', async (tc) => {
      const lib = await packsOrReason();
      if (typeof lib === 'string') return tc.skip(`policy packs are not ready yet: ${lib.split('\n')[0]}`);
      const before = await countRows(t.db);
      // --now overrides the clock in the file.
      const now = '2026-09-04T08:00:00Z';
      const r = await runCli(['evaluate', '--json', '--now', now, file(input)], env);
      assert.equal(r.code, 0, r.stderr);
      const decision = JSON.parse(r.stdout);
      assert.equal(decision.kind, 'recommendation');
      assert.equal(Date.parse(decision.evaluatedAt), Date.parse(now));
      assert.ok(decision.packs.length > 0);
      assert.ok(decision.explanation.length > 0);
      assert.deepEqual(decision, JSON.parse(JSON.stringify(lib.evaluate({ ...input, now }))));
      assert.deepEqual(await countRows(t.db), before);
    });

    test('the facts of outside counsel review: a private request, a court time zone, and their checks', async () => {
      const privateRequest = { ...input, instrument: 'civil_subpoena', requesterKind: 'private' };
      const r = await runCli(['evaluate', '--json', file(privateRequest)], env);
      assert.equal(r.code, 0, r.stderr);
      const decision = JSON.parse(r.stdout);
      assert.equal(decision.requesterKind, 'private');
      assert.ok(decision.flags.some((f: { code: string }) => f.code === 'private_request'));
      const bad = await runCli(['evaluate', file({ ...input, issuingTimeZone: 'Mars/Olympus_Mons' })], env);
      assert.notEqual(bad.code, 0);
      assert.match(bad.stderr, /issuingTimeZone: must be an IANA time zone/);
    });
  });
});
