/**
 * The fast paths against the definitions they shortcut: fastCanonicalJson must write exactly what
 * canonicalJson writes (or step aside), encodeLeaf (the fast encoder) exactly the bytes of
 * leafBytes(buildLeaf(…)) for any event, public or sealed, whatever its payload holds, and
 * parseLeafText exactly what parseLeaf returns or throws.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalJson } from '../../src/ledger/index.ts';
import { fastCanonicalJson } from '../../src/ledger/canonical-fast.ts';
import {
  type LedgerEvent,
  buildLeaf,
  encodeLeaf,
  encodeLeafText,
  leafBytes,
  parseLeaf,
  parseLeafText,
} from '../../src/ledger/leaf.ts';
import { fastLeafText } from '../../src/ledger/leaf-encoder.ts';
import { PUBLIC_FIELDS } from '../../src/ledger/leaf-projection.ts';

/** canonicalJson's text, or its error message when it refuses. */
function generic(value: unknown): string {
  try {
    return canonicalJson(value);
  } catch (e) {
    return `refused: ${(e as Error).message}`;
  }
}

test('fastCanonicalJson writes what canonicalJson writes for random JSON values', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      assert.equal(fastCanonicalJson(value), canonicalJson(value));
    }),
    { numRuns: 2000 },
  );
  // Strings of any code units: escapes, astral characters and lone surrogates alike.
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), (a, b) => {
      for (const v of [a, b, { [a]: b }, [a, b]]) {
        const fast = fastCanonicalJson(v);
        if (fast !== undefined) assert.equal(fast, canonicalJson(v));
        else assert.match(generic(v), /^refused/, 'steps aside only for what the general writer refuses');
      }
    }),
    { numRuns: 2000 },
  );
});

test('fastCanonicalJson steps aside for everything outside plain JSON', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  let deep: unknown = 1;
  for (let i = 0; i < 200; i++) deep = [deep];
  const outside: unknown[] = [
    undefined,
    Number.NaN,
    -Infinity,
    10n,
    Symbol('s'),
    () => 1,
    [1, undefined],
    { a: undefined },
    cyclic,
    new Map(),
    new Date(0),
    { toJSON: () => 1 },
    'lone \ud800',
    deep,
  ];
  for (const v of outside) assert.equal(fastCanonicalJson(v), undefined, String(v));
  assert.equal(
    fastCanonicalJson(Object.assign(Object.create(null) as object, { b: 1, a: [-0, 1e21, 'é😀\u2028'] })),
    '{"a":[0,1e+21,"é😀\u2028"],"b":1}',
  );
});

const TYPES = [...Object.keys(PUBLIC_FIELDS), 'unknown.type', 'sealed'];
/** Field names that are public for some type, and some that never are. */
const FIELDS = [
  ...new Set(Object.values(PUBLIC_FIELDS).flat() as string[]),
  'note',
  'customerIds',
  'agencyId',
  'toJSON',
  '__proto__',
  '10',
  'é',
  '',
];

const payloadArb = fc.oneof(
  { weight: 8, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 10 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  {
    weight: 1,
    arbitrary: fc.dictionary(
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.oneof(fc.string({ unit: 'binary' }), fc.array(fc.string(), { maxLength: 4 })),
    ),
  },
);

const eventArb = fc.record({
  demandId: fc.option(fc.uuid(), { nil: null }),
  type: fc.constantFrom(...TYPES),
  payload: payloadArb,
  actor: fc.string({ unit: 'binary', maxLength: 30 }),
  occurredAt: fc.date({ min: new Date(-62_000_000_000_000), max: new Date(253_000_000_000_000), noInvalidDate: true }),
});

test('encodeLeaf writes the bytes of leafBytes(buildLeaf(…)) for random events, public and sealed', () => {
  let fast = 0;
  let runs = 0;
  fc.assert(
    fc.property(
      eventArb,
      fc.uint8Array({ minLength: 32, maxLength: 32 }),
      fc.nat({ max: 2 ** 40 }),
      fc.boolean(),
      (event: LedgerEvent, salt, seq, sealed) => {
        let want: Uint8Array | string;
        try {
          want = leafBytes(buildLeaf(seq, event, salt, sealed));
        } catch (e) {
          want = `refused: ${(e as Error).message}`;
        }
        let got: Uint8Array | string;
        try {
          got = encodeLeaf(seq, event, salt, sealed, 1);
        } catch (e) {
          got = `refused: ${(e as Error).message}`;
        }
        assert.deepEqual(got, want);
        runs += 1;
        const src = { ...event, time: event.occurredAt.toISOString() };
        if (fastLeafText(seq, src, salt, sealed) !== undefined) fast += 1;
      },
    ),
    { numRuns: 3000 },
  );
  assert.ok(fast > runs * 0.7, `the fast path wrote ${fast} of ${runs} leaves`);
});

test('encodeLeaf takes the general path for payloads the fast one leaves alone, with the same result', () => {
  const salt = new Uint8Array(32).fill(7);
  const event = (payload: unknown): LedgerEvent => ({
    demandId: null,
    type: 'notice.held',
    payload,
    actor: 'staff:x',
    occurredAt: new Date('2026-11-02T09:00:00Z'),
  });
  const dated = event({ until: new Date('2027-01-01T00:00:00Z'), note: { toJSON: () => 'n' } });
  // The fast encoder refuses this payload (a Date, a toJSON)...
  assert.equal(
    fastLeafText(
      1,
      {
        demandId: null,
        type: 'notice.held',
        payload: dated.payload,
        actor: 'staff:x',
        time: '2026-11-02T09:00:00.000Z',
      },
      salt,
      false,
    ),
    undefined,
  );
  // ...and encodeLeaf still writes what the general writer does.
  assert.deepEqual(encodeLeaf(1, dated, salt, false, 1), leafBytes(buildLeaf(1, dated, salt, false)));
  for (const bad of [{ until: Number.NaN }, { note: 'lone \udc00' }, { note: [undefined] }]) {
    assert.throws(() => encodeLeaf(1, event(bad), salt, false, 1), { code: 'unsupported_value' });
  }
  assert.throws(() => encodeLeaf(1, event({}), new Uint8Array(31), false), { code: 'invalid_argument' });
  assert.throws(() => encodeLeaf(-1, event({}), salt, false), { code: 'invalid_argument' });
  const src = {
    demandId: null,
    type: 'notice.held',
    payload: { until: '2027-01-01' },
    actor: 'staff:x',
    time: '2026-11-02T09:00:00.000Z',
  };
  assert.equal(
    encodeLeafText(2, src, salt, false, undefined, 1),
    Buffer.from(leafBytes(buildLeaf(2, event({ until: '2027-01-01' }), salt, false))).toString('utf8'),
  );
});

/** parseLeaf's result or its error message. */
function outcome(parse: () => unknown): unknown {
  try {
    return parse();
  } catch (e) {
    return `refused: ${(e as Error).message}`;
  }
}

test('parseLeafText agrees with parseLeaf on canonical, reordered, spaced and odd texts', () => {
  const salt = new Uint8Array(32).fill(3);
  const event: LedgerEvent = {
    demandId: 'd-1',
    type: 'demand.closed',
    payload: { from: 'approved', disposition: 'withdrawn', note: 'x', n: 1.5 },
    actor: 'staff:a',
    occurredAt: new Date('2026-11-02T09:00:00Z'),
  };
  const canonical = Buffer.from(encodeLeaf(4, event, salt, false, 1)).toString('utf8');
  const texts = [
    canonical,
    canonical.replace('"seq":4', '"seq":4.0'),
    canonical.replace('{"hidden"', '{ "hidden"'),
    JSON.stringify({ v: 1, ...JSON.parse(canonical) }),
    canonical.replace('"from":"approved"', '"from":"appr\\u006fved"'),
    canonical.replace('"from":"approved"', '"from":"\\ud800"'),
    canonical.replace('"from":"approved"', '"from":"\ud800"'),
    canonical.replace('"public":{', '"public":{"10":1,"9":2,'),
    canonical.replace('"public":{', '"public":{"9":2,"10":1,'),
    canonical.replace('"v":1', '"v":1,"v":1'),
    canonical.replace('"v":1', '"v":2'),
    '{"a":1}',
    'not json',
  ];
  for (const text of texts) {
    const bytes = Buffer.from(text, 'utf8');
    assert.deepEqual(
      outcome(() => parseLeafText(text, bytes)),
      outcome(() => parseLeaf(bytes)),
      text,
    );
  }
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      for (const text of [JSON.stringify(value), canonicalJson(value)]) {
        const bytes = Buffer.from(text, 'utf8');
        assert.deepEqual(
          outcome(() => parseLeafText(text, bytes)),
          outcome(() => parseLeaf(bytes)),
        );
      }
    }),
    { numRuns: 500 },
  );
});
