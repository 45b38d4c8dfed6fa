/**
 * Sign a person in with e-mail, password and TOTP code; open a browser session. Five wrong
 * attempts lock the account for fifteen minutes. Every outcome is an event; the answer to the
 * caller never says which factor failed.
 */
import { verify } from '@node-rs/argon2';
import { DomainError } from '../domain/errors.ts';
import { SYSTEM, type IdentityEvent } from '../domain/events.ts';
import { matchTotp } from '../domain/totp.ts';
import { appendEvent } from '../store/event-repository.ts';
import { createSession, findCredentials, recordFailedSignIn, recordSignIn } from '../store/session-repository.ts';
import type { WorkflowContext } from './context.ts';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;
export const SESSION_HOURS = 8;

// A fixed argon2id hash to verify against when the e-mail is unknown, so timing does not tell
// whether an account exists.
const DECOY = '$argon2id$v=19$m=19456,t=2,p=1$7Fv7rYYBFPzWSjMhMw0E+Q$l+mRWbDyQsdmQFNBKrz/f7rH1fLn2dN544eKxdzUG4s';

export interface SignInOptions {
  email: string;
  password: string;
  totp: string;
}

export interface SignedIn {
  principalId: string;
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function signIn(ctx: WorkflowContext, o: SignInOptions): Promise<SignedIn> {
  const now = ctx.now();
  const c = await findCredentials(ctx.db, o.email);
  const refuse = async (
    principalId: string | null,
    reason: Extract<IdentityEvent, { type: 'session.refused' }>['reason'],
  ) => {
    await appendEvent(ctx.db, null, SYSTEM, { type: 'session.refused', principalId, reason }, now);
    return new DomainError('unauthenticated', 'The e-mail, password or code is wrong, or the account is locked');
  };
  if (!c?.passwordHash || !c.totpSecret) {
    await verify(DECOY, o.password).catch(() => false);
    throw await refuse(c?.principalId ?? null, 'unknown');
  }
  if (c.disabled) throw await refuse(c.principalId, 'disabled');
  if (c.lockedUntil && c.lockedUntil > now) throw await refuse(c.principalId, 'locked');
  const fail = async (reason: 'password' | 'second_factor') => {
    const lock = c.failedSignIns + 1 >= MAX_FAILED_SIGN_INS ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
    await recordFailedSignIn(ctx.db, c.principalId, lock);
    return refuse(c.principalId, reason);
  };
  if (!(await verify(c.passwordHash, o.password).catch(() => false))) throw await fail('password');
  const counter = matchTotp(c.totpSecret, o.totp, now, c.totpLastCounter);
  if (counter === null) throw await fail('second_factor');

  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  return ctx.db.transaction().execute(async (tx) => {
    await recordSignIn(tx, c.principalId, counter);
    const { sessionId, csrfToken } = await createSession(tx, c.principalId, expiresAt);
    await appendEvent(tx, null, SYSTEM, { type: 'session.started', principalId: c.principalId }, now);
    return { principalId: c.principalId, sessionId, csrfToken, expiresAt };
  });
}
