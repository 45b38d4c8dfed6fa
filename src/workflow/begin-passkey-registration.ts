/**
 * A signed-in person asks to register a passkey: the options for the browser (a fresh challenge,
 * Writ as relying party, the person, the passkeys they already have so the same one is not added
 * twice). The challenge is kept for five minutes under the browser session that asked, and works
 * once. Passkeys must be discoverable (resident) credentials: signing in then never needs to name
 * the person's credentials, so the options tell nobody whether a password was right.
 */
import { generateRegistrationOptions, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import type { Principal } from '../domain/principal.ts';
import { passkeysOf, saveChallenge } from '../store/passkey-repository.ts';
import type { WorkflowContext } from './context.ts';
import { CHALLENGE_MINUTES, RP_NAME, type RelyingParty } from './support/relying-party.ts';

export const registrationKey = (sessionId: string) => `register:${sessionId}`;

export async function beginPasskeyRegistration(
  ctx: WorkflowContext,
  o: { principal: Principal; email: string; sessionId: string; rp: RelyingParty },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const now = ctx.now();
  const existing = await passkeysOf(ctx.db, o.principal.id);
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: o.rp.id,
    userName: o.email,
    userID: new TextEncoder().encode(o.principal.id),
    userDisplayName: o.principal.name,
    attestationType: 'none',
    timeout: CHALLENGE_MINUTES * 60_000,
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports as never })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
  await saveChallenge(
    ctx.db,
    registrationKey(o.sessionId),
    { purpose: 'register', principalId: o.principal.id, challenge: options.challenge },
    now,
    new Date(now.getTime() + CHALLENGE_MINUTES * 60_000),
  );
  return options;
}
