/**
 * Who made a demand, in records written before and after it was recorded: an event without
 * `requesterKind` keeps the leaf it was given, and the database's rows and the ledger's leaves read
 * its absence by the same rule (a civil subpoena is a private party's, anything else a
 * government's).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReportDimensionsKey, reportDimensionsKey } from '../../src/domain/report-facts.ts';
import { reportView } from '../../src/ledger/leaf.ts';
import { encodeLeafV2Text, checkedLeafV2 } from '../../src/ledger/leaf-v2.ts';
import { parsePeriod } from '../../src/reports/period.ts';
import { LeafFacts, MalformedReportLeaf } from '../../src/reports/rows-from-leaves.ts';

const secret = new Uint8Array(32).fill(7);

/** A demand.received payload as intake wrote it before it recorded the requester kind. */
const before = (instrument: string) => ({
  instrument,
  jurisdiction: 'US',
  channel: 'email',
  agencyId: '6f1c0a53-3f5f-4d0c-9a11-0d6c2b1f9e01',
  dataCategories: ['subscriber'],
  targetCount: 1,
  customerIds: ['0b8f7b6e-98a4-4d39-8d4b-3c1f1c7e2a10'],
  emergency: false,
  secrecyOrder: false,
  receivedOn: '2026-03-02',
  enterpriseTargets: 0,
  extraterritorial: false,
  secrecyTerm: null,
  noticePlan: 'at_once',
});

const leafOf = (seq: number, payload: Record<string, unknown>, type = 'demand.received') => {
  const text = encodeLeafV2Text(
    seq,
    { demandId: null, type, payload, actor: 'staff:x', time: '2026-03-02T09:00:00.000Z' },
    secret,
    false,
  );
  return checkedLeafV2(JSON.parse(text) as Record<string, unknown>, Buffer.byteLength(text));
};

test('an event written without the requester kind keeps its record as written', () => {
  const leaf = leafOf(0, before('civil_subpoena'));
  const { agencyId: _a, channel: _c, customerIds: _i, secrecyOrder: _s, ...record } = before('civil_subpoena');
  assert.deepEqual(leaf.r, { event: 'demand.received', ...record }, 'no field it did not carry');
  const now = leafOf(1, { ...before('civil_subpoena'), requesterKind: 'government' });
  assert.equal(now.r?.requesterKind, 'government', 'a new event shows it');
});

test('leaves and database rows read a missing kind by the same rule', () => {
  const facts = new LeafFacts(parsePeriod('2026-H1'), []);
  facts.add(reportView(leafOf(0, before('civil_subpoena'))));
  facts.add(reportView(leafOf(1, before('subpoena'))));
  facts.add(reportView(leafOf(2, { ...before('civil_subpoena'), requesterKind: 'government' })));
  facts.add(
    reportView(
      leafOf(
        3,
        {
          from: 'legal_review',
          disposition: 'no_data_found',
          note: null,
          receivedOn: '2026-03-02',
          instrument: 'civil_subpoena',
          jurisdiction: 'US',
          dataCategories: ['subscriber'],
          emergency: false,
          enterpriseTargets: 0,
          accountsAffected: 0,
        },
        'demand.closed',
      ),
    ),
  );
  const kinds = facts
    .result()
    .rows.map((r) =>
      r.kind === 'challenge' || r.kind === 'notice' ? '' : `${r.kind} ${r.instrument} ${r.requesterKind}`,
    )
    .sort();
  assert.deepEqual(kinds, [
    'closed civil_subpoena private',
    'received civil_subpoena government',
    'received civil_subpoena private',
    'received subpoena government',
  ]);

  // A demand row's key written before the kind (eight elements) reads the same way.
  const dims = parseReportDimensionsKey(
    reportDimensionsKey({ ...parseKey('civil_subpoena'), requesterKind: 'private' }),
  );
  assert.equal(dims.requesterKind, 'private');
  assert.equal(parseKey('civil_subpoena').requesterKind, 'private');
  assert.equal(parseKey('subpoena').requesterKind, 'government');
});

/** The dimensions of an eight-element key, as intake and migration 0009 wrote it before. */
function parseKey(instrument: string) {
  return parseReportDimensionsKey(
    JSON.stringify(['US', instrument, ['subscriber'], false, false, false, null, 'at_once']),
  );
}

test('a kind outside the vocabulary is a malformed leaf, not a default', () => {
  const facts = new LeafFacts(parsePeriod('2026-H1'), []);
  assert.throws(
    () => facts.add(reportView(leafOf(0, { ...before('subpoena'), requesterKind: 'corporate' }))),
    MalformedReportLeaf,
  );
});
