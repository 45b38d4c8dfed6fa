/**
 * Validation of the condition vocabulary: every fact must exist, every operator must suit the
 * fact's type, and every literal must be a value the fact can take (a misspelt instrument or
 * country would otherwise make a rule silently never fire).
 */
import { isCountryCode } from '../domain/countries.ts';
import { BUILTIN_SETS, FLAG_CODES, ROUTES, type Stage } from './codes.ts';
import { factDef, type FactDef } from './facts.ts';
import { type Checker, isRecord } from './validate-shared.ts';

const COMBINATORS = [
  'all',
  'any',
  'not',
  'anyTarget',
  'allTargets',
  'always',
  'flagRaised',
  'routeProposed',
  'categoryOutcome',
];
const FACT_OPS = ['eq', 'in', 'includesAny', 'includesAll', 'gt', 'gte', 'lt', 'lte', 'isNull'];
const TIME_OPS = ['after', 'before', 'atOrAfter', 'atOrBefore'];
const OUTCOMES = ['all_insufficient', 'any_insufficient', 'any_sufficient', 'any_unaddressed'];

/** Where a condition sits: which stage it runs in and whether a target is in scope. */
export interface ConditionScope {
  stage: Stage;
  inTarget: boolean;
}

/** Check one condition tree, recording every issue on `c`. */
export function checkCondition(c: Checker, path: string, cond: unknown, scope: ConditionScope): void {
  if (!isRecord(cond)) return c.fail(path, 'must be a condition object');
  const head = COMBINATORS.find((k) => k in cond);
  if (head === undefined) return checkFactTest(c, path, cond, scope);
  c.onlyKeys(path, cond, [head]);
  const arg = cond[head];
  const at = `${path}.${head}`;
  switch (head) {
    case 'all':
    case 'any':
      if (!Array.isArray(arg) || arg.length === 0) return c.fail(at, 'must be a non-empty array of conditions');
      arg.forEach((sub, i) => checkCondition(c, `${at}[${i}]`, sub, scope));
      return;
    case 'not':
      return checkCondition(c, at, arg, scope);
    case 'anyTarget':
    case 'allTargets':
      if (scope.inTarget) return c.fail(at, 'target quantifiers cannot be nested');
      return checkCondition(c, at, arg, { ...scope, inTarget: true });
    case 'always':
      if (arg !== true) c.fail(at, 'must be true');
      return;
    case 'flagRaised':
      if (scope.stage === 'assess') c.fail(at, 'flags can only be tested in the settle or route stage');
      if (!FLAG_CODES.includes(arg as never)) c.fail(at, `unknown flag ${JSON.stringify(arg)}`);
      return;
    case 'routeProposed':
      if (scope.stage !== 'route') c.fail(at, 'can only be tested in the route stage');
      if (Array.isArray(arg)) {
        if (arg.length === 0) c.fail(at, 'must name at least one route');
        arg.forEach((r, i) => {
          if (!ROUTES.includes(r as never)) c.fail(`${at}[${i}]`, `unknown route ${JSON.stringify(r)}`);
        });
      } else if (typeof arg !== 'boolean') c.fail(at, 'must be true, false or a list of routes');
      return;
    default:
      if (scope.stage === 'assess') c.fail(at, 'category outcomes can only be tested in the settle or route stage');
      if (!OUTCOMES.includes(arg as string)) c.fail(at, `must be one of ${OUTCOMES.join(', ')}`);
  }
}

function checkFactTest(c: Checker, path: string, cond: Record<string, unknown>, scope: ConditionScope): void {
  const name = cond.fact;
  if (typeof name !== 'string') return c.fail(path, `must have a "fact" or one of ${COMBINATORS.join(', ')}`);
  const def = factDef(name);
  if (def === undefined) return c.fail(`${path}.fact`, `unknown fact ${JSON.stringify(name)}`);
  if (def.scope === 'target' && !scope.inTarget)
    c.fail(`${path}.fact`, `"${name}" can only be tested inside anyTarget or allTargets`);
  const ops = Object.keys(cond).filter((k) => k !== 'fact' && k !== 'granularity' && k !== 'timeZone');
  if (ops.length !== 1)
    return c.fail(path, `needs exactly one operator, found ${ops.length ? ops.join(', ') : 'none'}`);
  const op = ops[0] as string;
  const at = `${path}.${op}`;
  const arg = cond[op];
  if (TIME_OPS.includes(op)) {
    if (def.type !== 'time') return c.fail(at, `"${name}" is not a time`);
    if ('granularity' in cond && cond.granularity !== 'day' && cond.granularity !== 'instant')
      c.fail(`${path}.granularity`, 'must be "day" or "instant"');
    if ('timeZone' in cond) {
      const zone = typeof cond.timeZone === 'string' ? factDef(cond.timeZone) : undefined;
      if (cond.granularity !== 'day') c.fail(`${path}.timeZone`, 'only allowed with "granularity": "day"');
      if (zone === undefined || zone.type !== 'timezone' || zone.scope !== 'demand')
        c.fail(`${path}.timeZone`, `${JSON.stringify(cond.timeZone)} is not a time-zone fact`);
    }
    return checkTimeRef(c, at, arg);
  }
  if ('granularity' in cond) c.fail(`${path}.granularity`, 'only allowed with a time comparison');
  if ('timeZone' in cond) c.fail(`${path}.timeZone`, 'only allowed with a time comparison');
  if (!FACT_OPS.includes(op)) return c.fail(at, `unknown operator (allowed: ${[...FACT_OPS, ...TIME_OPS].join(', ')})`);
  checkOperator(c, at, op, arg, name, def);
}

function checkOperator(c: Checker, at: string, op: string, arg: unknown, name: string, def: FactDef): void {
  switch (op) {
    case 'isNull':
      if (!def.nullable) c.fail(at, `"${name}" is never null`);
      if (typeof arg !== 'boolean') c.fail(at, 'must be true or false');
      return;
    case 'eq':
      if (def.type === 'time' || def.type === 'enum_set') return c.fail(at, `"eq" does not apply to "${name}"`);
      return checkValue(c, at, arg, name, def);
    case 'in':
      if (def.type === 'time' || def.type === 'enum_set' || def.type === 'number')
        return c.fail(at, `"in" does not apply to "${name}"`);
      return checkList(c, at, arg, name, def);
    case 'includesAny':
    case 'includesAll':
      if (def.type !== 'enum_set') return c.fail(at, `"${op}" only applies to a set fact`);
      if (!Array.isArray(arg) || arg.length === 0) return c.fail(at, 'must be a non-empty array');
      arg.forEach((v, i) => checkValue(c, `${at}[${i}]`, v, name, def));
      return;
    default:
      if (def.type !== 'number') return c.fail(at, `"${name}" is not a number`);
      c.number(at, arg);
  }
}

function checkList(c: Checker, at: string, arg: unknown, name: string, def: FactDef): void {
  if (isRecord(arg) && 'builtin' in arg) {
    c.onlyKeys(at, arg, ['builtin']);
    if (def.type !== 'country') c.fail(at, 'builtin sets are country sets');
    if (!BUILTIN_SETS.includes(arg.builtin as never))
      c.fail(`${at}.builtin`, `unknown set ${JSON.stringify(arg.builtin)}`);
    return;
  }
  if (isRecord(arg) && 'param' in arg) {
    c.onlyKeys(at, arg, ['param']);
    if (!c.param(`${at}.param`, arg.param, 'list')) return;
    const values = c.params[arg.param as string] as unknown[];
    values.forEach((v, i) => checkValue(c, `parameters.${arg.param as string}[${i}]`, v, name, def));
    return;
  }
  if (!Array.isArray(arg) || arg.length === 0) return c.fail(at, 'must be a non-empty array, {"param"} or {"builtin"}');
  arg.forEach((v, i) => checkValue(c, `${at}[${i}]`, v, name, def));
}

/** Check a literal against what the fact can hold. */
function checkValue(c: Checker, at: string, v: unknown, name: string, def: FactDef): void {
  const bad = (what: string) => c.fail(at, `${JSON.stringify(v)} is not ${what} (fact "${name}")`);
  switch (def.type) {
    case 'enum':
    case 'enum_set':
      if (!def.values?.includes(v as string)) bad(`one of ${def.values?.join(', ')}`);
      return;
    case 'country':
      if (typeof v !== 'string' || !isCountryCode(v)) bad('an ISO 3166-1 country code');
      return;
    case 'subdivision':
      if (typeof v !== 'string' || !/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(v)) bad('an ISO 3166-2 subdivision code');
      return;
    case 'boolean':
      if (typeof v !== 'boolean') bad('true or false');
      return;
    case 'number':
      if (typeof v !== 'number') bad('a number');
      return;
    default:
      if (typeof v !== 'string') bad('a string');
  }
}

/** A time reference: a demand-level time fact or a date parameter, with an optional period. */
export function checkTimeRef(c: Checker, at: string, ref: unknown): void {
  if (!isRecord(ref)) return c.fail(at, 'must be {"fact": ...} or {"param": ...}, optionally with "plus"');
  const hasFact = 'fact' in ref;
  const hasParam = 'param' in ref;
  c.onlyKeys(at, ref, [hasFact ? 'fact' : 'param', 'plus', 'startOfDay']);
  if ('startOfDay' in ref && typeof ref.startOfDay !== 'boolean') c.fail(`${at}.startOfDay`, 'must be true or false');
  if (hasFact === hasParam) return c.fail(at, 'needs exactly one of "fact" or "param"');
  if (hasParam) c.param(`${at}.param`, ref.param, 'date');
  else {
    const def = typeof ref.fact === 'string' ? factDef(ref.fact) : undefined;
    if (def === undefined || def.type !== 'time' || def.scope !== 'demand')
      c.fail(`${at}.fact`, `${JSON.stringify(ref.fact)} is not a time fact`);
  }
  if ('plus' in ref) c.duration(`${at}.plus`, ref.plus);
}
