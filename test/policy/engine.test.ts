/**
 * The interpreter's own semantics, tested with small synthetic packs so that no real law is
 * involved: precedence, most-restrictive verdicts, quantifiers, stages and the fast pre-check.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from '../../src/policy/evaluate.ts';
import { FACTS } from '../../src/policy/facts.ts';
import { loadPacks } from '../../src/policy/load-packs.ts';
import type { Effect, PolicyPack, Rule } from '../../src/policy/pack-types.ts';
import { preparePacks, type PackSet } from '../../src/policy/prepare.ts';
import { assertValidInput } from '../../src/policy/validate-input.ts';
import { ALL_CASES } from './all-cases.ts';
import { consumer, enterprise, us } from './fixtures.ts';

let n = 0;
const rule = (when: Rule['when'], effects: Effect[], stage: Rule['stage'] = 'assess'): Rule => ({
  id: `test.rule_${++n}`,
  stage,
  citation: `Test rule ${n}`,
  sources: ['s'],
  explanation: `Rule ${n}.`,
  when,
  effects,
});
const packOf = (rules: Rule[], parameters: PolicyPack['parameters'] = {}): PackSet =>
  preparePacks([
    {
      origin: 'test.json',
      raw: {
        id: 'test',
        version: '0.0.1',
        title: 'T',
        description: 'D',
        sources: [{ id: 's', title: 'S', url: null, verified: true }],
        parameters,
        appliesWhen: { always: true },
        rules,
      },
    },
  ]);
const always = { always: true } as const;

test('the most protective route wins whatever the rule order', () => {
  const packs = packOf([
    rule(always, [{ type: 'route', route: 'comply' }]),
    rule(always, [{ type: 'route', route: 'mlat' }]),
    rule(always, [{ type: 'route', route: 'clarify' }]),
  ]);
  assert.equal(evaluate(us(), packs).route.route, 'clarify');
});

test('one "not sufficient" outweighs any number of "sufficient"', () => {
  const packs = packOf([
    rule(always, [{ type: 'category', categories: 'all', sufficient: true }]),
    rule(always, [{ type: 'category', categories: ['content'], sufficient: false, reason: 'No.' }]),
    rule(always, [{ type: 'category', categories: 'all', sufficient: true }]),
  ]);
  const d = evaluate(us(), packs);
  assert.deepEqual(
    d.categories.map((c) => [c.category, c.sufficient]),
    [
      ['subscriber', true],
      ['non_content', true],
      ['content', false],
    ],
  );
  assert.equal(d.categories[2]!.reason, 'No.');
});

test('the strictest notice wins, and among equal holds the one ending last', () => {
  const packs = packOf([
    rule(always, [{ type: 'notice', mode: 'delayed', until: { fact: 'receivedAt', plus: { days: 30 } } }]),
    rule(always, [{ type: 'notice', mode: 'delayed', until: { fact: 'receivedAt', plus: { days: 90 } } }]),
    rule(always, [{ type: 'notice', mode: 'after_emergency' }]),
  ]);
  assert.equal(evaluate(us(), packs).notice.until, '2026-12-02T09:00:00.000Z');
});

test('anyTarget and allTargets quantify over the targets', () => {
  const packs = packOf([
    rule({ anyTarget: { fact: 'target.customerKind', eq: 'enterprise' } }, [{ type: 'flag', flag: 'overbroad' }]),
    rule({ allTargets: { fact: 'target.customerKind', eq: 'enterprise' } }, [{ type: 'flag', flag: 'comity_review' }]),
  ]);
  const flags = (targets: ReturnType<typeof consumer>[]) => evaluate(us({ targets }), packs).flags.map((f) => f.code);
  assert.deepEqual(flags([consumer(), enterprise()]), ['overbroad']);
  assert.deepEqual(flags([enterprise(), enterprise()]), ['overbroad', 'comity_review']);
  assert.deepEqual(flags([]), ['comity_review']);
});

test('later stages see what earlier stages concluded, regardless of order in the pack', () => {
  const packs = packOf([
    rule({ flagRaised: 'overbroad' }, [{ type: 'route', route: 'reject' }], 'settle'),
    rule({ routeProposed: false }, [{ type: 'route', route: 'comply' }], 'route'),
    rule(always, [{ type: 'flag', flag: 'overbroad' }]),
  ]);
  const d = evaluate(us(), packs);
  assert.equal(d.route.route, 'reject');
  assert.deepEqual(d.firedRules, [`test.rule_${n}`, `test.rule_${n - 2}`]);
});

test('with no rule to decide, the engine falls back to the safe side and says so', () => {
  const d = evaluate(us(), packOf([rule({ fact: 'noDataFound', eq: true }, [])]));
  assert.equal(d.route.route, 'clarify');
  assert.equal(d.route.ruleId, 'engine.no_rule');
  assert.ok(d.categories.every((c) => !c.sufficient && c.ruleId === 'engine.no_rule'));
});

test('numeric parameters are read from the pack', () => {
  const packs = packOf(
    [
      rule({ fact: 'preservationRenewals', gte: { param: 'limit' } }, [
        { type: 'flag', flag: 'preservation_extension_exhausted' },
      ]),
    ],
    { limit: 3 },
  );
  assert.equal(evaluate(us({ preservationRenewals: 2 }), packs).flags.length, 0);
  assert.equal(evaluate(us({ preservationRenewals: 3 }), packs).flags.length, 1);
});

test('the instrument pre-check never changes a decision', () => {
  const packs = loadPacks();
  const unfiltered: PackSet = {
    packs: packs.packs.map((p) => ({
      ...p,
      byStage: Object.fromEntries(
        Object.entries(p.byStage).map(([s, rules]) => [s, rules.map((r) => ({ ...r, instruments: null }))]),
      ) as typeof p.byStage,
    })),
  };
  for (const c of ALL_CASES) assert.deepEqual(evaluate(c.input, unfiltered), evaluate(c.input, packs), c.name);
});

test('input validation parses exactly the time facts the catalogue declares', () => {
  const declared = Object.entries(FACTS)
    .filter(([, d]) => d.type === 'time')
    .map(([name]) => name)
    .sort();
  assert.deepEqual(Object.keys(assertValidInput(us())).sort(), declared);
});
