/**
 * The engine is a pure function of (input, packs): the same clock gives the same decision, the
 * system clock is never read, the input is not mutated, and decisions survive JSON storage.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from '../../src/policy/evaluate.ts';
import { loadPacks } from '../../src/policy/load-packs.ts';
import { digestOf } from '../../src/policy/prepare.ts';
import { ALL_CASES } from './all-cases.ts';
import { eu, us } from './fixtures.ts';

const packs = loadPacks();

test('the same input and clock give the same decision', () => {
  for (const c of ALL_CASES)
    assert.deepEqual(evaluate(c.input, packs), evaluate(structuredClone(c.input), packs), c.name);
});

test('the system clock is never read', () => {
  const RealDate = globalThis.Date;
  class NoClock extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) throw new Error('the engine read the system clock');
      super(...(args as [number]));
    }
    static override now(): number {
      throw new Error('the engine read the system clock');
    }
  }
  globalThis.Date = NoClock as DateConstructor;
  try {
    for (const c of ALL_CASES) evaluate(c.input, packs);
  } finally {
    globalThis.Date = RealDate;
  }
});

test('the evaluation clock comes from the input', () => {
  const early = evaluate(eu({ now: '2026-08-01T00:00:00Z', receivedAt: '2026-08-01T00:00:00Z' }), packs);
  const later = evaluate(eu({ now: '2026-09-01T00:00:00Z', receivedAt: '2026-08-01T00:00:00Z' }), packs);
  assert.equal(early.route.route, 'reject');
  assert.equal(later.route.route, 'comply');
  assert.equal(later.evaluatedAt, '2026-09-01T00:00:00Z');
});

test('the input is not mutated', () => {
  const input = us({
    secrecyOrder: {
      legalBasis: '18 U.S.C. 2705(b)',
      issuedAt: '2026-09-01T00:00:00Z',
      expiresAt: null,
      individualizedFindings: false,
    },
  });
  const before = structuredClone(input);
  evaluate(input, packs);
  assert.deepEqual(input, before);
});

test('a decision is plain JSON and survives a round trip', () => {
  const d = evaluate(us({ dataCategories: ['content', 'real_time'] }), packs);
  assert.deepEqual(JSON.parse(JSON.stringify(d)), d);
});

test('every decision records the packs and exact versions it used', () => {
  const d = evaluate(us(), packs);
  assert.deepEqual(
    d.packs.map((p) => `${p.id}@${p.version}`),
    ['us-federal@1.2.0', 'provider@1.2.0'],
  );
  for (const p of d.packs) assert.match(p.digest, /^[0-9a-f]{64}$/);
});

test('the pack digest changes when the pack text changes', () => {
  const shipped = evaluate(us(), packs).packs[0]!.digest;
  const copy = structuredClone(packs.packs[0]!.pack) as any;
  copy.parameters.federalWarrantExecution = { days: 15 };
  assert.notEqual(digestOf(copy), shipped);
  assert.equal(digestOf(structuredClone(packs.packs[0]!.pack)), shipped);
});

test('every explanation line cites a rule that fired', () => {
  for (const c of ALL_CASES) {
    const d = evaluate(c.input, packs);
    assert.deepEqual(
      d.explanation.map((l) => l.ruleId),
      d.firedRules,
      c.name,
    );
    for (const l of d.explanation) assert.ok(l.citation.length > 0 && l.text.length > 0, l.ruleId);
  }
});
