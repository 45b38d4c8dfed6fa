/**
 * Single sign-on's rows: the attempts waiting for their callback (state and browser binding kept
 * as hashes), and the tie of a staff member to the provider's subject.
 */
import { createHash } from 'node:crypto';
import type { StaffRole } from '../domain/principal.ts';
import { sql } from 'kysely';
import type { Db, Tx } from './database.ts';

/** What an attempt keeps until its callback. */
export interface SsoSecrets {
  state: string;
  nonce: string;
  codeVerifier: string;
}

type Q = Db | Tx;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

export async function saveSsoAttempt(db: Q, s: SsoSecrets, browser: string, now: Date, expiresAt: Date): Promise<void> {
  await db.deleteFrom('sso_attempts').where('expires_at', '<', now).execute();
  await db
    .insertInto('sso_attempts')
    .values({
      state_hash: sha(s.state),
      browser_hash: sha(browser),
      nonce: s.nonce,
      code_verifier: s.codeVerifier,
      created_at: now,
      expires_at: expiresAt,
    })
    .execute();
}

/**
 * The attempt of this state, deleted as it is read: a state works once, whatever follows. Undefined
 * when unknown, already used, expired, or started in another browser.
 */
export async function takeSsoAttempt(
  db: Q,
  state: string,
  browser: string,
  now: Date,
): Promise<SsoSecrets | undefined> {
  const row = await db
    .deleteFrom('sso_attempts')
    .where('state_hash', '=', sha(state))
    .returning(['browser_hash', 'nonce', 'code_verifier', 'expires_at'])
    .executeTakeFirst();
  if (!row || row.browser_hash !== sha(browser) || new Date(row.expires_at) <= now) return undefined;
  return { state, nonce: row.nonce, codeVerifier: row.code_verifier };
}

export interface SsoPrincipal {
  id: string;
  kind: string;
  disabled: boolean;
  roles: StaffRole[];
  oidcIssuer: string | null;
  oidcSubject: string | null;
}

/** Serialise sign-ins of one subject or one e-mail address (the first one creates the principal). */
export async function lockSsoIdentity(tx: Tx, issuer: string, subject: string, email: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`sso-subject:${issuer} ${subject}`}, 0))`.execute(tx);
  await sql`select pg_advisory_xact_lock(hashtextextended(${`sso-email:${email}`}, 0))`.execute(tx);
}

/** The principal tied to this subject, or else the one with this e-mail address; its row locked. */
export async function findSsoPrincipal(
  tx: Tx,
  issuer: string,
  subject: string,
  email: string,
): Promise<SsoPrincipal | undefined> {
  const cols = ['id', 'kind', 'disabled', 'roles', 'oidc_issuer', 'oidc_subject'] as const;
  const bySubject = await tx
    .selectFrom('principals')
    .select(cols)
    .where('oidc_issuer', '=', issuer)
    .where('oidc_subject', '=', subject)
    .forUpdate()
    .executeTakeFirst();
  const row =
    bySubject ??
    (await tx.selectFrom('principals').select(cols).where('email', '=', email).forUpdate().executeTakeFirst());
  if (!row) return undefined;
  return {
    id: row.id,
    kind: row.kind,
    disabled: row.disabled,
    roles: row.roles as StaffRole[],
    oidcIssuer: row.oidc_issuer,
    oidcSubject: row.oidc_subject,
  };
}

/** Tie a staff member to the provider's subject, and set the roles its claims grant. */
export async function updateSsoPrincipal(
  tx: Tx,
  id: string,
  o: { issuer: string; subject: string; roles: StaffRole[] },
): Promise<void> {
  await tx
    .updateTable('principals')
    .set({ oidc_issuer: o.issuer, oidc_subject: o.subject, roles: o.roles })
    .where('id', '=', id)
    .execute();
}

/** Every session of a principal ends (its roles were all taken away at the provider). */
export async function deleteSessionsOf(tx: Q, principalId: string): Promise<void> {
  await tx.deleteFrom('sessions').where('principal_id', '=', principalId).execute();
}
