/**
 * Single sign-on and passkeys in the configuration (WRIT_OIDC_*, WRIT_PUBLIC_URL), validated with
 * the rest of the environment (env.ts). Single sign-on is on when WRIT_OIDC_ISSUER is set; then the
 * client id, secret and redirect URL are required too.
 */
import { parseRoleMap, type RoleMap } from '../domain/staff-role-claims.ts';

export interface SsoConfig {
  /** The OpenID provider's issuer identifier (its discovery document is read from it). */
  issuer: URL;
  clientId: string;
  /** Secret; never logged nor echoed in an error. */
  clientSecret: string;
  /** Writ's callback as registered at the provider: …/api/v1/session/sso/callback. */
  redirectUrl: URL;
  /** Scopes asked for, space-separated; always with `openid`. */
  scope: string;
  /** The claim that carries the person's roles or groups; dots reach into objects. */
  rolesClaim: string;
  roleMap: RoleMap;
}

export const SSO_CALLBACK_PATH = '/api/v1/session/sso/callback';

/** Plain http is allowed only to this machine (a provider run beside Writ, as in the tests). */
export const isLoopback = (u: URL) =>
  u.hostname === 'localhost' || u.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(u.hostname);

function url(env: NodeJS.ProcessEnv, name: string, problems: string[], example: string): URL | null {
  const raw = env[name]?.trim();
  if (!raw) {
    problems.push(`${name} is required when WRIT_OIDC_ISSUER is set (e.g. "${example}")`);
    return null;
  }
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    problems.push(`${name} is not a valid URL (e.g. "${example}")`);
    return null;
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && isLoopback(u))) {
    problems.push(`${name} must be an https:// URL (plain http only on this machine's loopback address)`);
    return null;
  }
  return u;
}

/** Reads and checks the WRIT_OIDC_* variables, adding each problem to `problems`; null when off. */
export function loadSsoConfig(env: NodeJS.ProcessEnv, problems: string[]): SsoConfig | null {
  if (!env.WRIT_OIDC_ISSUER?.trim()) {
    const stray = ['WRIT_OIDC_CLIENT_ID', 'WRIT_OIDC_CLIENT_SECRET', 'WRIT_OIDC_REDIRECT_URL'].filter((n) =>
      env[n]?.trim(),
    );
    if (stray.length) problems.push(`${stray.join(', ')} set without WRIT_OIDC_ISSUER`);
    return null;
  }
  const before = problems.length;
  const issuer = url(env, 'WRIT_OIDC_ISSUER', problems, 'https://login.provider.example/realms/staff');
  const redirectUrl = url(env, 'WRIT_OIDC_REDIRECT_URL', problems, `https://writ.provider.example${SSO_CALLBACK_PATH}`);
  if (redirectUrl && redirectUrl.pathname !== SSO_CALLBACK_PATH)
    problems.push(`WRIT_OIDC_REDIRECT_URL must end in ${SSO_CALLBACK_PATH} (got "${redirectUrl.pathname}")`);
  const clientId = env.WRIT_OIDC_CLIENT_ID?.trim() ?? '';
  if (!clientId) problems.push('WRIT_OIDC_CLIENT_ID is required when WRIT_OIDC_ISSUER is set');
  const clientSecret = env.WRIT_OIDC_CLIENT_SECRET?.trim() ?? '';
  if (!clientSecret) problems.push('WRIT_OIDC_CLIENT_SECRET is required when WRIT_OIDC_ISSUER is set');
  const scope = env.WRIT_OIDC_SCOPE?.trim() || 'openid email profile';
  if (!scope.split(/\s+/).includes('openid')) problems.push(`WRIT_OIDC_SCOPE must include "openid" (got "${scope}")`);
  const rolesClaim = env.WRIT_OIDC_ROLES_CLAIM?.trim() || 'roles';
  const roles = parseRoleMap(env.WRIT_OIDC_ROLE_MAP ?? '');
  for (const p of roles.problems) problems.push(`WRIT_OIDC_ROLE_MAP: ${p}`);
  if (problems.length > before || !issuer || !redirectUrl) return null;
  return { issuer, clientId, clientSecret, redirectUrl, scope, rolesClaim, roleMap: roles.map };
}

/** Where passkeys are bound: the origin people open Writ at, and its host name as relying party id. */
export interface PasskeyConfig {
  /** e.g. https://writ.provider.example; null: the origin of each request (for a local Writ). */
  origin: string | null;
}

export function loadPasskeyConfig(env: NodeJS.ProcessEnv, problems: string[]): PasskeyConfig {
  const raw = env.WRIT_PUBLIC_URL?.trim();
  if (!raw) return { origin: null };
  try {
    const u = new URL(raw);
    if (u.protocol !== 'https:' && !(u.protocol === 'http:' && isLoopback(u))) {
      problems.push('WRIT_PUBLIC_URL must be an https:// URL (plain http only on this machine)');
      return { origin: null };
    }
    if (/^[\d.]+$|^\[/.test(u.hostname))
      problems.push('WRIT_PUBLIC_URL must name a host, not an IP address (passkeys are bound to a domain name)');
    return { origin: u.origin };
  } catch {
    problems.push('WRIT_PUBLIC_URL is not a valid URL (e.g. "https://writ.provider.example")');
    return { origin: null };
  }
}
