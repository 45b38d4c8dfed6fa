/**
 * Where a JSON value holds text PostgreSQL cannot store: the NUL character (U+0000), and lone
 * UTF-16 surrogates (half of a pair, which is no character at all and which jsonb refuses).
 */
import type { FieldError } from './errors.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Push a field error for every string (or key) under `value` that contains NUL, at most 20. */
export function findNul(value: unknown, pointer: string, out: FieldError[]): void {
  if (out.length >= 20) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push({ pointer: pointer || '/', detail: 'contains a NUL character' });
    else if (LONE_SURROGATE.test(value))
      out.push({ pointer: pointer || '/', detail: 'contains an unpaired surrogate (not valid Unicode)' });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => findNul(v, `${pointer}/${i}`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) out.push({ pointer: pointer || '/', detail: 'has a field name with a NUL character' });
      findNul(v, `${pointer}/${k}`, out);
    }
  }
}
