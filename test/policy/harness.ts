/**
 * The table format for policy cases and the check that runs one. A case names the rule it
 * exercises; the check fails unless that rule fired and every stated expectation holds.
 */
import assert from 'node:assert/strict';
import type { DataCategory } from '../../src/domain/vocabulary.ts';
import type { DeadlineKind, FlagCode, NoticeMode, Route } from '../../src/policy/codes.ts';
import type { Decision, PolicyInput } from '../../src/policy/types.ts';

export interface Expectation {
  route?: Route;
  /** Every listed flag must be raised. */
  flags?: FlagCode[];
  /** None of these flags may be raised. */
  noFlags?: FlagCode[];
  sufficient?: DataCategory[];
  insufficient?: DataCategory[];
  notice?: NoticeMode;
  /** For a delayed notice: its end (null = no end date). */
  noticeUntil?: string | null;
  /** The law-fixed response deadline, or null for none. */
  responseDeadline?: string | null;
  preservationUntil?: string | null;
  /** Dated obligations by kind; null means there must be none of that kind. */
  deadlines?: Partial<Record<DeadlineKind, string | null>>;
  /** Rules that must not fire. */
  notFired?: string[];
  /** Ids of the packs that must have applied (exactly these). */
  packs?: string[];
}

export interface PolicyCase {
  name: string;
  /** The rule id this case exercises; it must fire. */
  rule: string;
  input: PolicyInput;
  expect: Expectation;
}

/** Assert that `d` (the decision for `c.input`) meets everything `c` expects. */
export function checkCase(c: PolicyCase, d: Decision): void {
  const e = c.expect;
  assert.ok(d.firedRules.includes(c.rule), `rule ${c.rule} did not fire; fired: ${d.firedRules.join(', ')}`);
  if (e.route !== undefined) assert.equal(d.route.route, e.route, `route (decided by ${d.route.ruleId})`);
  const flags = new Set(d.flags.map((f) => f.code));
  for (const f of e.flags ?? []) assert.ok(flags.has(f), `flag ${f} missing; flags: ${[...flags].join(', ')}`);
  for (const f of e.noFlags ?? []) assert.ok(!flags.has(f), `flag ${f} should not be raised`);
  const verdict = (cat: DataCategory) => d.categories.find((v) => v.category === cat);
  for (const cat of e.sufficient ?? [])
    assert.equal(verdict(cat)?.sufficient, true, `${cat} should be sufficient (${verdict(cat)?.ruleId})`);
  for (const cat of e.insufficient ?? [])
    assert.equal(verdict(cat)?.sufficient, false, `${cat} should not be sufficient (${verdict(cat)?.ruleId})`);
  if (e.notice !== undefined) assert.equal(d.notice.mode, e.notice, `notice (decided by ${d.notice.ruleId})`);
  if (e.noticeUntil !== undefined) assert.equal(d.notice.until, e.noticeUntil, 'notice end');
  if (e.responseDeadline !== undefined)
    assert.equal(d.responseDeadline?.at ?? null, e.responseDeadline, 'response deadline');
  if (e.preservationUntil !== undefined) assert.equal(d.preservationUntil, e.preservationUntil, 'preservation end');
  for (const [kind, at] of Object.entries(e.deadlines ?? {})) {
    const found = d.deadlines.filter((x) => x.kind === kind).map((x) => x.at);
    if (at === null) assert.deepEqual(found, [], `no ${kind} deadline expected`);
    else assert.ok(found.includes(at), `${kind} deadline ${at} expected; got ${found.join(', ') || 'none'}`);
  }
  for (const id of e.notFired ?? []) assert.ok(!d.firedRules.includes(id), `rule ${id} should not fire`);
  if (e.packs !== undefined) assert.deepEqual(d.packs.map((p) => p.id).sort(), [...e.packs].sort(), 'packs applied');
}
