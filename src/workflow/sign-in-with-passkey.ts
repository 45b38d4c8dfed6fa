/**
 * Signing in with password and passkey, second step: the attempt must be one Writ opened, unused
 * and unexpired (it is used up whatever follows), its password must have been right, and the
 * passkey must be one of that person's; the assertion is checked against the attempt's challenge,
 * this origin and relying party, and the stored public key; its signature counter must have moved
 * on (a cloned authenticator shows an old one), and is recorded only if no other use moved it
 * first. Then the session opens as after a TOTP sign-in, and the use is an event. Every refusal
 * says only that the e-mail, password or passkey was wrong.
 */
import { type AuthenticationResponseJSON, verifyAuthenticationResponse } from '@simplewebauthn/server';
import { DomainError } from '../domain/errors.ts';
import { SYSTEM } from '../domain/events.ts';
import { appendEvent } from '../store/event-repository.ts';
import { findPasskey, recordPasskeyUse, takeChallenge } from '../store/passkey-repository.ts';
import { clearFailedSignIns } from '../store/session-repository.ts';
import { signInKey } from './begin-passkey-sign-in.ts';
import type { WorkflowContext } from './context.ts';
import { refuseSignIn, SIGN_IN_REFUSED } from './sign-in.ts';
import { type OpenedSession, openSession } from './support/open-session.ts';
import type { RelyingParty } from './support/relying-party.ts';

export async function signInWithPasskey(
  ctx: WorkflowContext,
  o: { attempt: string; response: AuthenticationResponseJSON; rp: RelyingParty },
): Promise<OpenedSession> {
  const now = ctx.now();
  const challenge = await takeChallenge(ctx.db, signInKey(o.attempt), 'sign_in', now);
  if (!challenge) throw await refuseSignIn(ctx, null, 'passkey', now);
  const principalId = challenge.principalId;
  // The password was wrong (its refusal was recorded then): refused now, with the same answer.
  if (!principalId) throw new DomainError('unauthenticated', SIGN_IN_REFUSED);
  const passkey = await findPasskey(ctx.db, o.response.id);
  if (!passkey || passkey.principalId !== principalId) throw await refuseSignIn(ctx, principalId, 'passkey', now);

  let newCounter: number;
  try {
    const v = await verifyAuthenticationResponse({
      response: o.response,
      expectedChallenge: challenge.challenge,
      expectedOrigin: o.rp.origin,
      expectedRPID: o.rp.id,
      credential: { id: passkey.id, publicKey: passkey.publicKey as never, counter: passkey.counter },
      requireUserVerification: false,
    });
    if (!v.verified) throw new Error('not verified');
    newCounter = v.authenticationInfo.newCounter;
  } catch {
    throw await refuseSignIn(ctx, principalId, 'passkey', now);
  }

  const opened = await ctx.db.transaction().execute(async (tx) => {
    if (!(await recordPasskeyUse(tx, passkey.id, passkey.counter, newCounter, now))) return null;
    await clearFailedSignIns(tx, principalId);
    await appendEvent(tx, null, SYSTEM, { type: 'passkey.used', principalId, passkeyId: passkey.id }, now);
    return openSession(tx, principalId, now, 'passkey');
  });
  if (!opened) throw await refuseSignIn(ctx, principalId, 'passkey', now);
  return opened;
}
