/**
 * The fast path of RFC 8785 canonical JSON, for the values verification meets millions of times:
 * what JSON.parse makes (null, booleans, finite numbers, strings, arrays and plain objects). It
 * writes exactly what canonicalJson writes, with none of the bookkeeping the general writer needs
 * to name the path of a value it refuses (a path string per member, a set of open objects).
 *
 * Anything outside that subset (undefined, toJSON, class instances, non-finite numbers, a lone
 * surrogate, nesting deeper than any event has) makes it return undefined: the caller then runs
 * canonicalJson, which writes the same text or refuses with its precise error. So there is one
 * definition of the canonical form, and the tests hold the two writers to the same output.
 */
import { hasLoneSurrogate } from './text.ts';

/** Deeper values go to the general writer, which also detects cycles. */
const MAX_DEPTH = 64;

/** Canonical text of a string, or undefined when it holds a lone surrogate. */
export function fastJsonString(s: string): string | undefined {
  // Most strings of an event (ids, dates, vocabulary) need no escape at all: quoting them is
  // cheaper than JSON.stringify. Control characters, '"', '\\' and surrogates take the long way.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return escapedJsonString(s);
  }
  return `"${s}"`;
}

function escapedJsonString(s: string): string | undefined {
  const text = JSON.stringify(s);
  // JSON.stringify writes a lone surrogate as a \uXXXX escape, so only text holding "\u" needs
  // the exact (regular expression) check.
  if (text.includes('\\u') && hasLoneSurrogate(s)) return undefined;
  return text;
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function write(v: unknown, depth: number): string | undefined {
  switch (typeof v) {
    case 'string':
      return fastJsonString(v);
    case 'number':
      // ECMAScript Number::toString, as RFC 8785 §3.2.2.3 prescribes (JSON.stringify writes -0 as 0).
      return Number.isFinite(v) ? JSON.stringify(v) : undefined;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      break;
    default:
      return undefined;
  }
  if (v === null) return 'null';
  if (depth >= MAX_DEPTH || typeof (v as { toJSON?: unknown }).toJSON === 'function') return undefined;
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) {
      const item = write(v[i], depth + 1);
      if (item === undefined) return undefined;
      out += i === 0 ? item : `,${item}`;
    }
    return `${out}]`;
  }
  if (!isPlainObject(v)) return undefined;
  const record = v as Record<string, unknown>;
  // Default sort compares UTF-16 code units, the member order RFC 8785 §3.2.3 requires.
  const names = Object.keys(record).sort();
  let out = '{';
  for (let i = 0; i < names.length; i++) {
    const name = fastJsonString(names[i]!);
    const value = write(record[names[i]!], depth + 1);
    if (name === undefined || value === undefined) return undefined;
    out += i === 0 ? `${name}:${value}` : `,${name}:${value}`;
  }
  return `${out}}`;
}

/** canonicalJson(value) for JSON-like values; undefined when the general writer must decide. */
export function fastCanonicalJson(value: unknown): string | undefined {
  return write(value, 0);
}
