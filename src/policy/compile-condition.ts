/**
 * Turns validated conditions into small closures once, at pack load, so that evaluating a demand
 * is a walk over prepared functions rather than a re-interpretation of JSON on every call.
 */
import type { DataCategory } from '../domain/vocabulary.ts';
import type { EvalContext } from './context.ts';
import { FACTS, type FactDef } from './facts.ts';
import type { Condition, FactTest, NumberRef, TimeComparison, TimeRef } from './pack-types.ts';
import type { ParamResolver } from './param-resolver.ts';

export type Test = (ctx: EvalContext) => boolean;

/** Compile a validated condition into a test. */
export function compileCondition(cond: Condition, p: ParamResolver): Test {
  if ('all' in cond) {
    const parts = cond.all.map((c) => compileCondition(c, p));
    return (ctx) => {
      for (const t of parts) if (!t(ctx)) return false;
      return true;
    };
  }
  if ('any' in cond) {
    const parts = cond.any.map((c) => compileCondition(c, p));
    return (ctx) => {
      for (const t of parts) if (t(ctx)) return true;
      return false;
    };
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
    if (Array.isArray(want)) {
      const routes = new Set<string>(want);
      return (ctx) => ctx.conclusions.routes.some((r) => routes.has(r.route));
    }
    return (ctx) => ctx.conclusions.routes.length > 0 === want;
  }
  if ('categoryOutcome' in cond) return outcomeTest(cond.categoryOutcome);
  const def = FACTS[cond.fact] as FactDef;
  if ('after' in cond || 'before' in cond || 'atOrAfter' in cond || 'atOrBefore' in cond)
    return timeTest(cond as TimeComparison, p);
  return factTest(cond as FactTest, def, p);
}

/** anyTarget over no targets is false; allTargets over no targets is true (as in logic). */
function quantify(inner: Test, how: 'some' | 'every'): Test {
  const wanted = how === 'some';
  return (ctx) => {
    let result = !wanted;
    for (const t of ctx.input.targets) {
      ctx.target = t;
      if (inner(ctx) === wanted) {
        result = wanted;
        break;
      }
    }
    ctx.target = null;
    return result;
  };
}

/** Tests over the verdicts reached so far; `undefined` stands for "no verdict yet". */
function outcomeTest(outcome: string): Test {
  const [want, all] = (
    {
      all_insufficient: [false, true],
      any_insufficient: [false, false],
      any_sufficient: [true, false],
      any_unaddressed: [undefined, false],
    } as Record<string, [boolean | undefined, boolean]>
  )[outcome] as [boolean | undefined, boolean];
  return (ctx) => {
    const asked: readonly DataCategory[] = ctx.input.dataCategories;
    const verdicts = ctx.conclusions.categories;
    for (const c of asked) {
      const matches = verdicts.get(c)?.sufficient === want;
      if (all && !matches) return false;
      if (!all && matches) return true;
    }
    return all && asked.length > 0;
  };
}

function timeTest(cond: TimeComparison, p: ParamResolver): Test {
  const granularity = cond.granularity ?? 'instant';
  const [op, ref] = (['after', 'before', 'atOrAfter', 'atOrBefore'] as const)
    .filter((k) => cond[k] !== undefined)
    .map((k) => [k, cond[k] as TimeRef] as const)[0] as readonly [string, TimeRef];
  const zone = cond.timeZone;
  const right = p.time(ref, granularity, zone);
  const left = p.time({ fact: cond.fact }, granularity, zone);
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
  const reader = def.read;
  const read = (ctx: EvalContext) => reader(ctx.input, ctx.target);
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
    const every = how === 'every';
    return (ctx) => {
      const have = read(ctx) as readonly string[];
      for (const w of wanted) if (have.includes(w) !== every) return !every;
      return every;
    };
  }
  const ops: [keyof FactTest, (a: number, b: number) => boolean][] = [
    ['gt', (a, b) => a > b],
    ['gte', (a, b) => a >= b],
    ['lt', (a, b) => a < b],
    ['lte', (a, b) => a <= b],
  ];
  const [key, compare] = ops.find(([k]) => cond[k] !== undefined) as [
    keyof FactTest,
    (a: number, b: number) => boolean,
  ];
  const bound = p.number(cond[key] as NumberRef);
  return (ctx) => {
    const v = read(ctx);
    return typeof v === 'number' && compare(v, bound);
  };
}
