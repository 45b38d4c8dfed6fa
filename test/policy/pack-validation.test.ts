/**
 * A malformed pack is refused at load with a message naming the pack and the path of each
 * problem. Each test breaks one thing in an otherwise valid pack.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPacks, readRawPacks } from '../../src/policy/load-packs.ts';
import { preparePacks } from '../../src/policy/prepare.ts';
import { validatePack } from '../../src/policy/validate-pack.ts';
import { PackValidationError } from '../../src/policy/validate-shared.ts';

const raws = readRawPacks();
const provider = () => structuredClone(raws.find((r) => r.origin === 'provider.json')!.raw) as any;
const firstRule = (p: any) => p.rules[0];

/** Assert that validating `pack` fails with an issue containing every fragment. */
function refused(pack: unknown, ...fragments: string[]): void {
  assert.throws(
    () => validatePack(pack, 'broken.json'),
    (err: unknown) => {
      assert.ok(err instanceof PackValidationError, 'expected a PackValidationError');
      assert.match(err.message, /^Policy pack broken\.json is malformed:/);
      const hit = err.issues.find((i) => fragments.every((f) => i.includes(f)));
      assert.ok(hit, `no issue contains ${fragments.join(' + ')}; issues: ${err.issues.join(' | ')}`);
      return true;
    },
  );
}

test('every shipped pack validates', () => {
  for (const { origin, raw } of raws) assert.doesNotThrow(() => validatePack(raw, origin), origin);
});

test('a pack that is not an object is refused', () => refused([], '(root)', 'JSON object'));

test('a misspelt key is refused rather than ignored', () => {
  const p = provider();
  firstRule(p).wehn = firstRule(p).when;
  refused(p, 'rules[0].wehn', 'unexpected key');
});

test('an unknown fact is refused with its path', () => {
  const p = provider();
  firstRule(p).when = { fact: 'instrumnt', eq: 'subpoena' };
  refused(p, 'rules[0].when.fact', 'unknown fact "instrumnt"');
});

test('a value the fact cannot take is refused', () => {
  const p = provider();
  firstRule(p).when = { all: [{ fact: 'instrument', in: ['search_warant'] }] };
  refused(p, 'rules[0].when.all[0].in[0]', '"search_warant" is not one of');
});

test('an unknown country code is refused', () => {
  const p = provider();
  firstRule(p).when = { fact: 'jurisdiction', eq: 'UK' };
  refused(p, 'rules[0].when.eq', 'ISO 3166-1');
});

test('a missing parameter is refused', () => {
  const p = provider();
  delete p.parameters.secrecyYardstick;
  refused(p, '.plus.param', 'unknown parameter "secrecyYardstick"');
});

test('a parameter of the wrong kind is refused', () => {
  const p = provider();
  p.parameters.secrecyYardstick = 12;
  refused(p, 'parameter "secrecyYardstick" must be a duration');
});

test('an unknown flag, route or category is refused', () => {
  const p = provider();
  firstRule(p).effects = [
    { type: 'flag', flag: 'suspicious' },
    { type: 'route', route: 'ignore' },
    { type: 'category', categories: ['metadata'], sufficient: false },
  ];
  refused(p, 'rules[0].effects[0].flag');
  refused(p, 'rules[0].effects[1].route');
  refused(p, 'rules[0].effects[2].categories[0]');
});

test('a target fact outside a target quantifier is refused', () => {
  const p = provider();
  firstRule(p).when = { fact: 'target.customerKind', eq: 'enterprise' };
  refused(p, 'rules[0].when.fact', 'inside anyTarget or allTargets');
});

test('state conditions are refused in the assess stage', () => {
  const p = provider();
  firstRule(p).when = { flagRaised: 'overbroad' };
  refused(p, 'rules[0].when.flagRaised', 'settle or route stage');
});

test('a condition with two operators is refused', () => {
  const p = provider();
  firstRule(p).when = { fact: 'preservationRenewals', gt: 1, lt: 3 };
  refused(p, 'rules[0].when', 'exactly one operator');
});

test('a rule citing an unknown source is refused', () => {
  const p = provider();
  firstRule(p).sources = ['nowhere'];
  refused(p, 'rules[0].sources[0]', 'unknown source "nowhere"');
});

test('duplicate rule ids within a pack are refused', () => {
  const p = provider();
  p.rules[1].id = p.rules[0].id;
  refused(p, 'rules[1].id', 'duplicate rule id');
});

test('a pack without a version is refused', () => {
  const p = provider();
  p.version = 'latest';
  refused(p, 'version', 'semantic version');
});

test('every issue is reported, not only the first', () => {
  const p = provider();
  p.version = '';
  firstRule(p).stage = 'later';
  assert.throws(
    () => validatePack(p, 'broken.json'),
    (e: any) => e.issues.length >= 2,
  );
});

test('two packs may not share a rule id', () => {
  const p = provider();
  const q = provider();
  q.id = 'provider-copy';
  assert.throws(
    () =>
      preparePacks([
        { origin: 'a.json', raw: p },
        { origin: 'b.json', raw: q },
      ]),
    /b\.json is malformed:[\s\S]*also used by a\.json/,
  );
});

test('the loader refuses a directory holding a malformed pack, naming the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'writ-packs-'));
  const p = provider();
  p.rules[0].effects = [{ type: 'notice', mode: 'later' }];
  writeFileSync(join(dir, 'provider.json'), JSON.stringify(p));
  assert.throws(() => loadPacks(dir), /provider\.json is malformed:\n\s+rules\[0\]\.effects\[0\]\.mode/);
});

test('the loader refuses a file that is not JSON', () => {
  const dir = mkdtempSync(join(tmpdir(), 'writ-packs-'));
  writeFileSync(join(dir, 'us-federal.json'), '{ "id": ');
  assert.throws(() => loadPacks(dir), /us-federal\.json is malformed:\n\s+\(file\): not valid JSON/);
});

test('routeProposed takes a list of known routes only', () => {
  const p = provider();
  const rule = p.rules.find((r: any) => r.id === 'provider.route.nothing_sufficient');
  rule.when = { routeProposed: ['reject', 'refuse'] };
  refused(p, 'routeProposed[1]', 'unknown route "refuse"');
});

test('a day comparison may be read in a time-zone fact, and only in one', () => {
  const p = provider();
  firstRule(p).when = {
    fact: 'receivedAt',
    after: { fact: 'issuedAt' },
    granularity: 'day',
    timeZone: 'jurisdiction',
  };
  refused(p, 'timeZone', 'is not a time-zone fact');
  firstRule(p).when = { fact: 'receivedAt', after: { fact: 'issuedAt' }, timeZone: 'issuingTimeZone' };
  refused(p, 'timeZone', 'only allowed with "granularity": "day"');
});
