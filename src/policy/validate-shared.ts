/**
 * Shared plumbing for pack validation: collects every problem with the JSON path where it sits,
 * so that a malformed pack fails loudly and says exactly what to fix.
 */
import type { Duration, ParamValue } from './pack-types.ts';
import { isInstant } from './time.ts';

/** A pack that does not match the schema. `issues` lists each problem as "path: what is wrong". */
export class PackValidationError extends Error {
  readonly origin: string;
  readonly issues: string[];

  constructor(origin: string, issues: string[]) {
    super(`Policy pack ${origin} is malformed:\n  ${issues.join('\n  ')}`);
    this.name = 'PackValidationError';
    this.origin = origin;
    this.issues = issues;
  }
}

export type ParamKind = 'number' | 'duration' | 'list' | 'date';

/** Collects issues while walking one pack. */
export class Checker {
  readonly issues: string[] = [];
  readonly params: Record<string, ParamValue>;

  constructor(params: Record<string, ParamValue>) {
    this.params = params;
  }

  fail(path: string, message: string): void {
    this.issues.push(`${path}: ${message}`);
  }

  /** Complain about keys outside `allowed` (catches misspelt keys that would silently do nothing). */
  onlyKeys(path: string, obj: Record<string, unknown>, allowed: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.fail(`${path}.${key}`, `unexpected key (allowed: ${allowed.join(', ')})`);
    }
  }

  string(path: string, v: unknown): v is string {
    if (typeof v === 'string' && v.trim() !== '') return true;
    this.fail(path, 'must be a non-empty string');
    return false;
  }

  /** Check that `{ param }` names a parameter of the expected kind. */
  param(path: string, name: unknown, kind: ParamKind): boolean {
    if (typeof name !== 'string' || !Object.hasOwn(this.params, name)) {
      this.fail(path, `unknown parameter ${JSON.stringify(name)}`);
      return false;
    }
    const value = this.params[name];
    if (paramKindOf(value) !== kind) {
      this.fail(path, `parameter "${name}" must be a ${kind}`);
      return false;
    }
    return true;
  }

  duration(path: string, v: unknown): void {
    if (isRecord(v) && 'param' in v) {
      this.onlyKeys(path, v, ['param']);
      this.param(`${path}.param`, v.param, 'duration');
      return;
    }
    if (!isDuration(v)) this.fail(path, 'must be a period such as {"days": 10} or {"param": "name"}');
  }

  number(path: string, v: unknown): void {
    if (isRecord(v) && 'param' in v) {
      this.onlyKeys(path, v, ['param']);
      this.param(`${path}.param`, v.param, 'number');
      return;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(path, 'must be a number or {"param": "name"}');
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A period: only months/days/hours, each a non-negative whole number, at least one present. */
export function isDuration(v: unknown): v is Duration {
  if (!isRecord(v)) return false;
  const keys = Object.keys(v);
  if (keys.length === 0) return false;
  return keys.every((k) => ['months', 'days', 'hours'].includes(k) && Number.isInteger(v[k]) && (v[k] as number) >= 0);
}

/** What kind of value a parameter holds, or null when it is none the engine can use. */
export function paramKindOf(v: unknown): ParamKind | 'text' | 'boolean' | null {
  if (typeof v === 'number' && Number.isFinite(v)) return 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (Array.isArray(v)) return v.every((x) => typeof x === 'string' || typeof x === 'boolean') ? 'list' : null;
  if (isDuration(v)) return 'duration';
  if (typeof v === 'string') return isInstant(v) ? 'date' : 'text';
  return null;
}
