/**
 * What a public leaf (format 2) shows and what it hides: one shape and one size for every leaf
 * without a report record, report records in clear, no time; every other fact only inside the
 * per-field commitments; national-security events only in sealed slots on a fixed schedule. The
 * adversary tries the known attacks on the public leaves (field names, sizes, times, hashes) and
 * cannot tell a log with national-security demands from one without. A customer given its proof
 * opens its own fields and cannot test a guess about a field it may not see.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { LedgerError } from '../../src/ledger/index.ts';
import {
  type LedgerLeaf,
  buildLeaf,
  encodeLeaf,
  leafBytes,
  leafSource,
  opensCommitment,
  parseLeaf,
} from '../../src/ledger/leaf.ts';
import {
  LEAF_V2_BLOCK,
  type LedgerLeafV2,
  checkOpenings,
  eventFields,
  fieldCommitments,
  fieldSalt,
} from '../../src/ledger/leaf-v2.ts';
import { fillSealedSlots } from '../../src/workflow/fill-sealed-slots.ts';
import { sequenceLedger } from '../../src/workflow/sequence-ledger.ts';
import { verifyLedger } from '../../src/workflow/verify-ledger.ts';
import { acceptDemand } from '../../src/workflow/accept-demand.ts';
import { closeDemand } from '../../src/workflow/close-demand.ts';
import { STAFF } from '../support/factories.ts';
import {
  SECRET_NOTE,
  SECRET_REASON,
  OVERRIDE_REASON,
  ledgerFixture,
  makeActivity,
  receive,
  type LedgerFixture,
} from './support/ledger-fixtures.ts';

interface LeafRow {
  idx: string;
  leaf: Buffer;
  salt: Buffer;
  type: string;
  demand_id: string | null;
  payload: unknown;
  actor: string;
  occurred_at: Date;
}

async function leafRows(f: LedgerFixture): Promise<(LeafRow & { parsed: LedgerLeafV2; text: string })[]> {
  const { rows } = await sql<LeafRow>`
    select l.idx, l.leaf, s.salt, e.type, e.demand_id, e.payload, e.actor, e.occurred_at
    from ledger_leaves l join ledger_salts s using (event_id) join events e on e.id = l.event_id order by l.idx`.execute(
    f.db,
  );
  return rows.map((r) => ({ ...r, parsed: parseLeaf(r.leaf) as LedgerLeafV2, text: r.leaf.toString('utf8') }));
}

const SCHEDULE = { windowMs: 600_000, slots: 8 };
const T0 = Date.parse('2026-11-02T09:00:00Z');

/** The same ordinary activity in every world; `nsDemands` national-security demands on top, each accepted and closed. */
async function world(nsDemands: number): Promise<LedgerFixture> {
  const f = await ledgerFixture();
  await makeActivity(f, 2);
  await sequenceLedger(f.db);
  await fillSealedSlots(f.db, new Date(T0), SCHEDULE);
  for (let i = 0; i < nsDemands; i++) {
    const d = await receive(f, {
      instrument: i % 2 === 0 ? 'national_security_letter' : 'fisa_order',
      caseNumber: `NS-${i}`,
      issuingCourt: undefined,
      dataCategories: ['subscriber'],
    });
    await acceptDemand(f.ctx, { demand: d.id, actor: STAFF, note: SECRET_NOTE, overrideReason: OVERRIDE_REASON });
    await closeDemand(f.ctx, { demand: d.id, actor: STAFF, disposition: 'no_data_found', note: SECRET_NOTE });
  }
  await receive(f, { caseNumber: 'AFTER-1' });
  await sequenceLedger(f.db);
  // Two more windows pass: the schedule, not the events, decides how many slot leaves there are.
  await fillSealedSlots(f.db, new Date(T0 + 2 * SCHEDULE.windowMs), SCHEDULE);
  return f;
}

/** Everything an adversary can read off a public leaf except its commitment (which is a fresh hash). */
function publicShape(text: string): string {
  const v = JSON.parse(text) as Record<string, unknown>;
  return JSON.stringify({ size: Buffer.byteLength(text), keys: Object.keys(v), r: v.r, seq: v.seq });
}

let none: LedgerFixture;
let some: LedgerFixture;

before(async () => {
  none = await world(0);
  some = await world(4);
});
after(async () => {
  await none.t.drop();
  await some.t.drop();
});

describe('public leaves (format 2)', () => {
  test('every leaf has the same members; every leaf without a record is one block; none shows a time', async () => {
    for (const r of await leafRows(some)) {
      assert.deepEqual(Object.keys(JSON.parse(r.text) as object), ['c', 'pad', 'r', 'seq', 'v']);
      assert.equal(r.leaf.length % LEAF_V2_BLOCK, 0, `leaf ${r.idx} is padded to whole blocks`);
      if (r.parsed.r === null) assert.equal(r.leaf.length, LEAF_V2_BLOCK, `leaf ${r.idx}`);
      assert.doesNotMatch(r.text, /T\d\d:\d\d/, `leaf ${r.idx} carries no time of day`);
      assert.equal(r.parsed.seq, Number(r.idx));
    }
  });

  test('no identifier, name, actor, field name or free text of any row appears in any leaf', async () => {
    const f = some;
    const secrets = new Set<string>([
      SECRET_NOTE,
      SECRET_REASON,
      OVERRIDE_REASON,
      'payload.',
      'note',
      'actor',
      'demandId',
    ]);
    const collect = async (q: ReturnType<typeof sql<{ v: string | null }>>) => {
      for (const r of (await q.execute(f.db)).rows) if (r.v) secrets.add(r.v);
    };
    await collect(
      sql`select id::text as v from demands union all select reference from demands union all select case_number from demands`,
    );
    await collect(sql`select id::text as v from customers union all select name from customers`);
    await collect(sql`select id::text as v from agencies union all select name from agencies`);
    await collect(sql`select value as v from demand_targets union all select id::text from accounts`);
    await collect(sql`select distinct actor as v from events`);
    const rows = await leafRows(f);
    assert.ok(rows.length > 30);
    const leaks = rows.flatMap((r) =>
      [...secrets].filter((s) => s.length >= 4 && r.text.includes(s)).map((s) => `leaf ${r.idx}: ${s}`),
    );
    assert.deepEqual(leaks, []);
    assert.ok(!rows.some((r) => /national_security|fisa/.test(r.text)), 'no leaf names national-security process');
  });

  test('a report record holds what the report counts, and no other event has one', async () => {
    const rows = await leafRows(some);
    const withRecord = rows.filter((r) => r.parsed.r !== null);
    assert.deepEqual(
      [...new Set(withRecord.map((r) => r.type))].sort(),
      ['agency.created', 'demand.closed', 'demand.received'],
      'in this log only the directory’s agencies, intakes and closings are counted',
    );
    const received = withRecord.find((r) => r.type === 'demand.received')!;
    assert.equal(received.parsed.r!.event, 'demand.received');
    assert.equal(received.parsed.r!.instrument, 'search_warrant');
    assert.match(String(received.parsed.r!.receivedOn), /^\d{4}-\d\d-\d\d$/);
    assert.equal(received.parsed.r!.channel, undefined, 'the channel is not a report figure');
    const sealed = rows.filter((r) => r.demand_id !== null && /NS-/.test(JSON.stringify(r.payload)));
    assert.ok(rows.filter((r) => r.type === 'demand.received').length >= 7);
    for (const r of sealed) assert.equal(r.parsed.r, null);
  });

  test('adversary: a log with four national-security demands reads exactly like one with none', async () => {
    const a = await leafRows(none);
    const b = await leafRows(some);
    // Field names, sizes, records, order and count: everything but the commitments is the same.
    assert.deepEqual(
      b.map((r) => publicShape(r.text)),
      a.map((r) => publicShape(r.text)),
    );
    // The sealed events really are in the second log, inside slots.
    const nsEvents = b.filter((r) => ['national_security_letter', 'fisa_order'].includes(instrumentOf(r.payload)));
    assert.ok(nsEvents.length >= 4, 'the intakes of the national-security demands are logged');
    // Commitments: all distinct, and none is a hash an adversary could make from a guessed field
    // without the secret (the type of a sealed event hashed plainly or with an empty or zero salt).
    const cs = b.map((r) => r.parsed.c);
    assert.equal(new Set(cs).size, cs.length);
    for (const r of b.filter((x) => x.parsed.r === null)) {
      for (const guess of ['demand.received', 'demand.closed', 'ledger.padding']) {
        for (const salt of [Buffer.alloc(0), Buffer.alloc(32)]) {
          const h = createHash('sha256')
            .update(salt)
            .update(JSON.stringify(['type', guess]))
            .digest('base64');
          assert.notEqual(r.parsed.c, h);
        }
      }
    }
    // Counting leaves without a record per window gives the same figure in both worlds.
    const nulls = (rows: typeof a) => rows.filter((r) => r.parsed.r === null).length;
    assert.equal(nulls(b), nulls(a));
  });

  test('national-security events that do not fit a window wait for the next; the count per window is fixed', async () => {
    const { rows } = await sql<{ slots: number; sealed: number }>`
      select slots, sealed from ledger_slot_windows order by window_start`.execute(some.db);
    assert.deepEqual(
      rows.map((r) => r.slots),
      [8, 8, 8],
    );
    const logged = rows.reduce((n, r) => n + r.sealed, 0);
    const { rows: waiting } = await sql<{ n: string }>`select count(*) as n from ledger_pending`.execute(some.db);
    assert.ok(rows[1]!.sealed === 8, 'the first window after the demands is full');
    assert.equal(logged + Number(waiting[0]!.n) >= 12, true, 'four demands of three events each are logged or wait');
  });

  test('every stored leaf recomputes from its event row and secret', async () => {
    const report = await verifyLedger(some.db, { verifiers: [some.signing.verifier], origin: some.signing.origin });
    assert.ok(report.ok, JSON.stringify(report.failures));
  });
});

function instrumentOf(payload: unknown): string {
  return String((payload as { instrument?: unknown }).instrument ?? '');
}

describe('per-field commitments', () => {
  test('a field salt opens exactly its field: not another field, not another element', async () => {
    const r = (await leafRows(some)).find(
      (x) => x.type === 'demand.received' && Array.isArray((x.payload as { customerIds?: unknown }).customerIds),
    )!;
    const event = {
      demandId: r.demand_id,
      type: r.type,
      payload: r.payload,
      actor: r.actor,
      occurredAt: r.occurred_at,
    };
    const src = leafSource(event);
    const commitments = fieldCommitments(src, r.salt);
    const customers = (r.payload as { customerIds: string[] }).customerIds;
    const own = customers[0]!;
    const saltOwn = fieldSalt(r.salt, 'payload.customerIds', 0);
    const open = (name: string, value: unknown, salt: Uint8Array) =>
      checkOpenings(r.parsed, commitments, [{ name, value, salt }]);
    assert.ok(open('payload.customerIds', own, saltOwn), 'the customer finds itself');
    assert.ok(
      !open('payload.customerIds', '00000000-0000-4000-8000-000000000000', saltOwn),
      'another id does not open',
    );
    // The customer's salts do not test guesses about fields it may not see.
    const actual = eventFields(src);
    const actor = actual.find((x) => x.name === 'actor')!.value;
    for (const salt of [saltOwn, fieldSalt(r.salt, 'demandId', null), fieldSalt(r.salt, 'type', null)]) {
      assert.ok(!open('actor', actor, salt), 'the right actor under a salt the customer holds does not open');
      for (const other of customers.slice(1)) assert.ok(!open('payload.customerIds', other, salt));
    }
    assert.ok(open('actor', actor, fieldSalt(r.salt, 'actor', null)), 'only the actor’s own salt opens it');
    // Tampered commitments no longer make the leaf's c.
    const bad = commitments.map((c, i) => (i === 0 ? new Uint8Array(32) : c));
    assert.ok(!checkOpenings(r.parsed, bad, []));
  });
});

describe('leaf format 1 (old leaves, still verified as written)', () => {
  const salt = new Uint8Array(32).fill(1);
  const event = {
    demandId: 'd-1',
    type: 'demand.approved',
    payload: { approvers: ['b', 'a'] },
    actor: 'staff:x',
    occurredAt: new Date('2026-11-02T09:00:00Z'),
  };

  test('is a pure function of seq, event, salt and sealing, in canonical form', () => {
    const a = encodeLeaf(3, event, salt, false, 1);
    assert.deepEqual(a, encodeLeaf(3, { ...event }, new Uint8Array(32).fill(1), false, 1));
    assert.notDeepEqual(a, encodeLeaf(4, event, salt, false, 1), 'seq is bound');
    assert.notDeepEqual(a, encodeLeaf(3, event, salt, true, 1), 'sealing is bound');
    assert.deepEqual(parseLeaf(a), buildLeaf(3, event, salt, false));
    assert.deepEqual(leafBytes(parseLeaf(a) as LedgerLeaf), a);
    assert.ok(opensCommitment(buildLeaf(3, event, salt, false), salt, 'payload.approvers', 'a'));
  });

  test('parsing refuses leaves that are not canonical or not well formed, in either format', () => {
    const v1 = Buffer.from(encodeLeaf(0, event, salt, false, 1)).toString('utf8');
    const v2 = Buffer.from(encodeLeaf(0, event, salt, false, 2)).toString('utf8');
    for (const bad of [
      ` ${v1}`,
      v1.replace('"seq":0', '"seq":-1'),
      v1.replace('"v":1', '"v":3'),
      v2.replace('"pad":" ', '"pad":"'),
      v2.replace('"r":null', '"r":7   '),
      '{"v":1}',
      '[1]',
      'nope',
    ]) {
      assert.throws(() => parseLeaf(Buffer.from(bad, 'utf8')), LedgerError, bad.slice(0, 40));
    }
    assert.throws(() => buildLeaf(0, event, new Uint8Array(16), false), LedgerError, 'a short salt is refused');
  });
});
