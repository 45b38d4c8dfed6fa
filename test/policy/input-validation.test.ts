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

test('an unknown time zone is refused', () =>
  refused(us({ issuingTimeZone: 'Pacific/Atlantis' }), 'issuingTimeZone: must be an IANA time zone'));
test('an unknown requester kind is refused', () =>
  refused(us({ requesterKind: 'corporate' as never }), 'requesterKind: must be one of government, private'));
test('a target location that is no country is refused', () =>
  refused(us({ target: { locatedIn: 'XX' } }), 'targets[0].locatedIn'));
test('a preservation that started after this request arrived is refused', () =>
  refused(
    us({ instrument: 'preservation_request', preservationRenewals: 1, preservationStartedAt: '2026-09-04T00:00:00Z' }),
    'preservationStartedAt: must not be after receivedAt',
  ));
test('a first request cannot extend an earlier preservation', () =>
  refused(
    us({ instrument: 'preservation_request', preservationStartedAt: '2026-06-01T00:00:00Z' }),
    'preservationStartedAt: only a renewal',
  ));
test('an unknown Annex III ground is refused', () =>
  refused(us({ eu: { inability: 'bored' as never } }), 'eu.inability'));
test('a non-boolean certification is refused', () =>
  refused(us({ nondisclosureCertified: 'yes' as never }), 'nondisclosureCertified: must be true or false or null'));
test('the decision records who made the demand', () => {
  assert.equal(evaluate(us(), packs).requesterKind, 'government');
  assert.equal(
    evaluate(us({ requesterKind: 'private', instrument: 'civil_subpoena' }), packs).requesterKind,
    'private',
  );
  assert.equal(
    evaluate(us({ instrument: 'civil_subpoena', issuingAuthority: { kind: 'civil_litigant' } }), packs).requesterKind,
    'private',
  );
});
test('days in a time zone: a warrant issued late on day 0 Pacific counts from that Pacific day', () => {
  // Issued 20:30 Pacific on 1 Sep (03:30 UTC on 2 Sep); served 23:30 Pacific on 15 Sep: day 14, in time.
  const base = { issuedAt: '2026-09-02T03:30:00Z', now: '2026-09-16T08:00:00Z' };
  const pacific = evaluate(
    us({ ...base, receivedAt: '2026-09-16T06:30:00Z', issuingTimeZone: 'America/Los_Angeles' }),
    packs,
  );
  assert.ok(!pacific.firedRules.includes('us.warrant.federal_execution_period'));
  // The same instants in Eastern time: issued 23:30 on 1 Sep, served 02:30 on 16 Sep, day 15: stale.
  const eastern = evaluate(
    us({ ...base, receivedAt: '2026-09-16T06:30:00Z', issuingTimeZone: 'America/New_York' }),
    packs,
  );
  assert.ok(eastern.firedRules.includes('us.warrant.federal_execution_period'));
});
