/**
 * Authentication and the access check, as Fastify hooks. Two ways in: a bearer API token (agency
 * systems, scripts) or a browser session cookie set at sign-in (HttpOnly, SameSite=Strict), which
 * for any state-changing request must come with the session's CSRF token in `x-csrf-token`. The
 * policy itself lives in access-policy.ts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.ts';
import { principalRoles, type Principal } from '../domain/principal.ts';
import type { Db } from '../store/database.ts';
import { principalForToken } from '../store/principal-repository.ts';
import { hashCsrf, principalForSession } from '../store/session-repository.ts';

export const SESSION_COOKIE = 'writ_session';
/** The detail of a refusal by the access policy (as opposed to a handler's own scoping). */
export const ROLE_DENIED = 'Your role may not do this';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
import { accessFor } from './access-policy.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Every route registered, as the access policy names it (for the authorisation matrix test). */
    routeTable: { method: string; url: string }[];
  }
  interface FastifyContextConfig {
    access?: 'public' | readonly string[];
  }
}

/** The authenticated caller; routes that are not public never run without one. */
export function callerOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new DomainError('unauthenticated');
  return req.principal;
}

/**
 * Token lookups are cached for a few seconds: an API client sends many requests with one token, and
 * each lookup is a database round trip. A revoked token or disabled principal stops working within
 * TOKEN_CACHE_MS. Unknown tokens are not cached (nothing to gain, and guessing must stay costly).
 */
export const TOKEN_CACHE_MS = 5_000;
const TOKEN_CACHE_MAX = 10_000;

function cachedLookup(db: Db, now: () => Date) {
  const cache = new Map<string, { principal: Principal; until: number }>();
  return async (token: string): Promise<Principal | undefined> => {
    const t = now().getTime();
    const hit = cache.get(token);
    if (hit && hit.until > t) return hit.principal;
    const principal = await principalForToken(db, token, now());
    if (!principal) {
      cache.delete(token);
      return undefined;
    }
    if (cache.size >= TOKEN_CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(token, { principal, until: t + TOKEN_CACHE_MS });
    return principal;
  };
}

export function registerAuth(app: FastifyInstance, db: Db, now: () => Date): void {
  app.decorateRequest('principal', null);
  app.decorate('routeTable', [] as { method: string; url: string }[]);
  const lookup = cachedLookup(db, now);

  // Refuse to start with a route that has no row in the access policy.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) {
      // A HEAD route (Fastify adds one for every GET) answers to the same rule as its GET.
      const access = accessFor(m === 'HEAD' ? 'GET' : m, route.url);
      if (!access)
        throw new Error(`route ${m} ${route.url} has no row in the access policy (src/http/access-policy.ts)`);
      if (m !== 'HEAD') app.routeTable.push({ method: m, url: route.url });
      route.config = { ...(route.config as object), access };
    }
  });

  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config?.access;
    if (!access || access === 'public') return; // unknown routes fall through to the 404 handler
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    let principal = token ? await lookup(token) : undefined;
    const sessionId = !token ? req.cookies?.[SESSION_COOKIE] : undefined;
    if (sessionId) {
      const session = await principalForSession(db, sessionId, now());
      if (session && !SAFE_METHODS.has(req.method)) {
        const csrf = req.headers['x-csrf-token'];
        if (typeof csrf !== 'string' || hashCsrf(csrf) !== session.csrfHash)
          throw new DomainError('forbidden', 'Missing or wrong x-csrf-token header for this session');
      }
      principal = session?.principal;
    }
    if (!principal)
      throw new DomainError('unauthenticated', 'Sign in, or send a valid API token as "Authorization: Bearer <token>"');
    const roles = principalRoles(principal);
    if (!roles.some((r) => access.includes(r))) throw new DomainError('forbidden', ROLE_DENIED);
    req.principal = principal;
  });
}
