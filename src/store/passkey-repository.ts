/**
 * Passkeys and their challenges. A challenge row is keyed by a hash (of the browser session for a
 * registration, of the attempt id for a sign-in) and deleted as it is taken: each works once.
 */
import { createHash } from 'node:crypto';
import type { Db, Tx } from './database.ts';

type Q = Db | Tx;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

export interface StoredPasskey {
  id: string;
  principalId: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
  name: string;
  deviceType: string;
  backedUp: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export interface Challenge {
  purpose: 'register' | 'sign_in';
  principalId: string | null;
  challenge: string;
}

/** Keep a challenge under `key` (a new one for the same key replaces the old). */
export async function saveChallenge(db: Q, key: string, c: Challenge, now: Date, expiresAt: Date): Promise<void> {
  await db.deleteFrom('webauthn_challenges').where('expires_at', '<', now).execute();
  await db
    .insertInto('webauthn_challenges')
    .values({
      key_hash: sha(key),
      purpose: c.purpose,
      principal_id: c.principalId,
      challenge: c.challenge,
      created_at: now,
      expires_at: expiresAt,
    })
    .onConflict((oc) =>
      oc.column('key_hash').doUpdateSet({
        purpose: c.purpose,
        principal_id: c.principalId,
        challenge: c.challenge,
        created_at: now,
        expires_at: expiresAt,
      }),
    )
    .execute();
}

/** The challenge under `key` for `purpose`, deleted as it is read; undefined when unknown, used or expired. */
export async function takeChallenge(
  db: Q,
  key: string,
  purpose: Challenge['purpose'],
  now: Date,
): Promise<Challenge | undefined> {
  const row = await db
    .deleteFrom('webauthn_challenges')
    .where('key_hash', '=', sha(key))
    .where('purpose', '=', purpose)
    .returning(['principal_id', 'challenge', 'expires_at'])
    .executeTakeFirst();
  if (!row || new Date(row.expires_at) <= now) return undefined;
  return { purpose, principalId: row.principal_id, challenge: row.challenge };
}

const toPasskey = (r: {
  id: string;
  principal_id: string;
  public_key: Buffer;
  counter: string;
  transports: string[];
  name: string;
  device_type: string;
  backed_up: boolean;
  created_at: Date;
  last_used_at: Date | null;
}): StoredPasskey => ({
  id: r.id,
  principalId: r.principal_id,
  publicKey: new Uint8Array(r.public_key),
  counter: Number(r.counter),
  transports: r.transports,
  name: r.name,
  deviceType: r.device_type,
  backedUp: r.backed_up,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
});

export async function passkeysOf(db: Q, principalId: string): Promise<StoredPasskey[]> {
  const rows = await db
    .selectFrom('passkeys')
    .selectAll()
    .where('principal_id', '=', principalId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toPasskey);
}

export async function findPasskey(db: Q, id: string): Promise<StoredPasskey | undefined> {
  const r = await db.selectFrom('passkeys').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toPasskey(r) : undefined;
}

export async function insertPasskey(
  db: Q,
  p: Omit<StoredPasskey, 'createdAt' | 'lastUsedAt'>,
  now: Date,
): Promise<void> {
  await db
    .insertInto('passkeys')
    .values({
      id: p.id,
      principal_id: p.principalId,
      public_key: Buffer.from(p.publicKey),
      counter: p.counter,
      transports: p.transports,
      device_type: p.deviceType,
      backed_up: p.backedUp,
      name: p.name,
      created_at: now,
    })
    .execute();
}

/**
 * Record a use: the counter moves from `from` to `to` only if no other use moved it meanwhile (two
 * requests with one assertion cannot both pass). False when it had moved.
 */
export async function recordPasskeyUse(db: Q, id: string, from: number, to: number, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('passkeys')
    .set({ counter: to, last_used_at: now })
    .where('id', '=', id)
    .where('counter', '=', String(from))
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

export async function deletePasskey(db: Q, id: string, principalId: string): Promise<boolean> {
  const r = await db
    .deleteFrom('passkeys')
    .where('id', '=', id)
    .where('principal_id', '=', principalId)
    .executeTakeFirst();
  return r.numDeletedRows === 1n;
}
