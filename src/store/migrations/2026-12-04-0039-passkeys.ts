/**
 * Passkeys (WebAuthn credentials) as a second factor: each with its public key and signature
 * counter, and the challenges Writ issued and has not yet seen answered. A challenge belongs to
 * one registration (keyed by the browser session it was asked from) or one sign-in attempt (keyed
 * by the attempt's hash), and is deleted as its answer is read: each works once.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table passkeys (
      id text primary key,
      principal_id uuid not null references principals(id),
      public_key bytea not null,
      counter bigint not null default 0,
      transports text[] not null default '{}',
      device_type text not null,
      backed_up boolean not null,
      name text not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz
    );
    create index passkeys_principal on passkeys (principal_id);
    create table webauthn_challenges (
      key_hash text primary key,
      purpose text not null check (purpose in ('register', 'sign_in')),
      -- null for a sign-in attempt whose password was wrong or whose account is unknown: it is
      -- answered like any other and refused at the end, so nothing tells which factor failed
      principal_id uuid references principals(id),
      challenge text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index webauthn_challenges_expiry on webauthn_challenges (expires_at);
  `.execute(db);
}
