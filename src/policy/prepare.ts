/**
 * Prepare packs for evaluation: validate each, refuse duplicate pack or rule ids across packs,
 * fingerprint each pack's exact text, and compile conditions and effects once.
 */
import { createHash } from 'node:crypto';
import { STAGES, type Stage } from './codes.ts';
import { compileCondition, type Test } from './compile-condition.ts';
import { instrumentsOf, ParamResolver } from './param-resolver.ts';
import { compileEffect, type Apply } from './compile-effect.ts';
import type { PolicyPack, Rule } from './pack-types.ts';
import { validatePack } from './validate-pack.ts';
import { PackValidationError } from './validate-shared.ts';

/** A rule ready to run. */
export interface CompiledRule {
  rule: Rule;
  packId: string;
  /** When not null, the rule can only hold for these instruments (a fast pre-check). */
  instruments: ReadonlySet<string> | null;
  test: Test;
  effects: Apply[];
}

/** A pack ready to run: its text, fingerprint, scope test and rules by stage. */
export interface PreparedPack {
  pack: PolicyPack;
  digest: string;
  applies: Test;
  byStage: Record<Stage, CompiledRule[]>;
}

/** The packs an evaluation runs against, in the order they were given. Immutable once made. */
export interface PackSet {
  readonly packs: readonly PreparedPack[];
}

/** A pack to prepare, with a name for error messages (usually its file name). */
export interface RawPack {
  origin: string;
  raw: unknown;
}

/**
 * Validate and compile `sources`. Throws PackValidationError naming the pack and path of every
 * problem, including a rule id used by two packs.
 */
export function preparePacks(sources: readonly RawPack[]): PackSet {
  const prepared = sources.map(({ origin, raw }) => prepareOne(validatePack(raw, origin)));
  const packIds = new Map<string, string>();
  const ruleIds = new Map<string, string>();
  sources.forEach(({ origin }, i) => {
    const pack = (prepared[i] as PreparedPack).pack;
    const issues: string[] = [];
    if (packIds.has(pack.id)) issues.push(`id: pack id "${pack.id}" is also used by ${packIds.get(pack.id)}`);
    packIds.set(pack.id, origin);
    pack.rules.forEach((r, j) => {
      if (ruleIds.has(r.id)) issues.push(`rules[${j}].id: rule id "${r.id}" is also used by ${ruleIds.get(r.id)}`);
      ruleIds.set(r.id, origin);
    });
    if (issues.length) throw new PackValidationError(origin, issues);
  });
  return Object.freeze({ packs: Object.freeze(prepared) });
}

function prepareOne(pack: PolicyPack): PreparedPack {
  const params = new ParamResolver(pack.parameters);
  const byStage = Object.fromEntries(STAGES.map((s) => [s, [] as CompiledRule[]])) as Record<Stage, CompiledRule[]>;
  for (const rule of pack.rules) {
    byStage[rule.stage].push({
      rule,
      packId: pack.id,
      instruments: instrumentsOf(rule.when, params),
      test: compileCondition(rule.when, params),
      effects: rule.effects.map((e) => compileEffect(e, rule, params)),
    });
  }
  return { pack, digest: digestOf(pack), applies: compileCondition(pack.appliesWhen, params), byStage };
}

/** SHA-256 over the pack's JSON with keys sorted, so whitespace and key order do not matter. */
export function digestOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const entries = Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(v);
}
