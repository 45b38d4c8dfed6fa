/**
 * The second leg of single sign-on, at Writ's callback. The state must be one Writ issued, unused,
 * unexpired and started in this browser; it is used up whatever follows. openid-client then checks
 * the provider's answer (code for tokens with the PKCE verifier; the ID token's signature, issuer,
 * audience, expiry and nonce). The person must have a verified e-mail address. The staff member is
 * the one tied to the provider's subject, or else the staff member with that e-mail (then tied to
 * the subject), or else a new one; the roles are set from the claims at every sign-in, so a role
 * taken away at the provider is taken away in Writ. No role at all: refused, and any session the
 * person still had ends. Every refusal is a `session.refused` event with its reason.
 */
import { DomainError } from '../domain/errors.ts';
import { SYSTEM, type SingleSignOnRefusal } from '../domain/events.ts';
import { rolesFromClaims } from '../domain/staff-role-claims.ts';
import { type OidcClient, SsoRefused, SsoUnavailable, type VerifiedIdentity } from '../sso/oidc-client.ts';
import { appendEvent } from '../store/event-repository.ts';
import { createPrincipal } from '../store/principal-repository.ts';
import {
  deleteSessionsOf,
  findSsoPrincipal,
  lockSsoIdentity,
  takeSsoAttempt,
  updateSsoPrincipal,
} from '../store/sso-repository.ts';
import type { WorkflowContext } from './context.ts';
import { type OpenedSession, openSession } from './support/open-session.ts';

/** A refused single sign-on; `reason` is also what the sign-in page is told, to say what to do. */
export class SingleSignOnRefused extends DomainError {
  constructor(
    readonly reason: SingleSignOnRefusal | 'disabled',
    detail: string,
  ) {
    super('unauthenticated', detail);
  }
}

export interface CompleteSingleSignOn {
  client: OidcClient;
  /** The callback's query string (code, state, iss; or the provider's error). */
  query: URLSearchParams;
  /** The browser binding cookie, if the browser sent it. */
  browser: string | undefined;
  /** Told to the log, never to the person: which check failed. */
  log?: (message: string) => void;
}

const sameRoles = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((r) => b.includes(r));

export async function completeSingleSignOn(ctx: WorkflowContext, o: CompleteSingleSignOn): Promise<OpenedSession> {
  const now = ctx.now();
  const refuse = async (
    principalId: string | null,
    reason: SingleSignOnRefusal | 'disabled',
    detail: string,
  ): Promise<never> => {
    await appendEvent(ctx.db, null, SYSTEM, { type: 'session.refused', principalId, reason }, now);
    throw new SingleSignOnRefused(reason, detail);
  };

  const state = o.query.get('state');
  const secrets = state && o.browser ? await takeSsoAttempt(ctx.db, state, o.browser, now) : undefined;
  if (!secrets)
    return refuse(
      null,
      'sso_state',
      'This sign-in is unknown, was already used, has expired or began in another browser',
    );

  let who: VerifiedIdentity;
  try {
    who = await o.client.verify(o.query, secrets);
  } catch (e) {
    if (e instanceof SsoUnavailable)
      throw new DomainError(
        'unavailable',
        'Single sign-on is not available now: the identity provider cannot be reached',
      );
    if (!(e instanceof SsoRefused)) throw e;
    o.log?.(`single sign-on refused (${e.code}): ${e.message}`);
    return refuse(null, 'sso_token', 'The identity provider’s answer did not pass the checks');
  }
  if (!who.email || !who.emailVerified)
    return refuse(null, 'sso_email', 'The identity provider has not verified this person’s e-mail address');
  const email = who.email;
  const roles = rolesFromClaims(who.claims, o.client.config.rolesClaim, o.client.config.roleMap);

  const outcome = await ctx.db.transaction().execute(async (tx) => {
    await lockSsoIdentity(tx, who.issuer, who.subject, email);
    const found = await findSsoPrincipal(tx, who.issuer, who.subject, email);
    if (found && found.kind !== 'staff') return { refused: 'sso_not_staff' as const, principalId: found.id };
    // An e-mail already tied to another subject of this provider: someone else's account.
    if (found?.oidcSubject && (found.oidcIssuer !== who.issuer || found.oidcSubject !== who.subject))
      return { refused: 'sso_not_staff' as const, principalId: found.id };
    if (found?.disabled) return { refused: 'disabled' as const, principalId: found.id };
    if (!found && !roles.length) return { refused: 'sso_no_role' as const, principalId: null };

    let principalId: string;
    if (found) {
      principalId = found.id;
      await updateSsoPrincipal(tx, found.id, { issuer: who.issuer, subject: who.subject, roles });
      if (!sameRoles(found.roles, roles))
        await appendEvent(
          tx,
          null,
          SYSTEM,
          {
            type: 'principal.roles_changed',
            principalId,
            roles: [...roles],
            previous: [...found.roles],
            source: 'single_sign_on',
          },
          now,
        );
      if (!roles.length) {
        await deleteSessionsOf(tx, principalId);
        return { refused: 'sso_no_role' as const, principalId };
      }
    } else {
      principalId = await createPrincipal(tx, { kind: 'staff', name: who.name ?? email, email, roles });
      await updateSsoPrincipal(tx, principalId, { issuer: who.issuer, subject: who.subject, roles });
      await appendEvent(tx, null, SYSTEM, { type: 'principal.enrolled', principalId, kind: 'staff' }, now);
    }
    return { session: await openSession(tx, principalId, now, 'single_sign_on') };
  });
  if (outcome.session) return outcome.session;
  const detail: Record<typeof outcome.refused, string> = {
    sso_not_staff: 'This e-mail address belongs to someone who cannot sign in with single sign-on',
    disabled: 'This account is disabled',
    sso_no_role: 'The identity provider grants this person no role in Writ',
  };
  return refuse(outcome.principalId, outcome.refused, detail[outcome.refused]);
}
