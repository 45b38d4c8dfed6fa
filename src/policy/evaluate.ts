/**
 * The policy engine: runs the prepared packs against one demand and returns a recommendation
 * that explains itself. Pure: no I/O, no environment, no clock (the clock is `input.now`).
 */
import { STAGES } from './codes.ts';
import { EvalContext } from './context.ts';
import { assembleDecision } from './assemble.ts';
import type { PackSet, PreparedPack } from './prepare.ts';
import type { Decision, PolicyInput } from './types.ts';
import { assertValidInput } from './validate-input.ts';

/**
 * Evaluate `input` against `packs` (see preparePacks / loadPacks). Packs whose `appliesWhen`
 * holds take part; their rules run stage by stage (assess, settle, route) in pack order.
 * Throws PolicyInputError when the input cannot be evaluated.
 */
export function evaluate(input: PolicyInput, packs: PackSet): Decision {
  const ctx = new EvalContext(input, assertValidInput(input));
  const applicable: PreparedPack[] = packs.packs.filter((p) => p.applies(ctx));
  for (const stage of STAGES) {
    for (const prepared of applicable) {
      for (const compiled of prepared.byStage[stage]) {
        if (compiled.instruments !== null && !compiled.instruments.has(input.instrument)) continue;
        if (!compiled.test(ctx)) continue;
        const summaries: string[] = [];
        for (const apply of compiled.effects) {
          const summary = apply(ctx);
          if (summary !== null) summaries.push(summary);
        }
        const { rule } = compiled;
        ctx.conclusions.fired.push(rule.id);
        ctx.conclusions.explanation.push({
          ruleId: rule.id,
          packId: compiled.packId,
          citation: rule.citation,
          text: summaries.length ? `${rule.explanation} → ${summaries.join('; ')}` : rule.explanation,
        });
      }
    }
  }
  return assembleDecision(ctx, applicable);
}
