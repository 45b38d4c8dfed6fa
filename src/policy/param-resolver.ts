/**
 * Resolves a pack's `{ param }` references once, at load, and reads off a rule's instrument
 * constraint for the evaluator's fast pre-check.
 */
import { EU_MEMBER_STATES } from '../domain/countries.ts';
import type { BuiltinSet } from './codes.ts';
import type { EvalContext } from './context.ts';
import type {
  Condition,
  Duration,
  DurationRef,
  FactTest,
  ListRef,
  NumberRef,
  ParamValue,
  TimeRef,
} from './pack-types.ts';
import { FACTS } from './facts.ts';
import { addDuration, localDay, parseInstant, startOfUtcDay } from './time.ts';

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

  /**
   * A closure giving the instant a TimeRef names for the demand at hand. With day granularity and
   * `zoneFact` (a time-zone fact), the day is the calendar day in that zone (see localDay).
   */
  time(ref: TimeRef, granularity: 'instant' | 'day' = 'instant', zoneFact?: string): TimeFn {
    const plus = ref.plus ? this.duration(ref.plus) : null;
    const byDay = granularity === 'day' || ref.startOfDay === true;
    if ('param' in ref) {
      const fixed = parseInstant(this.params[ref.param] as string);
      const base = byDay ? startOfUtcDay(fixed) : fixed;
      const at = plus ? addDuration(base, plus) : base;
      return () => at;
    }
    const name = ref.fact;
    const zoneOf = zoneFact === undefined ? null : FACTS[zoneFact];
    return (ctx) => {
      const at = ctx.time(name);
      if (at === null) return null;
      const zone = zoneOf ? (zoneOf.read(ctx.input, null) as string | null) : null;
      const base = byDay ? localDay(at, zone) : at;
      return plus ? addDuration(base, plus) : base;
    };
  }
}

/**
 * The instruments a condition can possibly hold for, read off its top level (an instrument test,
 * or one inside a top-level `all`), or null when it is not limited that way. The engine uses this
 * only to skip rules quickly; the compiled test still checks everything.
 */
export function instrumentsOf(cond: Condition, p: ParamResolver): ReadonlySet<string> | null {
  if ('all' in cond) {
    for (const part of cond.all) {
      const found = instrumentsOf(part, p);
      if (found) return found;
    }
    return null;
  }
  if ('fact' in cond && cond.fact === 'instrument') {
    const test = cond as FactTest;
    if (test.eq !== undefined) return new Set([test.eq as string]);
    if (test.in !== undefined) return p.list(test.in) as ReadonlySet<string>;
  }
  return null;
}
