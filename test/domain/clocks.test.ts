/**
 * The deadline computations by regime (src/domain/clocks.ts): emergencies in hours, the EU
 * orders' 10 days / 8 hours (Reg. (EU) 2023/1543, Art. 10), the enforcing state's review window
 * (Art. 12), preservation ends, secrecy-order ends, notice release dates, the CLOUD Act 14-day
 * motion window, and the next deadline the queue sorts by. The deadlines a pack fixes are given
 * here as the decision records them; test/http/case-handling.test.ts checks them end to end from
 * the real packs.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FLAG_CODES } from '../../src/policy/codes.ts';
import { FLAG_LABELS } from '../../src/domain/plain-words.ts';
import {
  EMERGENCY_RESPONSE_HOURS,
  clocksOf,
  nextDeadlineOf,
  type ClockFacts,
  type DeadlineFact,
} from '../../src/domain/clocks.ts';
import { deadlineFacts } from '../../src/domain/decision-facts.ts';

const RECEIVED = '2026-11-02T09:00:00.000Z';
const base: ClockFacts = {
  instrument: 'search_warrant',
  state: 'legal_review',
  receivedAt: RECEIVED,
  emergency: null,
  responseDeadline: null,
  secrecyOrder: null,
  noticeState: 'pending',
  noticeHeldUntil: null,
  challengeState: 'none',
  preservationState: 'none',
  preservedUntil: null,
};
const at = (s: string) => new Date(s);
const HOUR = 3_600_000;
const plus = (ms: number) => new Date(Date.parse(RECEIVED) + ms).toISOString();
const kinds = (f: ClockFacts, d: DeadlineFact[] = [], now = at(RECEIVED)) => clocksOf(f, d, now);

describe('emergencies count in hours', () => {
  test('an emergency request outside a regime: answer within the provider’s hours, running then overdue, met once decided', () => {
    const f: ClockFacts = { ...base, instrument: 'emergency_request', emergency: { description: 'danger' } };
    const [c] = kinds(f).filter((x) => x.kind === 'emergency_response');
    assert.ok(c);
    assert.equal(c.dueAt, plus(EMERGENCY_RESPONSE_HOURS * HOUR));
    assert.equal(c.hours, true);
    assert.equal(c.state, 'running');
    assert.equal(
      kinds(f, [], new Date(Date.parse(c.dueAt) + 1)).find((x) => x.kind === 'emergency_response')!.state,
      'overdue',
    );
    assert.equal(
      kinds({ ...f, state: 'awaiting_disclosure' }).find((x) => x.kind === 'emergency_response')!.state,
      'met',
    );
    assert.equal(nextDeadlineOf(kinds(f))!.kind, 'emergency_response');
  });

  test('an EU emergency order: 8 hours (Art. 10(4)), no second emergency clock', () => {
    const f: ClockFacts = { ...base, instrument: 'european_production_order', emergency: { description: 'attack' } };
    const d = [{ kind: 'response', at: plus(8 * HOUR), citation: 'Regulation (EU) 2023/1543, Art. 10(4)' }];
    const cs = kinds(f, d);
    assert.deepEqual(
      cs.map((c) => [c.kind, c.dueAt, c.hours]),
      [['eu_emergency_8h', plus(8 * HOUR), true]],
    );
  });
});

describe('EU orders: 10 days, and the enforcing state’s review window', () => {
  test('a European Production Order: transmit within 10 days; the 10-day review window is a window, not the next deadline', () => {
    const f: ClockFacts = { ...base, instrument: 'european_production_order' };
    const d = [
      {
        kind: 'transmit_not_before',
        at: plus(240 * HOUR),
        citation: 'Regulation (EU) 2023/1543, Arts. 8(4), 10(2), 12(1)',
      },
      { kind: 'response', at: plus(240 * HOUR), citation: 'Regulation (EU) 2023/1543, Art. 10(2)-(3)' },
    ];
    const cs = kinds(f, d);
    const production = cs.find((c) => c.kind === 'eu_production_10d')!;
    const review = cs.find((c) => c.kind === 'eu_enforcing_review')!;
    assert.equal(production.dueAt, '2026-11-12T09:00:00.000Z');
    assert.equal(production.hours, false);
    assert.equal(review.window, true);
    assert.equal(review.state, 'running');
    assert.equal(nextDeadlineOf(cs)!.kind, 'eu_production_10d');
    // After the window the review is over (met); the production clock is overdue until produced.
    const later = kinds(f, d, at('2026-11-13T00:00:00Z'));
    assert.equal(later.find((c) => c.kind === 'eu_enforcing_review')!.state, 'met');
    assert.equal(later.find((c) => c.kind === 'eu_production_10d')!.state, 'overdue');
    assert.equal(kinds({ ...f, state: 'produced' }, d).find((c) => c.kind === 'eu_production_10d')!.state, 'met');
    assert.equal(kinds({ ...f, state: 'rejected' }, d).find((c) => c.kind === 'eu_production_10d')!.state, 'stopped');
  });

  test('an emergency EPO’s 96-hour review window runs beside the 8 hours', () => {
    const f: ClockFacts = { ...base, instrument: 'european_production_order', emergency: { description: 'x' } };
    const d = [
      { kind: 'response', at: plus(8 * HOUR), citation: 'Art. 10(4)' },
      { kind: 'enforcing_review_ends', at: plus(96 * HOUR), citation: 'Arts. 8(4), 10(4), 12(1)' },
    ];
    const cs = kinds(f, d);
    assert.deepEqual(
      cs.map((c) => c.kind),
      ['eu_emergency_8h', 'eu_enforcing_review'],
    );
    assert.equal(cs[1]!.dueAt, plus(96 * HOUR));
  });
});

describe('preservation, secrecy orders and held notices', () => {
  test('a preservation ends on its date (the decision’s citation), met once released', () => {
    const f: ClockFacts = {
      ...base,
      instrument: 'european_preservation_order',
      preservationState: 'active',
      preservedUntil: plus(60 * 24 * HOUR),
    };
    const d = deadlineFacts({ preservation: { until: plus(60 * 24 * HOUR), citation: 'Reg. 2023/1543, Art. 11(1)' } });
    const c = kinds(f, d).find((x) => x.kind === 'preservation_end')!;
    assert.equal(c.dueAt, '2027-01-01T09:00:00.000Z');
    assert.equal(c.basis, 'Reg. 2023/1543, Art. 11(1)');
    assert.equal(
      kinds({ ...f, preservationState: 'released' }, d).find((x) => x.kind === 'preservation_end')!.state,
      'met',
    );
  });

  test('a secrecy order’s end is a window; the held notice’s release is an obligation; a vacated order stops the window', () => {
    const f: ClockFacts = {
      ...base,
      secrecyOrder: {
        legalBasis: '18 U.S.C. 2705(b)',
        issuedAt: RECEIVED,
        expiresAt: '2027-05-01T00:00:00.000Z',
        individualizedFindings: true,
      },
      noticeState: 'held',
      noticeHeldUntil: '2027-05-01T00:00:00.000Z',
    };
    const cs = kinds(f);
    assert.deepEqual(
      cs.map((c) => [c.kind, c.state, c.window]),
      [
        ['secrecy_order_end', 'running', true],
        ['notice_release', 'running', false],
      ],
    );
    assert.equal(nextDeadlineOf(cs)!.kind, 'notice_release');
    // The release passes while the notice is still held: overdue (the timer did not run).
    assert.equal(kinds(f, [], at('2027-05-02T00:00:00Z')).find((c) => c.kind === 'notice_release')!.state, 'overdue');
    // Released (pending delivery, or sent): met, and no longer the next deadline.
    const released = kinds({ ...f, noticeState: 'pending' }, [], at('2027-05-02T00:00:00Z'));
    assert.equal(released.find((c) => c.kind === 'notice_release')!.state, 'met');
    assert.equal(nextDeadlineOf(released), null);
    assert.equal(
      kinds({ ...f, challengeState: 'vacated' }).find((c) => c.kind === 'secrecy_order_end')!.state,
      'stopped',
    );
    // An order "until further order" has no end clock.
    assert.ok(
      !kinds({ ...f, secrecyOrder: { ...f.secrecyOrder!, expiresAt: null } }).some(
        (c) => c.kind === 'secrecy_order_end',
      ),
    );
  });
});

describe('the CLOUD Act 14-day motion window and the instrument’s own date', () => {
  test('the motion window runs while counsel decides, and stops once the demand is accepted', () => {
    const d = [{ kind: 'motion_to_quash', at: plus(14 * 24 * HOUR), citation: '18 U.S.C. 2703(h)(2)' }];
    const c = kinds(base, d).find((x) => x.kind === 'cloud_act_motion')!;
    assert.equal(c.dueAt, '2026-11-16T09:00:00.000Z');
    assert.equal(c.state, 'running');
    assert.equal(
      kinds({ ...base, state: 'awaiting_disclosure' }, d).find((x) => x.kind === 'cloud_act_motion')!.state,
      'stopped',
    );
  });

  test('a redirected demand still owes its answer by the instrument’s date (it shows in the queue)', () => {
    const f: ClockFacts = { ...base, state: 'redirected', responseDeadline: plus(3 * 24 * HOUR) };
    const next = nextDeadlineOf(kinds(f));
    assert.deepEqual(next && [next.kind, next.dueAt, next.state], ['response_due', plus(3 * 24 * HOUR), 'running']);
    assert.equal(nextDeadlineOf(kinds({ ...f, state: 'closed' })), null);
  });

  test('the soonest pending obligation is next: an emergency in hours before a 10-day order', () => {
    const emergency = nextDeadlineOf(
      kinds({ ...base, instrument: 'emergency_request', emergency: { description: 'x' } }),
    )!;
    const epo = nextDeadlineOf(
      kinds({ ...base, instrument: 'european_production_order' }, [
        { kind: 'response', at: plus(240 * HOUR), citation: 'Art. 10(2)' },
      ]),
    )!;
    assert.ok(Date.parse(emergency.dueAt) < Date.parse(epo.dueAt));
  });
});

test('every flag the engine can raise has a label in plain words', () => {
  assert.deepEqual(
    FLAG_CODES.filter((c) => !FLAG_LABELS[c]),
    [],
  );
});
