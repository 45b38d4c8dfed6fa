/**
 * Turns validated conditions into small closures once, at pack load, so that evaluating a demand
 * is a walk over prepared functions rather than a re-interpretation of JSON on every call.
 */
import { EU_MEMBER_STATES } from '../domain/countries.ts';
import type { DataCategory } from '../domain/vocabulary.ts';
import type { BuiltinSet } from './codes.ts';
import type { EvalContext } from './context.ts';
import { FACTS, type FactDef } from './facts.ts';
import type { Condition, Duration, DurationRef, FactTest, ListRef, NumberRef, ParamValue, TimeComparison, TimeRef } from './pack-types.ts';
import { addDuration, parseInstant, startOfUtcDay } from './time.ts';

export type Test = (ctx: EvalContext) => boolean;
export type TimeFn = (ctx: EvalContext) => number | null;

const BUILTINS: Record<BuiltinSet, ReadonlySet<string>> = { eu_member_states: EU_MEMBER_STATES };

/** Resolves `{ param }` references against one pack's parameters. */
export class ParamResolver {
  constructor(private readonly params: Record<string, ParamValue>) {}

  duration(ref: DurationRef): Duration {
    return 'param' in ref ? (this.params[ref.param] as Duration) : ref;
  }

  number(ref: NumberRef): number {
    return typeof ref === 'number' ? ref : (this.params[ref.param] as number);
  }

  list(ref: ListRef): ReadonlySet<string | boolean> {
    if (Array.isArray(ref)) return new Set(ref);
    if ('builtin' in ref) return BUILTINS[ref.builtin];
    return new Set(this.params[ref.param] as (string | boolean)[]);
  }

  /** A closure giving the instant a TimeRef names for the demand at hand. */
  time(ref: TimeRef, granularity: 'instant' | 'day' = 'instant'): TimeFn {
    const plus = ref.plus ? this.duration(ref.plus) : null;
    const trunc = granularity === 'day' || ref.startOfDay === true ? startOfUtcDay : (ms: number) => ms;
    if ('param' in ref) {
      const fixed = parseInstant(this.params[ref.param] as string);
      const at = plus ? addDuration(trunc(fixed), plus) : trunc(fixed);
      return () => at;
    }
    const name = ref.fact;
    return (ctx) => {
      const base = ctx.time(name);
      if (base === null) return null;
      return plus ? addDuration(trunc(base), plus) : trunc(base);
    };
  }
}

/** Compile a validated condition into a test. */
export function compileCondition(cond: Condition, p: ParamResolver): Test {
  if ('all' in cond) {
    const parts = cond.all.map((c) => compileCondition(c, p));
    return (ctx) => parts.every((t) => t(ctx));
  }
  if ('any' in cond) {
    const parts = cond.any.map((c) => compileCondition(c, p));
    return (ctx) => parts.some((t) => t(ctx));
  }
  if ('not' in cond) {
    const inner = compileCondition(cond.not, p);
    return (ctx) => !inner(ctx);
  }
  if ('anyTarget' in cond) return quantify(compileCondition(cond.anyTarget, p), 'some');
  if ('allTargets' in cond) return quantify(compileCondition(cond.allTargets, p), 'every');
  if ('always' in cond) return () => true;
  if ('flagRaised' in cond) {
    const code = cond.flagRaised;
    return (ctx) => ctx.conclusions.flags.some((f) => f.code === code);
  }
  if ('routeProposed' in cond) {
    const want = cond.routeProposed;
    return (ctx) => ctx.conclusions.routes.length > 0 === want;
  }
  if ('categoryOutcome' in cond) return outcomeTest(cond.categoryOutcome);
  const def = FACTS[cond.fact] as FactDef;
  if ('after' in cond || 'before' in cond || 'atOrAfter' in cond || 'atOrBefore' in cond) return timeTest(cond as TimeComparison, p);
  return factTest(cond as FactTest, def, p);
}

/** anyTarget over no targets is false; allTargets over no targets is true (as in logic). */
function quantify(inner: Test, how: 'some' | 'every'): Test {
  return (ctx) => {
    const result = ctx.input.targets[how]((t) => {
      ctx.target = t;
      return inner(ctx);
    });
    ctx.target = null;
    return result;
  };
}

function outcomeTest(outcome: string): Test {
  return (ctx) => {
    const asked = ctx.input.dataCategories;
    const verdicts = ctx.conclusions.categories;
    const sufficient = (c: DataCategory) => verdicts.get(c)?.sufficient;
    switch (outcome) {
      case 'all_insufficient':
        return asked.length > 0 && asked.every((c) => sufficient(c) === false);
      case 'any_insufficient':
        return asked.some((c) => sufficient(c) === false);
      case 'any_sufficient':
        return asked.some((c) => sufficient(c) === true);
      default:
        return asked.some((c) => sufficient(c) === undefined);
    }
  };
}

function timeTest(cond: TimeComparison, p: ParamResolver): Test {
  const granularity = cond.granularity ?? 'instant';
  const [op, ref] = (['after', 'before', 'atOrAfter', 'atOrBefore'] as const)
    .filter((k) => cond[k] !== undefined)
    .map((k) => [k, cond[k] as TimeRef] as const)[0] as readonly [string, TimeRef];
  const right = p.time(ref, granularity);
  const left = p.time({ fact: cond.fact }, granularity);
  const cmp: Record<string, (a: number, b: number) => boolean> = {
    after: (a, b) => a > b,
    before: (a, b) => a < b,
    atOrAfter: (a, b) => a >= b,
    atOrBefore: (a, b) => a <= b,
  };
  const compare = cmp[op] as (a: number, b: number) => boolean;
  return (ctx) => {
    const a = left(ctx);
    const b = right(ctx);
    return a !== null && b !== null && compare(a, b);
  };
}

function factTest(cond: FactTest, def: FactDef, p: ParamResolver): Test {
  const read = (ctx: EvalContext) => def.read(ctx.input, ctx.target);
  if (cond.isNull !== undefined) {
    const want = cond.isNull;
    return (ctx) => (read(ctx) === null) === want;
  }
  if (cond.eq !== undefined) {
    const want = cond.eq;
    return (ctx) => read(ctx) === want;
  }
  if (cond.in !== undefined) {
    const set = p.list(cond.in);
    return (ctx) => {
      const v = read(ctx);
      return v !== null && set.has(v as string | boolean);
    };
  }
  if (cond.includesAny !== undefined || cond.includesAll !== undefined) {
    const wanted = (cond.includesAny ?? cond.includesAll) as string[];
    const how = cond.includesAny !== undefined ? 'some' : 'every';
    return (ctx) => {
      const have = read(ctx) as readonly string[];
      return wanted[how]((w) => have.includes(w));
    };
  }
  const ops: [keyof FactTest, (a: number, b: number) => boolean][] = [
    ['gt', (a, b) => a > b],
    ['gte', (a, b) => a >= b],
    ['lt', (a, b) => a < b],
    ['lte', (a, b) => a <= b],
  ];
  const [key, compare] = ops.find(([k]) => cond[k] !== undefined) as [keyof FactTest, (a: number, b: number) => boolean];
  const bound = p.number(cond[key] as NumberRef);
  return (ctx) => {
    const v = read(ctx);
    return typeof v === 'number' && compare(v, bound);
  };
}
