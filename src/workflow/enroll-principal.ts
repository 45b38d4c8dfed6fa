/**
 * Give a person a way to sign in: a password (stored as an argon2id hash) and a TOTP second factor
 * (the secret is returned once, for the authenticator app). Agency officers are enrolled only from
 * a verified domain of their agency: an officer account is what lets an agency see and collect data.
 */
import { hash } from '@node-rs/argon2';
import { emailDomain } from '../domain/directory.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { SYSTEM, type Actor } from '../domain/events.ts';
import { newTotpSecret, otpauthUri } from '../domain/totp.ts';
import { findAgency } from '../store/directory-repository.ts';
import { appendEvent } from '../store/event-repository.ts';
import { createPrincipal, type NewPrincipal } from '../store/principal-repository.ts';
import { setCredentials } from '../store/session-repository.ts';
import type { WorkflowContext } from './context.ts';

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
export const ARGON2_OPTIONS = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
export const MIN_PASSWORD_LENGTH = 12;

export interface EnrollPrincipalOptions {
  principal: NewPrincipal;
  password: string;
  actor?: Actor;
}

export interface Enrolment {
  principalId: string;
  totpSecret: string;
  otpauthUri: string;
}

export async function enrollPrincipal(ctx: WorkflowContext, o: EnrollPrincipalOptions): Promise<Enrolment> {
  const p = o.principal;
  if (o.password.length < MIN_PASSWORD_LENGTH)
    throw invalid([{ pointer: '/password', detail: `must be at least ${MIN_PASSWORD_LENGTH} characters` }]);
  if (p.kind === 'officer') {
    const agency = p.agencyId ? await findAgency(ctx.db, p.agencyId) : undefined;
    if (!agency) throw invalid([{ pointer: '/agencyId', detail: 'names no agency in the directory' }]);
    const domain = emailDomain(p.email);
    if (!agency.verifiedDomains.some((d) => domain === d || domain.endsWith(`.${d}`))) {
      throw new DomainError(
        'forbidden',
        `Officer accounts are created only from a verified domain of the agency (${agency.verifiedDomains.join(', ')})`,
      );
    }
  }
  const passwordHash = await hash(o.password, ARGON2_OPTIONS);
  const totpSecret = newTotpSecret();
  const principalId = await ctx.db.transaction().execute(async (tx) => {
    const id = await createPrincipal(tx, p);
    await setCredentials(tx, id, passwordHash, totpSecret);
    await appendEvent(
      tx,
      null,
      o.actor ?? SYSTEM,
      { type: 'principal.enrolled', principalId: id, kind: p.kind },
      ctx.now(),
    );
    return id;
  });
  return { principalId, totpSecret, otpauthUri: otpauthUri('Writ', p.email, totpSecret) };
}
