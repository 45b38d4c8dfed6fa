/**
 * Single sign-on for staff (OpenID Connect). The browser goes to GET /api/v1/session/sso, which
 * sends it on to the identity provider with a binding cookie; the provider sends it back to the
 * callback, which opens the same session as a password sign-in (HttpOnly cookie, CSRF token) and
 * sends the browser to the console, whose page asks GET /api/v1/session for the CSRF token as any
 * new tab does (nothing secret travels in the address). A refusal sends it to the sign-in page with
 * the reason in the fragment. Both legs are navigations, so both answer with redirects.
 */
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import type { OidcClient } from '../../sso/oidc-client.ts';
import { beginSingleSignOn, SSO_ATTEMPT_MINUTES } from '../../workflow/begin-single-sign-on.ts';
import { completeSingleSignOn, SingleSignOnRefused } from '../../workflow/complete-single-sign-on.ts';
import type { WorkflowContext } from '../../workflow/context.ts';
import { setSessionCookie } from './session.ts';

/** The cookie that ties an attempt to the browser that began it. */
export const SSO_COOKIE = 'writ_sso';
const SSO_COOKIE_PATH = '/api/v1/session/sso';
/** Where a signed-on staff member lands. */
export const SSO_LANDING = '/console';
/** Where the sign-in page learns why single sign-on was refused. */
export const SSO_REFUSED = '/#sso-refused=';

const perAddress = { rateLimit: { max: 30, timeWindow: '1 minute', keyGenerator: (req: { ip: string }) => req.ip } };

export function singleSignOnRoutes(app: FastifyInstance, ctx: WorkflowContext, client: OidcClient | null): void {
  app.get(
    '/api/v1/session/options',
    {
      schema: {
        tags: ['session'],
        summary: 'The ways to sign in this Writ offers',
        security: [],
        response: {
          200: {
            type: 'object',
            properties: { singleSignOn: { type: 'boolean' }, passkeys: { type: 'boolean' } },
            required: ['singleSignOn', 'passkeys'],
          },
        },
      },
    },
    async () => ({ singleSignOn: client !== null, passkeys: true }),
  );

  app.get(
    '/api/v1/session/sso',
    {
      schema: {
        tags: ['session'],
        summary: 'Begin single sign-on for staff: redirects to the identity provider',
        security: [],
      },
      config: perAddress,
    },
    async (req, reply) => {
      if (!client) throw new DomainError('unavailable', 'Single sign-on is not configured on this Writ');
      let started: Awaited<ReturnType<typeof beginSingleSignOn>>;
      try {
        started = await beginSingleSignOn(ctx, client);
      } catch (e) {
        // The provider is away: back to the sign-in page, which says so and offers the password.
        if (e instanceof DomainError && e.code === 'unavailable') {
          req.log.warn(e.message);
          return reply.redirect(`${SSO_REFUSED}unavailable`, 303);
        }
        throw e;
      }
      // Lax, not Strict: the provider's redirect back is a cross-site navigation, and must carry it.
      reply.setCookie(SSO_COOKIE, started.browser, {
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        path: SSO_COOKIE_PATH,
        maxAge: SSO_ATTEMPT_MINUTES * 60,
      });
      return reply.redirect(started.authorizationUrl.href, 303);
    },
  );

  app.get(
    '/api/v1/session/sso/callback',
    {
      schema: {
        tags: ['session'],
        summary: 'Where the identity provider sends the browser back; opens the session and redirects',
        security: [],
      },
      config: perAddress,
    },
    async (req, reply) => {
      if (!client) throw new DomainError('unavailable', 'Single sign-on is not configured on this Writ');
      const query = new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1 || req.url.length));
      reply.clearCookie(SSO_COOKIE, { path: SSO_COOKIE_PATH });
      try {
        const s = await completeSingleSignOn(ctx, {
          client,
          query,
          browser: req.cookies?.[SSO_COOKIE],
          log: (m) => req.log.warn(m),
        });
        setSessionCookie(req, reply, s, ctx.now());
        return reply.redirect(SSO_LANDING, 303);
      } catch (e) {
        if (e instanceof SingleSignOnRefused) return reply.redirect(`${SSO_REFUSED}${e.reason}`, 303);
        if (e instanceof DomainError && e.code === 'unavailable')
          return reply.redirect(`${SSO_REFUSED}unavailable`, 303);
        throw e;
      }
    },
  );
}
