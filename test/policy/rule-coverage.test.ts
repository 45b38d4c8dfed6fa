/**
 * Every rule in every pack must be exercised by at least one case (and the case runner checks
 * that the rule actually fires), and no case may name a rule that does not exist.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPacks } from '../../src/policy/load-packs.ts';
import { ALL_CASES } from './all-cases.ts';

const packs = loadPacks();
const ruleIds = packs.packs.flatMap((p) => p.pack.rules.map((r) => r.id));
const named = new Set(ALL_CASES.map((c) => c.rule));

test('there are at least 80 cases', () => {
  assert.ok(ALL_CASES.length >= 80, `only ${ALL_CASES.length} cases`);
});

test('every rule in every pack is exercised by a case', () => {
  const missing = ruleIds.filter((id) => !named.has(id));
  assert.deepEqual(missing, [], `rules without a case: ${missing.join(', ')}`);
});

test('every case names an existing rule', () => {
  const known = new Set(ruleIds);
  const unknown = [...named].filter((id) => !known.has(id));
  assert.deepEqual(unknown, []);
});

test('case names are unique', () => {
  const names = ALL_CASES.map((c) => c.name);
  assert.equal(new Set(names).size, names.length);
});

test('all five regimes are loaded', () => {
  assert.deepEqual(
    packs.packs.map((p) => p.pack.id),
    ['us-federal', 'eu-e-evidence', 'uk-copoa', 'foreign-mlat', 'provider'],
  );
});
