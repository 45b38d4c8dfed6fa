/** The dry run: the same decision intake would store, and nothing written. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateDemand } from '../../src/workflow/evaluate-demand.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { registerAgency } from '../../src/workflow/register-agency.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { testClock, testContext } from '../support/context.ts';
import { STAFF, seedDirectory, warrantInput, type Directory } from '../support/factories.ts';

let t: TestDb;
let dir: Directory;
const clock = testClock('2026-11-02T09:00:00Z');

before(async () => {
  t = await createTestDb();
  dir = await seedDirectory(testContext(t.db, clock));
});
after(() => t.drop());

const count = async (table: 'demands' | 'events' | 'outbox' | 'requesters') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('evaluate writes nothing and agrees with what intake stores', async () => {
  const ctx = testContext(t.db, clock);
  const input = warrantInput(dir, {
    instrument: 'subpoena',
    dataCategories: ['subscriber', 'content'],
    requester: { name: 'First Timer', email: 'first.timer@springfield-pd.example' },
  });
  const before = await Promise.all([count('demands'), count('events'), count('outbox'), count('requesters')]);
  const dry = await evaluateDemand(ctx, input);
  assert.deepEqual(
    await Promise.all([count('demands'), count('events'), count('outbox'), count('requesters')]),
    before,
  );
  // A subpoena does not reach content: the engine says so, with a citation.
  const content = dry.decision.categories.find((c) => c.category === 'content')!;
  assert.equal(content.sufficient, false);
  assert.match(content.citation, /2703/);
  const { demand } = await intakeDemand(ctx, { input, actor: STAFF });
  const stored = await t.db
    .selectFrom('demands')
    .select('decision')
    .where('id', '=', demand.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(stored.decision, JSON.parse(JSON.stringify(dry.decision)));
  assert.equal(dry.wouldStart.state, demand.state);
  assert.equal(dry.wouldStart.noticeState, demand.noticeState);
});

test('a police department serving a warrant a named court issued is not refused as "not a court"; one naming no court is', async () => {
  const ctx = testContext(t.db, clock);
  // Springfield Police Department is a police agency (test/support/factories.ts).
  const served = await evaluateDemand(ctx, warrantInput(dir, { issuingCourt: 'Circuit Court of Sangamon County' }));
  assert.ok(!served.decision.firedRules.includes('us.warrant.not_a_court'), served.decision.firedRules.join(', '));
  assert.ok(served.decision.firedRules.includes('us.warrant.content'));
  assert.equal(served.decision.categories.find((c) => c.category === 'content')!.sufficient, true);
  assert.ok(!served.decision.flags.some((f) => f.code === 'issuer_not_competent'));

  const unnamed = await evaluateDemand(ctx, warrantInput(dir, { issuingCourt: null }));
  assert.ok(unnamed.decision.firedRules.includes('us.warrant.not_a_court'));
  assert.equal(unnamed.decision.route?.route, 'reject');
});

test('a European Production Order for subscriber data: a prosecutor or a named court may issue it, the police only with validation', async () => {
  const ctx = testContext(t.db, clock);
  const prosecutor = await registerAgency(ctx, {
    actor: STAFF,
    input: {
      name: 'Staatsanwaltschaft Berlin',
      country: 'DE',
      kind: 'prosecutor',
      verifiedDomains: ['sta.berlin.example'],
      callbackPhone: '+49 30 5550 0300',
    },
  });
  const epo = (agencyId: string, over: Parameters<typeof warrantInput>[1] = {}) =>
    warrantInput(dir, {
      agencyId,
      requester: { name: 'Kim Weber', email: 'k.weber@sta.berlin.example' },
      jurisdiction: 'DE',
      jurisdictionSubdivision: null,
      instrument: 'european_production_order',
      issuingCourt: null,
      dataCategories: ['subscriber'],
      ...over,
    });
  const rules = async (input: ReturnType<typeof epo>) => (await evaluateDemand(ctx, input)).decision.firedRules;

  // Art. 4(1)(a): a public prosecutor issues it; the demand need not say so in its legal facts.
  const byProsecutor = await rules(epo(prosecutor.id));
  assert.ok(byProsecutor.includes('eu.epo.subscriber_issuer'), byProsecutor.join(', '));
  assert.ok(!byProsecutor.includes('eu.epo.issuer_not_competent'));
  // Served by the police, naming the court that issued it.
  assert.ok(
    !(await rules(epo(dir.dePolice, { issuingCourt: 'Amtsgericht Tiergarten' }))).includes(
      'eu.epo.issuer_not_competent',
    ),
  );
  // Art. 4(1)(b): the police's own order needs validation, by a prosecutor as well as a judge.
  assert.ok((await rules(epo(dir.dePolice))).includes('eu.epo.issuer_not_competent'));
  assert.ok(
    !(await rules(epo(dir.dePolice, { legalFacts: { validatedBy: 'prosecutor' } }))).includes(
      'eu.epo.issuer_not_competent',
    ),
  );
});
