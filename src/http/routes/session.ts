/** Signing in and out of the browser applications. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type as T } from '@sinclair/typebox';
import { SYSTEM } from '../../domain/events.ts';
import { appendEvent } from '../../store/event-repository.ts';
import { deleteSession } from '../../store/session-repository.ts';
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

  app.delete('/api/v1/session', { schema: { tags: ['session'], summary: 'Sign out' } }, async (req, reply) => {
    const caller = callerOf(req);
    const sid = req.cookies?.[SESSION_COOKIE];
    if (sid) await deleteSession(ctx.db, sid);
    await appendEvent(ctx.db, null, SYSTEM, { type: 'session.ended', principalId: caller.id }, ctx.now());
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
}
