/**
 * Runs every table-driven policy case against the real packs: each case must make the rule it
 * names fire and must meet every expectation it states.
 */
import { test } from 'node:test';
import { evaluate } from '../../src/policy/evaluate.ts';
import { loadPacks } from '../../src/policy/load-packs.ts';
import { ALL_CASES } from './all-cases.ts';
import { checkCase } from './harness.ts';

const packs = loadPacks();

for (const c of ALL_CASES) {
  test(`[${c.rule}] ${c.name}`, () => {
    checkCase(c, evaluate(c.input, packs));
  });
}
