/** The plain-text rendering of a decision a lawyer reads on the command line. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from '../../src/policy/evaluate.ts';
import { explainDecision } from '../../src/policy/explain.ts';
import { loadPacks } from '../../src/policy/load-packs.ts';
import { enterprise, us } from './fixtures.ts';

const packs = loadPacks();
const gagged = us({
  targets: [enterprise()],
  instrument: 'preservation_request',
  preservationRenewals: 1,
  secrecyOrder: {
    legalBasis: '18 U.S.C. 2705(b)',
    issuedAt: '2026-09-01T00:00:00Z',
    expiresAt: null,
    individualizedFindings: true,
  },
});

test('the recommendation comes first and says a person decides', () => {
  const lines = explainDecision(evaluate(us(), packs)).split('\n');
  assert.match(lines[0]!, /^Recommendation: Comply, within the categories found sufficient \(comply\)$/);
  assert.ok(lines.some((l) => l.includes('a member of the legal team makes the final call')));
  assert.ok(lines.some((l) => l === 'Evaluated at 2026-09-03T12:00:00Z with us-federal@1.2.0, provider@1.2.0.'));
});

test('each category, the notice, flags and dates carry their rule and citation', () => {
  const text = explainDecision(evaluate(gagged, packs));
  assert.match(
    text,
    /Content: sufficient\n\s+Sufficient to preserve existing data; not to disclose it\. \[us\.preservation\.2703f; 18 U\.S\.C\. 2703\(f\)\(1\)-\(2\)\]/,
  );
  assert.match(text, /Customer notice: never\n\s+.*\[provider\.preservation\.no_notice;/);
  assert.match(text, /- secrecy_order_challenge: .*\[provider\.secrecy\.indefinite;/);
  assert.match(text, /Preserve until 2027-03-02T09:00:00\.000Z \(1 extension\(s\) counted\)\./);
});

test('the reasoning lists every fired rule in order, numbered', () => {
  const d = evaluate(gagged, packs);
  const text = explainDecision(d);
  const numbered = text.split('\n').filter((l) => /^\s+\d+\. \[/.test(l));
  assert.equal(numbered.length, d.firedRules.length);
  d.firedRules.forEach((id, i) => assert.ok(numbered[i]!.includes(`${i + 1}. [${id}]`), id));
});

test('a rejected category is marked in capitals so it stands out', () => {
  const text = explainDecision(
    evaluate(us({ instrument: 'subpoena', dataCategories: ['subscriber', 'content'] }), packs),
  );
  assert.match(text, /Content: NOT sufficient/);
  assert.match(text, /Subscriber information: sufficient/);
});

test('the output is plain text without terminal colour codes', () => {
  assert.doesNotMatch(explainDecision(evaluate(gagged, packs)), /\u001b\[/);
});
