/**
 * Validation of rule effects: each must be one of the closed effect types with codes from the
 * closed vocabularies, and every period, number and date it uses must resolve.
 */
import { DATA_CATEGORIES } from '../domain/vocabulary.ts';
import { DEADLINE_KINDS, FLAG_CODES, NOTICE_MODES, ROUTES, type Stage } from './codes.ts';
import { checkTimeRef } from './validate-condition.ts';
import { type Checker, isRecord } from './validate-shared.ts';

const EFFECT_KEYS: Record<string, readonly string[]> = {
  category: ['type', 'categories', 'sufficient', 'reason'],
  route: ['type', 'route', 'reason'],
  flag: ['type', 'flag', 'reason'],
  notice: ['type', 'mode', 'until', 'reason'],
  deadline: ['type', 'kind', 'at', 'reason'],
  preserve: ['type', 'from', 'period', 'extension', 'maxExtensions', 'reason'],
};

/** Check one effect, recording every issue on `c`. */
export function checkEffect(c: Checker, path: string, e: unknown, stage: Stage): void {
  if (!isRecord(e)) return c.fail(path, 'must be an effect object');
  const allowed = typeof e.type === 'string' ? EFFECT_KEYS[e.type] : undefined;
  if (allowed === undefined) return c.fail(`${path}.type`, `must be one of ${Object.keys(EFFECT_KEYS).join(', ')}`);
  c.onlyKeys(path, e, allowed);
  if ('reason' in e) c.string(`${path}.reason`, e.reason);
  const oneOf = (key: string, values: readonly string[]) => {
    if (!values.includes(e[key] as string))
      c.fail(`${path}.${key}`, `${JSON.stringify(e[key])} is not one of ${values.join(', ')}`);
  };
  switch (e.type) {
    case 'category':
      checkCategories(c, `${path}.categories`, e.categories, stage);
      if (typeof e.sufficient !== 'boolean') c.fail(`${path}.sufficient`, 'must be true or false');
      return;
    case 'route':
      return oneOf('route', ROUTES);
    case 'flag':
      return oneOf('flag', FLAG_CODES);
    case 'notice':
      oneOf('mode', NOTICE_MODES);
      if ('until' in e) {
        if (e.mode !== 'delayed') c.fail(`${path}.until`, 'only a delayed notice has an end');
        checkTimeRef(c, `${path}.until`, e.until);
      }
      return;
    case 'deadline':
      oneOf('kind', DEADLINE_KINDS);
      return checkTimeRef(c, `${path}.at`, e.at);
    default:
      checkTimeRef(c, `${path}.from`, e.from);
      c.duration(`${path}.period`, e.period);
      c.duration(`${path}.extension`, e.extension);
      c.number(`${path}.maxExtensions`, e.maxExtensions);
  }
}

function checkCategories(c: Checker, at: string, v: unknown, stage: Stage): void {
  if (v === 'all') return;
  if (v === 'unaddressed') {
    // Which categories are still open depends on the rules before, so only later stages may ask.
    if (stage === 'assess') c.fail(at, '"unaddressed" can only be used in the settle or route stage');
    return;
  }
  if (!Array.isArray(v) || v.length === 0)
    return c.fail(at, 'must be "all", "unaddressed" or a non-empty array of categories');
  v.forEach((x, i) => {
    if (!DATA_CATEGORIES.includes(x as never))
      c.fail(`${at}[${i}]`, `${JSON.stringify(x)} is not one of ${DATA_CATEGORIES.join(', ')}`);
  });
}
