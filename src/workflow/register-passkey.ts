/**
 * The browser's answer to a registration: checked against the challenge Writ issued to this
 * session (used up whatever follows), this origin and relying party; the credential's public key
 * and counter are kept, and the registration is an event.
 */
import { type RegistrationResponseJSON, verifyRegistrationResponse } from '@simplewebauthn/server';
import { DomainError, invalid } from '../domain/errors.ts';
import type { Actor } from '../domain/events.ts';
import type { Principal } from '../domain/principal.ts';
import { appendEvent } from '../store/event-repository.ts';
import { findPasskey, insertPasskey, takeChallenge } from '../store/passkey-repository.ts';
import { registrationKey } from './begin-passkey-registration.ts';
import type { WorkflowContext } from './context.ts';
import type { RelyingParty } from './support/relying-party.ts';

export interface RegisteredPasskey {
  id: string;
  name: string;
  createdAt: Date;
}

export async function registerPasskey(
  ctx: WorkflowContext,
  o: {
    principal: Principal;
    actor: Actor;
    sessionId: string;
    rp: RelyingParty;
    name: string;
    response: RegistrationResponseJSON;
  },
): Promise<RegisteredPasskey> {
  const now = ctx.now();
  const challenge = await takeChallenge(ctx.db, registrationKey(o.sessionId), 'register', now);
  if (!challenge || challenge.principalId !== o.principal.id)
    throw new DomainError(
      'conflict',
      'No passkey registration is waiting for this session, or it expired: start again',
    );
  let info: Awaited<ReturnType<typeof verifyRegistrationResponse>>['registrationInfo'];
  try {
    const v = await verifyRegistrationResponse({
      response: o.response,
      expectedChallenge: challenge.challenge,
      expectedOrigin: o.rp.origin,
      expectedRPID: o.rp.id,
      requireUserVerification: false,
    });
    info = v.verified ? v.registrationInfo : undefined;
  } catch (e) {
    throw invalid([{ pointer: '/response', detail: `the passkey could not be verified: ${(e as Error).message}` }]);
  }
  if (!info) throw invalid([{ pointer: '/response', detail: 'the passkey could not be verified' }]);
  if (await findPasskey(ctx.db, info.credential.id))
    throw new DomainError('conflict', 'This passkey is already registered');
  return ctx.db.transaction().execute(async (tx) => {
    await insertPasskey(
      tx,
      {
        id: info.credential.id,
        principalId: o.principal.id,
        publicKey: info.credential.publicKey,
        counter: info.credential.counter,
        transports: info.credential.transports ?? [],
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        name: o.name,
      },
      now,
    );
    await appendEvent(
      tx,
      null,
      o.actor,
      { type: 'passkey.registered', principalId: o.principal.id, passkeyId: info.credential.id },
      now,
    );
    return { id: info.credential.id, name: o.name, createdAt: now };
  });
}
