/**
 * Where a JSON value holds text PostgreSQL cannot store: the NUL character (U+0000), and lone
 * UTF-16 surrogates (half of a pair, which is no character at all and which jsonb refuses). Also
 * where it nests deeper than any request Writ takes: walked with a stack of its own, not by
 * recursion, so a body nested thousands deep is refused rather than overflowing the call stack.
 */
import type { FieldError } from './errors.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Deeper than any request body Writ defines (a demand nests four levels). */
export const MAX_JSON_DEPTH = 32;

/**
 * Push a field error for every string (or key) under `value` that contains NUL or a lone
 * surrogate, and for the first place it nests deeper than MAX_JSON_DEPTH; at most 20.
 */
export function findNul(value: unknown, pointer: string, out: FieldError[]): void {
  const stack: { value: unknown; pointer: string; depth: number }[] = [{ value, pointer, depth: 0 }];
  while (stack.length && out.length < 20) {
    const { value: v, pointer: p, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) out.push({ pointer: p || '/', detail: 'contains a NUL character' });
      else if (LONE_SURROGATE.test(v))
        out.push({ pointer: p || '/', detail: 'contains an unpaired surrogate (not valid Unicode)' });
      continue;
    }
    if (!v || typeof v !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) {
      out.push({ pointer: p || '/', detail: `nests deeper than ${MAX_JSON_DEPTH} levels` });
      return;
    }
    const children: { value: unknown; pointer: string; depth: number }[] = [];
    if (Array.isArray(v)) v.forEach((c, i) => children.push({ value: c, pointer: `${p}/${i}`, depth: depth + 1 }));
    else
      for (const [k, c] of Object.entries(v)) {
        if (k.includes('\u0000')) out.push({ pointer: p || '/', detail: 'has a field name with a NUL character' });
        else if (LONE_SURROGATE.test(k))
          out.push({ pointer: p || '/', detail: 'has a field name with an unpaired surrogate' });
        children.push({ value: c, pointer: `${p}/${k}`, depth: depth + 1 });
      }
    // Depth first, in document order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}
