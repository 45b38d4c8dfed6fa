/** Inputs the engine cannot evaluate are refused up front, with the path of each problem. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from '../../src/policy/evaluate.ts';
import { loadPacks } from '../../src/policy/load-packs.ts';
import { PolicyInputError } from '../../src/policy/validate-input.ts';
import { us } from './fixtures.ts';

const packs = loadPacks();

function refused(input: unknown, fragment: string): void {
  assert.throws(
    () => evaluate(input as never, packs),
    (e: unknown) => e instanceof PolicyInputError && e.issues.some((i) => i.includes(fragment)),
    fragment,
  );
}

test('an unreadable clock is refused', () => refused(us({ now: 'yesterday' }), 'now: must be an ISO 8601 timestamp'));
test('a timestamp without a zone is refused', () => refused(us({ receivedAt: '2026-09-03T09:00:00' }), 'receivedAt'));
test('an unknown instrument is refused', () =>
  refused(us({ instrument: 'letter' as never }), 'instrument: must be one of'));
test('an unknown country is refused', () => refused(us({ jurisdiction: 'XX' }), 'jurisdiction'));
test('a subdivision of another country is refused', () =>
  refused(us({ jurisdictionSubdivision: 'DE-BY' }), 'jurisdictionSubdivision'));
test('a demand for no data is refused', () => refused(us({ dataCategories: [] }), 'dataCategories'));
test('a negative renewal count is refused', () => refused(us({ preservationRenewals: -1 }), 'preservationRenewals'));
test('a bad secrecy order date is refused', () =>
  refused(
    us({
      secrecyOrder: {
        legalBasis: 'x',
        issuedAt: '2026-13-45T00:00:00Z',
        expiresAt: null,
        individualizedFindings: true,
      },
    }),
    'secrecyOrder.issuedAt',
  ));
test('a bare date is accepted as midnight UTC', () => {
  assert.doesNotThrow(() => evaluate(us({ issuedAt: '2026-09-01' }), packs));
});
