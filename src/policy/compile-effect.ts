/**
 * Turns a rule's effects into closures that record conclusions on the evaluation context. Each
 * returns a short summary for the explanation line, or null when it had nothing to act on.
 */
import type { DataCategory } from '../domain/vocabulary.ts';
import type { ParamResolver, TimeFn } from './param-resolver.ts';
import type { EvalContext } from './context.ts';
import type { Effect, Rule } from './pack-types.ts';
import { addDuration, describeDuration, scaleDuration, toIso } from './time.ts';
import type { Grounded } from './types.ts';

export type Apply = (ctx: EvalContext) => string | null;

/** Compile one effect of `rule`. */
export function compileEffect(effect: Effect, rule: Rule, p: ParamResolver): Apply {
  const grounds = (): Grounded => ({
    reason: effect.reason ?? rule.explanation,
    citation: rule.citation,
    ruleId: rule.id,
  });
  switch (effect.type) {
    case 'category': {
      const which = effect.categories;
      const sufficient = effect.sufficient;
      return (ctx) => {
        const verdicts = ctx.conclusions.categories;
        const touched: DataCategory[] = [];
        for (const category of ctx.input.dataCategories) {
          if (which === 'unaddressed' ? verdicts.has(category) : which !== 'all' && !which.includes(category)) continue;
          const current = verdicts.get(category);
          // The most restrictive verdict wins: one rule saying "not sufficient" is enough.
          if (current === undefined || (current.sufficient && !sufficient)) {
            verdicts.set(category, { category, sufficient, ...grounds() });
            touched.push(category);
          }
        }
        return touched.length ? `${touched.join(', ')}: ${sufficient ? 'sufficient' : 'not sufficient'}` : null;
      };
    }
    case 'route':
      return (ctx) => {
        ctx.conclusions.routes.push({ route: effect.route, ...grounds() });
        return `route proposed: ${effect.route}`;
      };
    case 'flag':
      return (ctx) => {
        ctx.conclusions.flags.push({ code: effect.flag, ...grounds() });
        return `flag: ${effect.flag}`;
      };
    case 'notice': {
      const until: TimeFn | null = effect.until ? p.time(effect.until) : null;
      return (ctx) => {
        const ms = until ? until(ctx) : null;
        const at = ms === null ? null : toIso(ms);
        ctx.conclusions.notices.push({ mode: effect.mode, until: at, ...grounds() });
        const end = effect.mode !== 'delayed' ? '' : at ? ` until ${at}` : ' with no end date';
        return `customer notice: ${effect.mode}${end}`;
      };
    }
    case 'deadline': {
      const at = p.time(effect.at);
      return (ctx) => {
        const ms = at(ctx);
        if (ms === null) return null;
        ctx.conclusions.deadlines.push({ kind: effect.kind, at: toIso(ms), ...grounds() });
        return `${effect.kind.replace(/_/g, ' ')}: ${toIso(ms)}`;
      };
    }
    case 'preserve': {
      const from = p.time(effect.from);
      const period = p.duration(effect.period);
      const extension = p.duration(effect.extension);
      const max = p.number(effect.maxExtensions);
      return (ctx) => {
        const start = from(ctx);
        if (start === null) return null;
        const granted = Math.max(0, Math.min(ctx.input.preservationRenewals, max));
        const until = addDuration(addDuration(start, period), scaleDuration(extension, granted));
        const previous = ctx.conclusions.preservation;
        if (previous === null || Date.parse(previous.until) < until) {
          ctx.conclusions.preservation = { until: toIso(until), extensionsGranted: granted, ...grounds() };
        }
        const ext = granted ? ` + ${granted} × ${describeDuration(extension)}` : '';
        return `preserve for ${describeDuration(period)}${ext}, until ${toIso(until)}`;
      };
    }
  }
}
