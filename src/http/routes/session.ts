/** Signing in and out of the browser applications. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type as T } from '@sinclair/typebox';
import { SYSTEM } from '../../domain/events.ts';
import { appendEvent } from '../../store/event-repository.ts';
import { DomainError } from '../../domain/errors.ts';
import { csrfTokenFor, deleteSession, hashCsrf, principalForSession } from '../../store/session-repository.ts';
import type { WorkflowContext } from '../../workflow/context.ts';
import { signIn } from '../../workflow/sign-in.ts';
import { SESSION_COOKIE, callerOf } from '../auth.ts';

const SignInBody = T.Object(
  {
    email: T.String({ format: 'email', maxLength: 320 }),
    password: T.String({ minLength: 1, maxLength: 1024 }),
    totp: T.String({ pattern: '^[0-9]{6}$' }),
  },
  { additionalProperties: false },
);

/** The session cookie, however the session was opened: HttpOnly, SameSite=Strict, Secure over HTTPS. */
export function setSessionCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  s: { sessionId: string; expiresAt: Date },
  now: Date,
): void {
  // Max-Age, not Expires: the browser counts the lifetime from its own clock, so a client whose
  // clock differs from the server's still keeps the cookie; the server enforces expiresAt itself.
  const maxAge = Math.max(0, Math.round((s.expiresAt.getTime() - now.getTime()) / 1000));
  reply.setCookie(SESSION_COOKIE, s.sessionId, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.protocol === 'https',
    path: '/',
    maxAge,
  });
}

export function sessionRoutes(app: FastifyInstance, ctx: WorkflowContext): void {
  app.post(
    '/api/v1/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign in with e-mail, password and TOTP code; sets the session cookie',
        body: SignInBody,
        security: [],
      },
      // Per address and account: guessing is slowed, colleagues behind one address are not locked out.
      config: {
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (req) =>
            `${req.ip}:${String((req.body as { email?: string } | undefined)?.email ?? '').toLowerCase()}`,
        },
      },
    },
    async (req, reply) => {
      const b = req.body as { email: string; password: string; totp: string };
      const s = await signIn(ctx, b);
      setSessionCookie(req, reply, s, ctx.now());
      return reply
        .status(201)
        .send({ principalId: s.principalId, csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() });
    },
  );

  // The session this browser holds (its cookie), with its CSRF token: how a new tab, a bookmark or a
  // reload carries on without signing in again. Only a same-origin script can read the answer (no
  // CORS is granted, and a browser that says where a request comes from must say same-origin), and
  // the SameSite=Strict cookie never rides on another site's request. See docs/SECURITY.md.
  app.get(
    '/api/v1/session',
    { schema: { tags: ['session'], summary: "The browser session's CSRF token and expiry (same origin only)" } },
    async (req, reply) => {
      callerOf(req);
      const site = req.headers['sec-fetch-site'];
      if (site !== undefined && site !== 'same-origin')
        throw new DomainError('forbidden', 'The session is only told to a page of this origin');
      const sid = req.cookies?.[SESSION_COOKIE];
      const session = sid && !req.headers.authorization ? await principalForSession(ctx.db, sid, ctx.now()) : undefined;
      if (!sid || !session) throw new DomainError('not_found', 'No browser session: this request uses an API token');
      const csrfToken = csrfTokenFor(sid);
      // A session opened before tokens were derived from it has another token: sign in again.
      if (hashCsrf(csrfToken) !== session.csrfHash)
        throw new DomainError('unauthenticated', 'This session predates the current sign-in: sign in again');
      reply.header('cache-control', 'no-store');
      return { principalId: session.principal.id, csrfToken, expiresAt: session.expiresAt.toISOString() };
    },
  );

  app.delete('/api/v1/session', { schema: { tags: ['session'], summary: 'Sign out' } }, async (req, reply) => {
    const caller = callerOf(req);
    const sid = req.cookies?.[SESSION_COOKIE];
    if (sid) await deleteSession(ctx.db, sid);
    await appendEvent(ctx.db, null, SYSTEM, { type: 'session.ended', principalId: caller.id }, ctx.now());
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
}
