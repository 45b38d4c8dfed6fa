/**
 * Sign a person in with e-mail, password and TOTP code; open a browser session. Five wrong
 * attempts lock the account for fifteen minutes. Every outcome is an event; the answer to the
 * caller never says which factor failed.
 *
 * Races and timing: an attempt is counted as a failure (atomically, in one UPDATE that also sets
 * the lock) before the slow password hash runs, so concurrent guesses cannot all read the count
 * before any is recorded; a success takes it back. A TOTP step is consumed by a conditional UPDATE,
 * so one code opens one session however many requests carry it. Every path, unknown, disabled and
 * locked accounts included, verifies exactly one argon2id hash of the same cost, so timing does not
 * tell them apart.
 */
import { verify as argon2Verify } from '@node-rs/argon2';
import { DomainError } from '../domain/errors.ts';
import { SYSTEM, type IdentityEvent } from '../domain/events.ts';
import { matchTotp } from '../domain/totp.ts';
import { appendEvent } from '../store/event-repository.ts';
import {
  type Credentials,
  claimSignInAttempt,
  consumeTotpStep,
  createSession,
  findCredentials,
} from '../store/session-repository.ts';
import type { WorkflowContext } from './context.ts';
import { SESSION_HOURS } from './support/open-session.ts';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;
export { SESSION_HOURS };

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

/** How a password is checked against its hash; a parameter only so tests can count the calls. */
export type PasswordVerifier = (hash: string, password: string) => Promise<boolean>;
const verifyArgon2: PasswordVerifier = (hash, password) => argon2Verify(hash, password).catch(() => false);

export type RefusalReason = Extract<IdentityEvent, { type: 'session.refused' }>['reason'];

/** Record a refused sign-in; the error to throw says nothing of which factor failed. */
export async function refuseSignIn(
  ctx: WorkflowContext,
  principalId: string | null,
  reason: RefusalReason,
  now: Date,
): Promise<DomainError> {
  await appendEvent(ctx.db, null, SYSTEM, { type: 'session.refused', principalId, reason }, now);
  return new DomainError('unauthenticated', SIGN_IN_REFUSED);
}

/** The one answer to every refused sign-in, whichever factor failed. */
export const SIGN_IN_REFUSED = 'The e-mail, password or code is wrong, or the account is locked';

export async function signIn(
  ctx: WorkflowContext,
  o: SignInOptions,
  verifyPassword: PasswordVerifier = verifyArgon2,
): Promise<SignedIn> {
  const now = ctx.now();
  const refuse = (principalId: string | null, reason: RefusalReason) => refuseSignIn(ctx, principalId, reason, now);
  const c = await checkPassword(ctx, o, now, verifyPassword);
  const counter = matchTotp(c.totpSecret!, o.totp, now, c.totpLastCounter);
  if (counter === null) throw await refuse(c.principalId, 'second_factor');

  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  const opened = await ctx.db.transaction().execute(async (tx) => {
    // Another request with the same code may have won the step meanwhile: then this one is a replay.
    if (!(await consumeTotpStep(tx, c.principalId, counter))) return null;
    const { sessionId, csrfToken } = await createSession(tx, c.principalId, expiresAt);
    await appendEvent(tx, null, SYSTEM, { type: 'session.started', principalId: c.principalId }, now);
    return { principalId: c.principalId, sessionId, csrfToken, expiresAt };
  });
  if (!opened) throw await refuse(c.principalId, 'second_factor');
  return opened;
}

/**
 * The first factor, however the second is given (TOTP code or passkey): the account must exist,
 * be enabled and not locked, and the password must match; the attempt is counted before the hash.
 * Throws the refusal (recorded); returns the credentials otherwise.
 */
export async function checkPassword(
  ctx: WorkflowContext,
  o: { email: string; password: string },
  now: Date,
  verifyPassword: PasswordVerifier = verifyArgon2,
): Promise<Credentials> {
  const refuse = (principalId: string | null, reason: RefusalReason) => refuseSignIn(ctx, principalId, reason, now);
  const c = await findCredentials(ctx.db, o.email);
  if (!c?.passwordHash || !c.totpSecret) {
    await verifyPassword(DECOY, o.password);
    throw await refuse(c?.principalId ?? null, 'unknown');
  }
  if (c.disabled) {
    await verifyPassword(DECOY, o.password);
    throw await refuse(c.principalId, 'disabled');
  }
  // Counted before the hash: refused here when locked, or when other attempts in flight used up the
  // remaining tries.
  const claimed = await claimSignInAttempt(
    ctx.db,
    c.principalId,
    now,
    MAX_FAILED_SIGN_INS,
    new Date(now.getTime() + LOCK_MINUTES * 60_000),
  );
  if (!claimed) {
    await verifyPassword(DECOY, o.password);
    throw await refuse(c.principalId, 'locked');
  }
  if (!(await verifyPassword(c.passwordHash, o.password))) throw await refuse(c.principalId, 'password');
  return c;
}
