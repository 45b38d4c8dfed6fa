/**
 * Every track's transition table, row by row: each listed move lands where the table says, every
 * move not listed is refused with a message that names what is allowed.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../../src/domain/errors.ts';
import { allowedActions, target, transition, type Track } from '../../src/domain/state-machine.ts';
import {
  CHALLENGE_TRACK,
  CLOSING_DISPOSITIONS,
  MATTER_STATES,
  MATTER_TRACK,
  NOTICE_TRACK,
  PRESERVATION_TRACK,
} from '../../src/domain/matter-state.ts';
import { DISPOSITIONS } from '../../src/domain/vocabulary.ts';

const TRACKS: Track<string, string>[] = [MATTER_TRACK, NOTICE_TRACK, CHALLENGE_TRACK, PRESERVATION_TRACK];

for (const track of TRACKS) {
  describe(`${track.name} track`, () => {
    for (const row of track.rows) {
      test(`${row.from} --${row.action}--> ${row.to}`, () => {
        assert.equal(transition(track, row.from, row.action), row.to);
      });
    }
    test('every move not in the table is refused', () => {
      let refused = 0;
      for (const from of track.states) {
        for (const action of track.actions) {
          if (target(track, from, action) !== undefined) continue;
          assert.throws(
            () => transition(track, from, action),
            (e: unknown) => e instanceof DomainError && e.code === 'illegal_transition' && e.message.includes(from),
          );
          refused++;
        }
      }
      assert.ok(refused > 0);
    });
    test('rows name only known states and actions, and no (from, action) twice', () => {
      const seen = new Set<string>();
      for (const r of track.rows) {
        assert.ok(track.states.includes(r.from) && track.states.includes(r.to), `${r.from} or ${r.to}`);
        assert.ok(track.actions.includes(r.action), r.action);
        const k = `${r.from}/${r.action}`;
        assert.ok(!seen.has(k), `duplicate row ${k}`);
        seen.add(k);
      }
    });
  });
}

describe('the matter track', () => {
  test('the path of a compelled disclosure: received → … → closed', () => {
    let s = MATTER_TRACK.rows[0]!.from as string;
    for (const a of ['begin_review', 'accept', 'approve', 'produce', 'close'] as const)
      s = transition(MATTER_TRACK, s as never, a);
    assert.equal(s, 'closed');
  });
  test('closed is final', () => {
    assert.deepEqual(allowedActions(MATTER_TRACK, 'closed'), []);
    assert.throws(() => transition(MATTER_TRACK, 'closed', 'reopen'), /no action is allowed here/);
  });
  test('the refusal names the allowed actions', () => {
    assert.throws(
      () => transition(MATTER_TRACK, 'legal_review', 'produce'),
      /allowed here: reject, redirect, accept, close/,
    );
  });
  test('every open state can close, with at least one disposition', () => {
    for (const s of MATTER_STATES.filter((x) => x !== 'closed')) {
      assert.equal(target(MATTER_TRACK, s, 'close'), 'closed', s);
      assert.ok(CLOSING_DISPOSITIONS[s].length > 0, s);
    }
  });
  test('every disposition is reachable, and disclosure only after production', () => {
    const reachable = new Set(Object.values(CLOSING_DISPOSITIONS).flat());
    assert.deepEqual([...reachable].sort(), [...DISPOSITIONS].sort());
    for (const [state, ds] of Object.entries(CLOSING_DISPOSITIONS)) {
      if (state !== 'produced')
        assert.ok(!ds.includes('content_disclosed') && !ds.includes('non_content_disclosed'), state);
    }
  });
});

describe('side tracks', () => {
  test('a preservation is extended once only', () => {
    const once = transition(PRESERVATION_TRACK, 'active', 'extend');
    assert.equal(once, 'extended');
    assert.throws(() => transition(PRESERVATION_TRACK, once, 'extend'), DomainError);
  });
  test('a sent notice cannot be held again', () => {
    assert.throws(() => transition(NOTICE_TRACK, 'sent', 'hold'), DomainError);
  });
  test('a vacated order cannot be re-challenged, an upheld one can', () => {
    assert.throws(() => transition(CHALLENGE_TRACK, 'vacated', 'flag'), DomainError);
    assert.equal(transition(CHALLENGE_TRACK, 'upheld', 'flag'), 'flagged');
  });
});
