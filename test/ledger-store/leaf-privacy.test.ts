/**
 * What a public leaf shows and what it hides: transparency-report facts in clear; ids, names,
 * actors and free text only as salted commitments that a customer given the salt can open for its
 * own id; national-security process sealed; unknown event types publish nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { LedgerError } from '../../src/ledger/index.ts';
import {
  type LedgerLeaf,
  buildLeaf,
  encodeLeaf,
  leafBytes,
  opensCommitment,
  parseLeaf,
} from '../../src/ledger/leaf.ts';
import { sequenceLedger } from '../../src/workflow/sequence-ledger.ts';
import { verifyLedger } from '../../src/workflow/verify-ledger.ts';
import {
  SECRET_NOTE,
  SECRET_REASON,
  ledgerFixture,
  makeActivity,
  receive,
  type LedgerFixture,
} from './support/ledger-fixtures.ts';
import { commitmentOf } from './support/rfc6962.ts';

let f: LedgerFixture;
let both: { id: string; reference: string };
let nsl: { id: string; reference: string };

interface LeafRow {
  idx: string;
  leaf: Buffer;
  salt: Buffer;
  type: string;
  demand_id: string | null;
}

async function leafRows(): Promise<(LeafRow & { parsed: LedgerLeaf; text: string })[]> {
  const { rows } = await sql<LeafRow>`
    select l.idx, l.leaf, s.salt, e.type, e.demand_id
    from ledger_leaves l join ledger_salts s using (event_id) join events e on e.id = l.event_id order by l.idx`.execute(
    f.db,
  );
  return rows.map((r) => ({ ...r, parsed: parseLeaf(r.leaf), text: r.leaf.toString('utf8') }));
}

before(async () => {
  f = await ledgerFixture();
  await makeActivity(f, 2);
  both = await receive(f, {
    caseNumber: 'BOTH-1',
    targets: [
      { kind: 'email', value: 'carol@acme.example' },
      { kind: 'email', value: 'dana@writmail.example' },
    ],
  });
  nsl = await receive(f, {
    instrument: 'national_security_letter',
    caseNumber: 'NSL-1',
    issuingCourt: undefined,
    dataCategories: ['subscriber'],
  });
  await sql`insert into events (type, payload, actor) values ('ledger.test_unknown', '{"secret":"SHOULD-NOT-LEAK","count":3}', 'system:ledger-fixture')`.execute(
    f.db,
  );
  await sequenceLedger(f.db);
});
after(() => f.t.drop());

describe('public leaves', () => {
  test('no identifier, name, actor or free text of any row appears in any leaf', async () => {
    const secrets = new Set<string>([SECRET_NOTE, SECRET_REASON, 'SHOULD-NOT-LEAK']);
    const collect = async (q: ReturnType<typeof sql<{ v: string | null }>>) => {
      for (const r of (await q.execute(f.db)).rows) if (r.v) secrets.add(r.v);
    };
    await collect(
      sql`select id::text as v from demands union all select reference from demands union all select case_number from demands`,
    );
    await collect(sql`select id::text as v from customers union all select name from customers`);
    await collect(sql`select id::text as v from agencies union all select name from agencies`);
    await collect(
      sql`select email as v from requesters union all select name from requesters union all select id::text from requesters`,
    );
    await collect(sql`select value as v from demand_targets union all select id::text from accounts`);
    await collect(
      sql`select distinct actor as v from events union all select distinct split_part(actor, ':', 2) from events`,
    );
    const rows = await leafRows();
    assert.ok(rows.length > 20);
    const leaks = rows.flatMap((r) =>
      [...secrets].filter((s) => s.length >= 4 && r.text.includes(s)).map((s) => `leaf ${r.idx}: ${s}`),
    );
    assert.deepEqual(leaks, []);
    for (const r of rows) {
      assert.doesNotMatch(r.text, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/, `leaf ${r.idx} shows no UUID`);
      assert.doesNotMatch(r.text, /@[a-z0-9-]+\.[a-z]{2,}/i, `leaf ${r.idx} shows no e-mail address`);
    }
  });

  test('a leaf shows what a transparency report needs: type, time, instrument, jurisdiction, disposition, counts', async () => {
    const rows = await leafRows();
    const received = rows.find((r) => r.demand_id === both.id && r.type === 'demand.received')!;
    assert.equal(received.parsed.type, 'demand.received');
    assert.match(received.parsed.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(received.parsed.public.instrument, 'search_warrant');
    assert.equal(received.parsed.public.jurisdiction, 'US');
    assert.equal(received.parsed.public.targetCount, 2);
    assert.equal((received.parsed.hidden['payload.customerIds'] as string[]).length, 2, 'two customers, as a count');
    const closed = rows.find((r) => r.type === 'demand.closed')!;
    assert.equal(closed.parsed.public.disposition, 'no_data_found');
    assert.equal(typeof closed.parsed.hidden['payload.note'], 'string', 'the note is committed, not shown');
    assert.equal(rows[5]!.parsed.seq, 5, 'seq is the leaf index');
  });

  test('a customer given the salt opens the commitment to its own id, and nobody else’s id opens it', async () => {
    const r = (await leafRows()).find((x) => x.demand_id === both.id && x.type === 'demand.received')!;
    const committed = r.parsed.hidden['payload.customerIds'] as string[];
    assert.ok(
      committed.includes(commitmentOf(r.salt, 'payload.customerIds', f.dir.enterprise)),
      'the enterprise finds itself',
    );
    assert.ok(
      committed.includes(commitmentOf(r.salt, 'payload.customerIds', f.dir.consumer)),
      'the consumer finds itself',
    );
    assert.ok(!committed.includes(commitmentOf(r.salt, 'payload.customerIds', '00000000-0000-4000-8000-000000000000')));
    assert.equal(r.parsed.hidden.demandId, commitmentOf(r.salt, 'demandId', both.id), 'the demand id opens too');
    assert.ok(opensCommitment(r.parsed, r.salt, 'payload.customerIds', f.dir.enterprise));
    const otherSalt = Buffer.alloc(32, 7);
    assert.ok(
      !committed.includes(commitmentOf(otherSalt, 'payload.customerIds', f.dir.enterprise)),
      'without the right salt nothing opens',
    );
  });

  test('every event of national-security process is sealed: no type, nothing public', async () => {
    const sealed = (await leafRows()).filter((r) => r.demand_id === nsl.id);
    assert.ok(sealed.length >= 2);
    for (const r of sealed) {
      assert.equal(r.parsed.type, 'sealed');
      assert.deepEqual(r.parsed.public, {});
      assert.equal(r.parsed.hidden.type, commitmentOf(r.salt, 'type', r.type));
    }
    assert.ok(!sealed.some((r) => r.text.includes('national_security')));
  });

  test('an event type the projection does not know publishes nothing of its payload', async () => {
    const r = (await leafRows()).find((x) => x.type === 'ledger.test_unknown')!;
    assert.deepEqual(r.parsed.public, {});
    assert.deepEqual(Object.keys(r.parsed.hidden).sort(), ['actor', 'payload.count', 'payload.secret']);
  });

  test('every stored leaf recomputes from its event row and salt', async () => {
    const report = await verifyLedger(f.db, { verifiers: [f.signing.verifier], origin: f.signing.origin });
    assert.ok(report.ok, JSON.stringify(report.failures));
  });
});

describe('leaf encoding', () => {
  const salt = new Uint8Array(32).fill(1);
  const event = {
    demandId: 'd-1',
    type: 'demand.approved',
    payload: { approvers: ['b', 'a'] },
    actor: 'staff:x',
    occurredAt: new Date('2026-11-02T09:00:00Z'),
  };

  test('is a pure function of seq, event, salt and sealing, in canonical form', () => {
    const a = encodeLeaf(3, event, salt, false);
    assert.deepEqual(a, encodeLeaf(3, { ...event }, new Uint8Array(32).fill(1), false));
    assert.notDeepEqual(a, encodeLeaf(4, event, salt, false), 'seq is bound');
    assert.notDeepEqual(a, encodeLeaf(3, event, new Uint8Array(32).fill(2), false), 'salt is bound');
    assert.notDeepEqual(a, encodeLeaf(3, event, salt, true), 'sealing is bound');
    assert.notDeepEqual(
      a,
      encodeLeaf(3, { ...event, occurredAt: new Date('2026-11-02T09:00:01Z') }, salt, false),
      'time is bound',
    );
    assert.deepEqual(parseLeaf(a), buildLeaf(3, event, salt, false));
    assert.deepEqual(leafBytes(parseLeaf(a)), a);
  });

  test('committed lists are sorted, so their order tells nothing', () => {
    const leaf = buildLeaf(0, event, salt, false);
    const list = leaf.hidden['payload.approvers'] as string[];
    assert.deepEqual(list, [...list].sort());
    assert.deepEqual(buildLeaf(0, { ...event, payload: { approvers: ['a', 'b'] } }, salt, false).hidden, leaf.hidden);
  });

  test('parsing refuses leaves that are not canonical or not well formed', () => {
    const text = Buffer.from(encodeLeaf(0, event, salt, false)).toString('utf8');
    for (const bad of [
      ` ${text}`,
      text.replace('"seq":0', '"seq":-1'),
      text.replace('"v":1', '"v":2'),
      '{"v":1}',
      '[1]',
      'nope',
    ]) {
      assert.throws(() => parseLeaf(Buffer.from(bad, 'utf8')), LedgerError, bad.slice(0, 40));
    }
    assert.throws(() => buildLeaf(0, event, new Uint8Array(16), false), LedgerError, 'a short salt is refused');
  });
});
