/** Principals and their API tokens. A token is shown once at creation and kept only as a hash. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Principal, StaffRole } from '../domain/principal.ts';
import type { Db, Tx } from './database.ts';

type Q = Db | Tx;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface NewPrincipal {
  kind: Principal['kind'];
  name: string;
  email: string;
  roles?: StaffRole[];
  agencyId?: string;
  customerId?: string;
}

export async function createPrincipal(db: Q, p: NewPrincipal): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('principals')
    .values({
      id,
      kind: p.kind,
      name: p.name,
      email: p.email.toLowerCase(),
      roles: p.roles ?? [],
      agency_id: p.agencyId ?? null,
      customer_id: p.customerId ?? null,
    })
    .execute();
  return id;
}

/** Issue a new bearer token for a principal; the plain token is returned once. */
export async function issueToken(
  db: Q,
  principalId: string,
  label: string,
  expiresAt: Date | null = null,
): Promise<string> {
  const token = `writ_${randomBytes(32).toString('base64url')}`;
  await db
    .insertInto('api_tokens')
    .values({ token_hash: hashToken(token), principal_id: principalId, label, expires_at: expiresAt })
    .execute();
  return token;
}

/** The principal a token belongs to, if the token is known, unexpired and its principal enabled. */
export async function principalForToken(db: Q, token: string, now: Date): Promise<Principal | undefined> {
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('principals as p', 'p.id', 't.principal_id')
    .select(['p.id', 'p.kind', 'p.name', 'p.roles', 'p.agency_id', 'p.customer_id', 'p.disabled', 't.expires_at'])
    .where('t.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.disabled || (row.expires_at && new Date(row.expires_at) <= now)) return undefined;
  return toPrincipal(row);
}

/** A principals row as the Principal the access checks read. */
export function toPrincipal(row: {
  id: string;
  kind: string;
  name: string;
  roles: string[];
  agency_id: string | null;
  customer_id: string | null;
}): Principal {
  if (row.kind === 'officer') return { kind: 'officer', id: row.id, name: row.name, agencyId: row.agency_id! };
  if (row.kind === 'customer_admin')
    return { kind: 'customer_admin', id: row.id, name: row.name, customerId: row.customer_id! };
  return { kind: 'staff', id: row.id, name: row.name, roles: row.roles as StaffRole[] };
}
