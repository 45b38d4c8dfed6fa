/** Calendar arithmetic used for every deadline and period. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDuration, describeDuration, isInstant, parseInstant, startOfUtcDay, toIso } from '../../src/policy/time.ts';

const at = (iso: string) => parseInstant(iso);

test('a year from 29 February ends on 28 February', () => {
  assert.equal(toIso(addDuration(at('2028-02-29T10:00:00Z'), { months: 12 })), '2029-02-28T10:00:00.000Z');
});
test('a month from 31 January ends on the last day of February', () => {
  assert.equal(toIso(addDuration(at('2027-01-31T00:00:00Z'), { months: 1 })), '2027-02-28T00:00:00.000Z');
});
test('days and hours add up in UTC, across a DST change elsewhere', () => {
  assert.equal(toIso(addDuration(at('2026-10-24T12:00:00Z'), { days: 2, hours: 8 })), '2026-10-26T20:00:00.000Z');
});
test('offsets are honoured', () => {
  assert.equal(toIso(at('2026-10-01T02:00:00+02:00')), '2026-10-01T00:00:00.000Z');
});
test('start of day is midnight UTC', () => {
  assert.equal(toIso(startOfUtcDay(at('2026-10-01T23:59:59Z'))), '2026-10-01T00:00:00.000Z');
});
test('ISO timestamps parse to the same instant as the runtime parser gives', () => {
  for (const iso of [
    '2026-10-01T02:00:00+02:00',
    '2026-10-01T02:00:00.5Z',
    '2026-10-01T02:00:00.123456789Z',
    '2026-10-01T02:00-05:30',
    '2026-10-01',
    '2028-02-29T10:00:00Z',
  ]) {
    assert.equal(parseInstant(iso), Date.parse(iso), iso);
  }
});
test('anything else is not an instant', () => {
  const bad = [
    'Oct 1, 2026',
    '2026-02-30T00:00:00Z',
    '2027-02-29',
    '2026-10-01T24:00:00Z',
    '2026-10-01T02:00:00',
    '2026-10-01T02:00:00.Z',
    '2026-10-01T02:00:00+0200',
    '2026-10-01 02:00:00Z',
    '2026-10-01T02:00:00ZZ',
  ];
  for (const iso of bad) assert.equal(isInstant(iso), false, iso);
  assert.equal(isInstant('2026-10-01T00:00:00Z'), true);
});
test('periods read as words', () => {
  assert.equal(describeDuration({ days: 1 }), '1 day');
  assert.equal(describeDuration({ months: 12, hours: 8 }), '12 months and 8 hours');
});
