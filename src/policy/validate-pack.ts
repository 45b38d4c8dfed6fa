/**
 * Validate a parsed JSON pack against the pack schema. Every problem is reported with its path;
 * nothing is evaluated until the whole pack is clean.
 */
import { STAGES, type Stage } from './codes.ts';
import type { ParamValue, PolicyPack } from './pack-types.ts';
import { checkCondition } from './validate-condition.ts';
import { checkEffect } from './validate-effect.ts';
import { Checker, isRecord, PackValidationError, paramKindOf } from './validate-shared.ts';

const PACK_KEYS = ['id', 'version', 'title', 'description', 'sources', 'parameters', 'appliesWhen', 'rules'];
const RULE_KEYS = ['id', 'stage', 'citation', 'sources', 'explanation', 'when', 'effects'];
const SOURCE_KEYS = ['id', 'title', 'url', 'verified', 'note'];
const PACK_ID = /^[a-z][a-z0-9-]*$/;
const RULE_ID = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
const VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/**
 * The pack, typed, when `raw` is a valid pack; otherwise throws PackValidationError listing every
 * issue. `origin` names the pack in messages (usually its file name).
 */
export function validatePack(raw: unknown, origin: string): PolicyPack {
  if (!isRecord(raw)) throw new PackValidationError(origin, ['(root): must be a JSON object']);
  const params = isRecord(raw.parameters) ? (raw.parameters as Record<string, ParamValue>) : {};
  const c = new Checker(params);
  c.onlyKeys('(root)', raw, PACK_KEYS);
  if (typeof raw.id !== 'string' || !PACK_ID.test(raw.id))
    c.fail('id', 'must be lower-case letters, digits and dashes');
  if (typeof raw.version !== 'string' || !VERSION.test(raw.version))
    c.fail('version', 'must be a semantic version such as "1.0.0"');
  c.string('title', raw.title);
  c.string('description', raw.description);
  const sourceIds = checkSources(c, raw.sources);
  if (!isRecord(raw.parameters)) c.fail('parameters', 'must be an object');
  for (const [name, value] of Object.entries(params)) {
    if (paramKindOf(value) === null)
      c.fail(`parameters.${name}`, 'must be a number, string, boolean, period or list of strings');
  }
  checkCondition(c, 'appliesWhen', raw.appliesWhen, { stage: 'assess', inTarget: false });
  checkRules(c, raw.rules, sourceIds);
  if (c.issues.length > 0) throw new PackValidationError(origin, c.issues);
  return raw as unknown as PolicyPack;
}

function checkSources(c: Checker, sources: unknown): Set<string> {
  const ids = new Set<string>();
  if (!Array.isArray(sources) || sources.length === 0) {
    c.fail('sources', 'must list at least one authority the pack relies on');
    return ids;
  }
  sources.forEach((s, i) => {
    const at = `sources[${i}]`;
    if (!isRecord(s)) return c.fail(at, 'must be an object');
    c.onlyKeys(at, s, SOURCE_KEYS);
    if (c.string(`${at}.id`, s.id)) {
      if (ids.has(s.id)) c.fail(`${at}.id`, `duplicate source id "${s.id}"`);
      ids.add(s.id);
    }
    c.string(`${at}.title`, s.title);
    if (s.url !== null && (typeof s.url !== 'string' || !/^https?:\/\//.test(s.url)))
      c.fail(`${at}.url`, 'must be an http(s) URL or null');
    if (typeof s.verified !== 'boolean') c.fail(`${at}.verified`, 'must be true or false');
    if ('note' in s) c.string(`${at}.note`, s.note);
  });
  return ids;
}

function checkRules(c: Checker, rules: unknown, sourceIds: Set<string>): void {
  if (!Array.isArray(rules) || rules.length === 0) return c.fail('rules', 'must be a non-empty array');
  const seen = new Set<string>();
  rules.forEach((r, i) => {
    const at = `rules[${i}]`;
    if (!isRecord(r)) return c.fail(at, 'must be an object');
    c.onlyKeys(at, r, RULE_KEYS);
    if (typeof r.id !== 'string' || !RULE_ID.test(r.id))
      c.fail(`${at}.id`, 'must be dotted lower-case words, e.g. "us.warrant.content"');
    else if (seen.has(r.id)) c.fail(`${at}.id`, `duplicate rule id "${r.id}"`);
    else seen.add(r.id);
    const stage: Stage = STAGES.includes(r.stage as Stage) ? (r.stage as Stage) : 'assess';
    if (!STAGES.includes(r.stage as Stage)) c.fail(`${at}.stage`, `must be one of ${STAGES.join(', ')}`);
    c.string(`${at}.citation`, r.citation);
    c.string(`${at}.explanation`, r.explanation);
    if (!Array.isArray(r.sources) || r.sources.length === 0)
      c.fail(`${at}.sources`, 'must name at least one source id');
    else
      r.sources.forEach((s, j) => {
        if (!sourceIds.has(s as string)) c.fail(`${at}.sources[${j}]`, `unknown source ${JSON.stringify(s)}`);
      });
    checkCondition(c, `${at}.when`, r.when, { stage, inTarget: false });
    if (!Array.isArray(r.effects)) c.fail(`${at}.effects`, 'must be an array (empty for an explanatory rule)');
    else r.effects.forEach((e, j) => checkEffect(c, `${at}.effects[${j}]`, e, stage));
  });
}
