/**
 * RFC 8785 canonical JSON: the RFC's own examples (§3.2.2 main example and its UTF-8 bytes, §3.2.3
 * sorting, Appendix B numbers), the refusals, and properties over random JSON values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LedgerError, canonicalJson, canonicalJsonBytes } from '../../src/ledger/index.ts';

const unsupported = (err: unknown) => err instanceof LedgerError && err.code === 'unsupported_value';

test('RFC 8785 §3.2.2 example: literals, numbers and string escaping', () => {
  const input = String.raw`{
    "numbers": [333333333.33333329, 1E30, 4.50,
                2e-3, 0.000000000000000000000000001],
    "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
    "literals": [null, true, false]
  }`;
  const expected = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`;
  assert.equal(canonicalJson(JSON.parse(input)), expected);
  // §3.2.4: the same output as UTF-8 bytes.
  const hex = `
    7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72
    75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a
    5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31
    65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37
    5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30
    30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d`;
  assert.deepEqual(canonicalJsonBytes(JSON.parse(input)), new Uint8Array(Buffer.from(hex.replace(/\s+/g, ''), 'hex')));
});

test('RFC 8785 §3.2.3 example: members sorted by UTF-16 code units', () => {
  const input = String.raw`{
    "\u20ac": "Euro Sign",
    "\r": "Carriage Return",
    "\ufb33": "Hebrew Letter Dalet With Dagesh",
    "1": "One",
    "\ud83d\ude00": "Emoji: Grinning Face",
    "\u0080": "Control",
    "\u00f6": "Latin Small Letter O With Diaeresis"
  }`;
  assert.equal(
    canonicalJson(JSON.parse(input)),
    '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
      '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
  );
});

test('integer-like member names sort as strings, not in JavaScript enumeration order', () => {
  assert.equal(
    canonicalJson({ b: 1, 10: 'x', 9: 'y', a: { z: [], y: {} } }),
    '{"10":"x","9":"y","a":{"y":{},"z":[]},"b":1}',
  );
});

/** Builds the double with the given IEEE 754 bit pattern. */
function fromBits(hex: string): number {
  const bytes = Buffer.from(hex, 'hex');
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getFloat64(0, false);
}

test('RFC 8785 Appendix B: number serialisation samples', () => {
  const samples: Array<[string, string]> = [
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ];
  for (const [bits, want] of samples) assert.equal(canonicalJson(fromBits(bits)), want, bits);
  // The samples the RFC marks as errors: NaN and Infinity.
  for (const bits of ['7fffffffffffffff', '7ff0000000000000', 'fff0000000000000']) {
    assert.throws(() => canonicalJson(fromBits(bits)), unsupported, bits);
  }
});

test('strings escape only what JSON requires, with lowercase hex', () => {
  const all = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)).join('');
  assert.equal(
    canonicalJson(all),
    '"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f' +
      '\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f"',
  );
  assert.equal(canonicalJson('/ \u007f \u2028 \u2029 é 😀 " \\'), '"/ \u007f \u2028 \u2029 é 😀 \\" \\\\"');
});

test('undefined members are skipped, toJSON is honoured, -0 is 0', () => {
  assert.equal(canonicalJson({ a: undefined, b: null, c: -0 }), '{"b":null,"c":0}');
  assert.equal(canonicalJson({ at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)) }), '{"at":"2026-01-02T03:04:05.006Z"}');
  assert.equal(canonicalJson({ custom: { toJSON: () => ({ z: 1, a: 2 }) } }), '{"custom":{"a":2,"z":1}}');
  assert.equal(canonicalJson(Object.assign(Object.create(null) as object, { k: true })), '{"k":true}');
  assert.equal(canonicalJson([]), '[]');
  assert.equal(canonicalJson({}), '{}');
});

test('values JSON cannot carry faithfully are refused', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  const refused: unknown[] = [
    undefined,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    { n: Number.NEGATIVE_INFINITY },
    10n,
    Symbol('s'),
    () => 1,
    { f: () => 1 },
    [1, undefined],
    cyclic,
    new Map([['a', 1]]),
    new Set([1]),
    new (class Event {
      readonly kind = 'x';
    })(),
    'lone \ud800 surrogate',
    'lone \udc00 low surrogate',
    { 'key \udbff': 1 },
  ];
  for (const value of refused) assert.throws(() => canonicalJson(value), unsupported, String(value));
  // Shared (non-cyclic) references are fine.
  const shared = { x: 1 };
  assert.equal(canonicalJson({ a: shared, b: shared }), '{"a":{"x":1},"b":{"x":1}}');
});

/** Rebuilds a JSON value with every object's members inserted in reverse order. */
function reverseMembers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseMembers);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseMembers(v)]),
    );
  }
  return value;
}

test('random JSON: same value after a round trip, stable, and independent of member order', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const text = canonicalJson(value);
      assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(value)));
      assert.equal(canonicalJson(JSON.parse(text)), text);
      assert.equal(canonicalJson(reverseMembers(value)), text);
      assert.ok(!/[\n ]/.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '""')), 'no whitespace outside strings');
    }),
    { numRuns: 500 },
  );
});
