/**
 * Staff roles from an identity provider's claims. The provider says which groups or roles a person
 * has (a claim such as `roles` or `groups`); the operator says which of them mean which Writ role.
 * Pure: no I/O, no environment.
 */
import { STAFF_ROLES, type StaffRole } from './principal.ts';

/** Provider value → Writ roles. A value may grant several roles; values not listed grant none. */
export type RoleMap = ReadonlyMap<string, readonly StaffRole[]>;

/**
 * Parses `value=role,value=role …` (e.g. `writ-reviewers=reviewer,writ-admins=administrator`).
 * Empty: each Writ role name given by the provider grants itself. Returns the problems found, if any.
 */
export function parseRoleMap(text: string): { map: RoleMap; problems: string[] } {
  const problems: string[] = [];
  const map = new Map<string, StaffRole[]>();
  const trimmed = text.trim();
  if (!trimmed) {
    for (const r of STAFF_ROLES) map.set(r, [r]);
    return { map, problems };
  }
  for (const part of trimmed.split(',')) {
    const eq = part.lastIndexOf('=');
    const value = part.slice(0, Math.max(eq, 0)).trim();
    const role = part.slice(eq + 1).trim();
    if (eq <= 0 || !value) {
      problems.push(`"${part.trim()}" is not of the form <provider value>=<Writ role>`);
      continue;
    }
    if (!(STAFF_ROLES as readonly string[]).includes(role)) {
      problems.push(`"${role}" is not a Writ staff role (one of ${STAFF_ROLES.join(', ')})`);
      continue;
    }
    const roles = map.get(value) ?? [];
    if (!roles.includes(role as StaffRole)) roles.push(role as StaffRole);
    map.set(value, roles);
  }
  return { map, problems };
}

/**
 * The claim named `path` (dots reach into objects, as Keycloak's `realm_access.roles`) as a list
 * of strings: a string is one value, or several separated by spaces or commas; anything else, none.
 */
export function claimValues(claims: Record<string, unknown>, path: string): string[] {
  let v: unknown = claims;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return [];
    v = (v as Record<string, unknown>)[key];
  }
  if (typeof v === 'string') return v.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

/** The Writ roles the provider's values grant, in Writ's order, each once. */
export function rolesFromClaims(claims: Record<string, unknown>, path: string, map: RoleMap): StaffRole[] {
  const granted = new Set<StaffRole>();
  for (const value of claimValues(claims, path)) for (const r of map.get(value) ?? []) granted.add(r);
  return STAFF_ROLES.filter((r) => granted.has(r));
}
