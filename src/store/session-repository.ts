/** Browser sessions and sign-in credentials. Session ids and CSRF tokens are kept only as hashes. */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Principal } from '../domain/principal.ts';
import { sql } from 'kysely';
import type { Db, Tx } from './database.ts';
import { toPrincipal } from './principal-repository.ts';

type Q = Db | Tx;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

export interface Credentials {
  principalId: string;
  kind: string;
  disabled: boolean;
  passwordHash: string | null;
  totpSecret: string | null;
  totpLastCounter: number | null;
  failedSignIns: number;
  lockedUntil: Date | null;
}

export async function findCredentials(db: Q, email: string): Promise<Credentials | undefined> {
  const r = await db
    .selectFrom('principals')
    .select([
      'id',
      'kind',
      'disabled',
      'password_hash',
      'totp_secret',
      'totp_last_counter',
      'failed_sign_ins',
      'locked_until',
    ])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    principalId: r.id,
    kind: r.kind,
    disabled: r.disabled,
    passwordHash: r.password_hash,
    totpSecret: r.totp_secret,
    totpLastCounter: r.totp_last_counter === null ? null : Number(r.totp_last_counter),
    failedSignIns: r.failed_sign_ins,
    lockedUntil: r.locked_until,
  };
}

export async function setCredentials(
  db: Q,
  principalId: string,
  passwordHash: string,
  totpSecret: string,
): Promise<void> {
  await db
    .updateTable('principals')
    .set({
      password_hash: passwordHash,
      totp_secret: totpSecret,
      totp_last_counter: null,
      failed_sign_ins: 0,
      locked_until: null,
    })
    .where('id', '=', principalId)
    .execute();
}

/**
 * Count a sign-in attempt as a failure before its password is checked, in one statement: the row
 * lock makes concurrent attempts queue, and the attempt that reaches `max` sets the lock. An expired
 * lock starts a fresh count. False when the account is locked (nothing is counted then).
 */
export async function claimSignInAttempt(
  db: Q,
  principalId: string,
  now: Date,
  max: number,
  lockUntil: Date,
): Promise<boolean> {
  const r = await sql<{ id: string }>`
    update principals
       set failed_sign_ins = case when locked_until is not null then 1 else failed_sign_ins + 1 end,
           locked_until = case
             when (case when locked_until is not null then 1 else failed_sign_ins + 1 end) >= ${max}
             then ${lockUntil}::timestamptz end
     where id = ${principalId} and (locked_until is null or locked_until <= ${now})
     returning id`.execute(db);
  return r.rows.length === 1;
}

/**
 * A successful sign-in: take back the attempt counted for it and consume the TOTP step, only if no
 * sign-in has used this step or a later one (the update and the check are one statement, so two
 * requests with one code cannot both pass). False when the step was already used.
 */
export async function consumeTotpStep(db: Q, principalId: string, totpCounter: number): Promise<boolean> {
  const r = await db
    .updateTable('principals')
    .set({ failed_sign_ins: 0, locked_until: null, totp_last_counter: totpCounter })
    .where('id', '=', principalId)
    .where((eb) => eb.or([eb('totp_last_counter', 'is', null), eb('totp_last_counter', '<', String(totpCounter))]))
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/**
 * The CSRF token of a session, derived from its id (HMAC-SHA-256 keyed by the 256-bit session id).
 * Whoever holds the cookie can have it computed (GET /api/v1/session, same origin only), so every
 * tab of the browser that signed in gets it; nobody without the cookie can compute it, and the
 * token does not reveal the id. See docs/SECURITY.md.
 */
export function csrfTokenFor(sessionId: string): string {
  return createHmac('sha256', sessionId).update('writ csrf v1').digest('base64url');
}

/** Create a session; returns the session id (for the cookie) and its CSRF token. */
export async function createSession(
  db: Q,
  principalId: string,
  expiresAt: Date,
): Promise<{ sessionId: string; csrfToken: string }> {
  const sessionId = randomBytes(32).toString('base64url');
  const csrfToken = csrfTokenFor(sessionId);
  await db
    .insertInto('sessions')
    .values({ id_hash: sha(sessionId), principal_id: principalId, csrf_hash: sha(csrfToken), expires_at: expiresAt })
    .execute();
  return { sessionId, csrfToken };
}

export interface SessionLookup {
  principal: Principal;
  csrfHash: string;
  expiresAt: Date;
}

/** The principal of a live session, and its CSRF hash; sliding expiry is the caller's choice. */
export async function principalForSession(db: Q, sessionId: string, now: Date): Promise<SessionLookup | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('principals as p', 'p.id', 's.principal_id')
    .select([
      'p.id',
      'p.kind',
      'p.name',
      'p.roles',
      'p.agency_id',
      'p.customer_id',
      'p.disabled',
      's.expires_at',
      's.csrf_hash',
    ])
    .where('s.id_hash', '=', sha(sessionId))
    .executeTakeFirst();
  if (!row || row.disabled || new Date(row.expires_at) <= now) return undefined;
  return { principal: toPrincipal(row), csrfHash: row.csrf_hash, expiresAt: new Date(row.expires_at) };
}

export async function deleteSession(db: Q, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', sha(sessionId)).execute();
}

export const hashCsrf = sha;

/** A sign-in finished with a passkey: take back the attempt counted for it (as consumeTotpStep does). */
export async function clearFailedSignIns(db: Q, principalId: string): Promise<void> {
  await db
    .updateTable('principals')
    .set({ failed_sign_ins: 0, locked_until: null })
    .where('id', '=', principalId)
    .execute();
}
