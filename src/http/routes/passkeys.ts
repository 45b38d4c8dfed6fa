/**
 * Passkeys (WebAuthn) as a second factor. A signed-in person registers one from a browser session
 * (options, then the browser's answer), lists and removes their own; signing in with password and
 * passkey is two calls, the second answering like POST /api/v1/session (HttpOnly cookie, CSRF token).
 * Passkeys are bound to WRIT_PUBLIC_URL's host, or to the host the request names when it is unset.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type as T } from '@sinclair/typebox';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { PasskeyConfig } from '../../config/sso-config.ts';
import { DomainError } from '../../domain/errors.ts';
import { passkeysOf } from '../../store/passkey-repository.ts';
import { beginPasskeyRegistration } from '../../workflow/begin-passkey-registration.ts';
import { beginPasskeySignIn } from '../../workflow/begin-passkey-sign-in.ts';
import type { WorkflowContext } from '../../workflow/context.ts';
import { registerPasskey } from '../../workflow/register-passkey.ts';
import { removePasskey } from '../../workflow/remove-passkey.ts';
import { signInWithPasskey } from '../../workflow/sign-in-with-passkey.ts';
import type { RelyingParty } from '../../workflow/support/relying-party.ts';
import { actorOf } from '../actor.ts';
import { SESSION_COOKIE, callerOf } from '../auth.ts';
import { setSessionCookie } from './session.ts';

/** A WebAuthn credential as @simplewebauthn/browser sends it; its content is checked by the use case. */
const Credential = T.Object(
  {
    id: T.String({ minLength: 1, maxLength: 1400, pattern: '^[A-Za-z0-9_-]+$' }),
    rawId: T.String({ minLength: 1, maxLength: 1400 }),
    type: T.Literal('public-key'),
    response: T.Object({}, { additionalProperties: true }),
    clientExtensionResults: T.Object({}, { additionalProperties: true }),
    authenticatorAttachment: T.Optional(T.String({ maxLength: 40 })),
  },
  { additionalProperties: true },
);

const PasskeyView = T.Object({
  id: T.String(),
  name: T.String(),
  createdAt: T.String({ format: 'date-time' }),
  lastUsedAt: T.Union([T.String({ format: 'date-time' }), T.Null()]),
  backedUp: T.Boolean(),
});

function relyingParty(req: FastifyRequest, config: PasskeyConfig): RelyingParty {
  if (config.origin) return { id: new URL(config.origin).hostname, origin: config.origin };
  return { id: req.hostname, origin: `${req.protocol}://${req.host}` };
}

/**
 * The browser session the request came with; registration is bound to it. With an API token the
 * caller may be who it says but is in no browser that could hold a passkey: a conflict with how it
 * signed in, not a matter of its role.
 */
function browserSession(req: FastifyRequest): string {
  const sid = req.cookies?.[SESSION_COOKIE];
  if (!sid || req.headers.authorization)
    throw new DomainError('conflict', 'Passkeys are registered from a browser signed in with a password');
  return sid;
}

export function passkeyRoutes(app: FastifyInstance, ctx: WorkflowContext, config: PasskeyConfig): void {
  const perAccount = {
    rateLimit: {
      max: 10,
      timeWindow: '1 minute',
      hook: 'preHandler' as const,
      keyGenerator: (req: FastifyRequest) =>
        `${req.ip}:${String((req.body as { email?: string } | undefined)?.email ?? '').toLowerCase()}`,
    },
  };

  app.post(
    '/api/v1/session/passkey/options',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign in with password and passkey, step 1: the password, and a challenge for the passkey',
        security: [],
        body: T.Object(
          {
            email: T.String({ format: 'email', maxLength: 320 }),
            password: T.String({ minLength: 1, maxLength: 1024 }),
          },
          { additionalProperties: false },
        ),
      },
      config: perAccount,
    },
    async (req) => {
      const b = req.body as { email: string; password: string };
      return beginPasskeySignIn(ctx, { ...b, rp: relyingParty(req, config) });
    },
  );

  app.post(
    '/api/v1/session/passkey',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign in with password and passkey, step 2: the passkey; sets the session cookie',
        security: [],
        body: T.Object(
          { attempt: T.String({ minLength: 20, maxLength: 100 }), response: Credential },
          { additionalProperties: false },
        ),
      },
      config: { rateLimit: { max: 10, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => req.ip } },
    },
    async (req, reply) => {
      const b = req.body as { attempt: string; response: AuthenticationResponseJSON };
      const s = await signInWithPasskey(ctx, { ...b, rp: relyingParty(req, config) });
      setSessionCookie(req, reply, s, ctx.now());
      return reply
        .status(201)
        .send({ principalId: s.principalId, csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() });
    },
  );

  app.get(
    '/api/v1/passkeys',
    { schema: { tags: ['session'], summary: 'Your passkeys', response: { 200: T.Array(PasskeyView) } } },
    async (req) =>
      (await passkeysOf(ctx.db, callerOf(req).id)).map((p) => ({
        id: p.id,
        name: p.name,
        createdAt: p.createdAt.toISOString(),
        lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
        backedUp: p.backedUp,
      })),
  );

  app.post(
    '/api/v1/passkeys/registration-options',
    { schema: { tags: ['session'], summary: 'Begin registering a passkey: the options for the browser' } },
    async (req) => {
      const principal = callerOf(req);
      const sessionId = browserSession(req);
      const { email } = await ctx.db
        .selectFrom('principals')
        .select('email')
        .where('id', '=', principal.id)
        .executeTakeFirstOrThrow();
      return beginPasskeyRegistration(ctx, { principal, email, sessionId, rp: relyingParty(req, config) });
    },
  );

  app.post(
    '/api/v1/passkeys',
    {
      schema: {
        tags: ['session'],
        summary: 'Register a passkey: the browser’s answer to the registration options',
        body: T.Object(
          { name: T.String({ minLength: 1, maxLength: 80, pattern: '\\S' }), response: Credential },
          { additionalProperties: false },
        ),
        response: { 201: T.Object({ id: T.String(), name: T.String(), createdAt: T.String() }) },
      },
    },
    async (req, reply) => {
      const principal = callerOf(req);
      const b = req.body as { name: string; response: RegistrationResponseJSON };
      const p = await registerPasskey(ctx, {
        principal,
        actor: actorOf(principal),
        sessionId: browserSession(req),
        rp: relyingParty(req, config),
        name: b.name.trim(),
        response: b.response,
      });
      return reply.status(201).send({ id: p.id, name: p.name, createdAt: p.createdAt.toISOString() });
    },
  );

  app.delete(
    '/api/v1/passkeys/:id',
    {
      schema: {
        tags: ['session'],
        summary: 'Remove one of your passkeys',
        params: T.Object({ id: T.String({ minLength: 1, maxLength: 1400 }) }),
      },
    },
    async (req, reply) => {
      const principal = callerOf(req);
      await removePasskey(ctx, { principal, actor: actorOf(principal), passkeyId: (req.params as { id: string }).id });
      return reply.status(204).send();
    },
  );
}
