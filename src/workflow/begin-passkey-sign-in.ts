/**
 * Signing in with password and passkey, first step: the password is checked as for a TOTP
 * sign-in (counted before the hash, lock-out, one refusal event), and a sign-in attempt is opened
 * with a fresh challenge, kept five minutes under the attempt's hash and usable once. The answer
 * is the same whether the password was right or not: an attempt and request options that name no
 * credential (passkeys are discoverable), so the refusal comes only after the passkey, and never
 * says which factor failed.
 */
import { randomBytes } from 'node:crypto';
import { generateAuthenticationOptions, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { DomainError } from '../domain/errors.ts';
import { saveChallenge } from '../store/passkey-repository.ts';
import type { WorkflowContext } from './context.ts';
import { checkPassword, type PasswordVerifier } from './sign-in.ts';
import { CHALLENGE_MINUTES, type RelyingParty } from './support/relying-party.ts';

export const signInKey = (attempt: string) => `sign-in:${attempt}`;

export interface PasskeySignInStarted {
  /** The attempt's id, to send back with the passkey's answer; kept by Writ only as a hash. */
  attempt: string;
  options: PublicKeyCredentialRequestOptionsJSON;
}

export async function beginPasskeySignIn(
  ctx: WorkflowContext,
  o: { email: string; password: string; rp: RelyingParty },
  verifyPassword?: PasswordVerifier,
): Promise<PasskeySignInStarted> {
  const now = ctx.now();
  let principalId: string | null = null;
  try {
    principalId = (await checkPassword(ctx, o, now, verifyPassword)).principalId;
  } catch (e) {
    // Refused (and recorded): the attempt goes on with no one behind it, to fail at its end.
    if (!(e instanceof DomainError && e.code === 'unauthenticated')) throw e;
  }
  const options = await generateAuthenticationOptions({
    rpID: o.rp.id,
    allowCredentials: [],
    userVerification: 'preferred',
    timeout: CHALLENGE_MINUTES * 60_000,
  });
  const attempt = randomBytes(32).toString('base64url');
  await saveChallenge(
    ctx.db,
    signInKey(attempt),
    { purpose: 'sign_in', principalId, challenge: options.challenge },
    now,
    new Date(now.getTime() + CHALLENGE_MINUTES * 60_000),
  );
  return { attempt, options };
}
