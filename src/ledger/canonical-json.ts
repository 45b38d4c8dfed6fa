/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): one byte-exact serialisation per JSON value, so a
 * ledger event hashes the same way on every machine. Object members are sorted by the UTF-16 code
 * units of their names, numbers use the ECMAScript Number-to-String form, strings use JSON's
 * minimal escaping, and there is no whitespace.
 *
 * Input is a JavaScript value as JSON.parse would produce it. Where JSON.stringify would quietly
 * change or drop data, this refuses instead (LedgerError 'unsupported_value'): non-finite numbers,
 * bigint, functions, symbols, cycles, lone surrogates (not representable in UTF-8, which RFC 8785
 * requires via I-JSON), undefined at the top level or inside arrays (JSON.stringify would write
 * null), and objects other than plain objects and arrays (a Map would become {}). Members whose
 * value is undefined are skipped, and toJSON() is honoured (so a Date becomes its ISO string),
 * both exactly as JSON.stringify does.
 */
import { LedgerError } from './errors.ts';
import { encodeUtf8, hasLoneSurrogate } from './text.ts';

function unsupported(path: string, what: string): never {
  throw new LedgerError('unsupported_value', `${path}: ${what} cannot be written as canonical JSON`);
}

function writeString(s: string, path: string): string {
  if (hasLoneSurrogate(s)) unsupported(path, 'a string with a lone surrogate');
  // JSON.stringify escapes exactly what RFC 8785 §3.2.2.2 asks for: '"', '\\', and control
  // characters, with the short forms \b \t \n \f \r and lowercase \u00xx for the rest.
  return JSON.stringify(s);
}

function writeNumber(n: number, path: string): string {
  if (!Number.isFinite(n)) unsupported(path, String(n));
  // For finite numbers JSON.stringify is ECMAScript Number::toString (with -0 written as 0),
  // which is the serialisation RFC 8785 §3.2.2.3 prescribes.
  return JSON.stringify(n);
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function hasToJSON(value: object): value is { toJSON(key: string): unknown } {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

/** Writes `value`, or returns undefined when it is `undefined` (the caller decides what that means). */
function write(value: unknown, key: string, path: string, open: Set<object>): string | undefined {
  let v = value;
  if (typeof v === 'object' && v !== null && hasToJSON(v)) v = v.toJSON(key);
  switch (typeof v) {
    case 'undefined':
      return undefined;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return writeNumber(v, path);
    case 'string':
      return writeString(v, path);
    case 'bigint':
    case 'symbol':
    case 'function':
      return unsupported(path, `a ${typeof v}`);
    default:
      break;
  }
  if (v === null) return 'null';
  const obj = v as object;
  if (open.has(obj)) unsupported(path, 'a cyclic structure');
  open.add(obj);
  try {
    if (Array.isArray(obj)) {
      const items = obj.map((item: unknown, i) => {
        const text = write(item, String(i), `${path}[${i}]`, open);
        return text ?? unsupported(`${path}[${i}]`, 'undefined in an array');
      });
      return `[${items.join(',')}]`;
    }
    if (!isPlainObject(obj)) unsupported(path, `an instance of ${obj.constructor?.name ?? 'an unknown class'}`);
    const record = obj as Record<string, unknown>;
    // Default sort compares strings by UTF-16 code units, the order RFC 8785 §3.2.3 requires.
    const members: string[] = [];
    for (const name of Object.keys(record).sort()) {
      const text = write(record[name], name, `${path}.${name}`, open);
      if (text !== undefined) members.push(`${writeString(name, `${path} member name`)}:${text}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    open.delete(obj);
  }
}

/** RFC 8785 canonical JSON text of `value`. */
export function canonicalJson(value: unknown): string {
  const text = write(value, '', '$', new Set());
  return text ?? unsupported('$', 'undefined');
}

/** UTF-8 bytes of the RFC 8785 canonical JSON text of `value` (what gets hashed or signed). */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return encodeUtf8(canonicalJson(value));
}
