/**
 * The first place two reports differ, named the way a reader finds it: list entries by their key
 * (`byCountry[DE].dispositions.rejected.count`) rather than by position.
 */

/** A figure that differs: where, what the report says and what was recomputed. */
export interface FigureDifference {
  figure: string;
  report: unknown;
  recomputed: unknown;
}

const KEYS = ['country', 'instrument', 'category', 'period'] as const;

function keyOf(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  for (const k of KEYS) {
    const x = (v as Record<string, unknown>)[k];
    if (typeof x === 'string') return x;
  }
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first difference between `report` and `recomputed` under `path`, or null when they are equal. */
export function firstDifference(report: unknown, recomputed: unknown, path: string): FigureDifference | null {
  if (Array.isArray(report) && Array.isArray(recomputed)) {
    const keyed = report.every((x) => keyOf(x) !== undefined) && recomputed.every((x) => keyOf(x) !== undefined);
    if (keyed) {
      const theirs = new Map(recomputed.map((x) => [keyOf(x)!, x]));
      for (const item of report) {
        const k = keyOf(item)!;
        if (!theirs.has(k)) return { figure: `${path}[${k}]`, report: item, recomputed: undefined };
        const d = firstDifference(item, theirs.get(k), `${path}[${k}]`);
        if (d) return d;
        theirs.delete(k);
      }
      const extra = theirs.keys().next();
      return extra.done
        ? null
        : { figure: `${path}[${extra.value}]`, report: undefined, recomputed: theirs.get(extra.value) };
    }
    const n = Math.max(report.length, recomputed.length);
    for (let i = 0; i < n; i++) {
      const d = firstDifference(report[i], recomputed[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (isObject(report) && isObject(recomputed)) {
    for (const k of new Set([...Object.keys(report), ...Object.keys(recomputed)])) {
      const d = firstDifference(report[k], recomputed[k], path ? `${path}.${k}` : k);
      if (d) return d;
    }
    return null;
  }
  return Object.is(report, recomputed) ? null : { figure: path, report, recomputed };
}
