/**
 * Signing in as a person: password hashes (argon2id), TOTP second factors with replay protection,
 * browser sessions (stored as hashes, with their CSRF token), and the record of the call-backs
 * that confirm a requester before an emergency request is acted on.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table principals add column password_hash text;
    alter table principals add column totp_secret text;
    alter table principals add column totp_last_counter bigint;
    alter table principals add column failed_sign_ins int not null default 0;
    alter table principals add column locked_until timestamptz;
    create table sessions (
      id_hash text primary key,
      principal_id uuid not null references principals(id),
      csrf_hash text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      last_seen_at timestamptz not null default now()
    );
    create index sessions_principal on sessions (principal_id);
    create table requester_checks (
      demand_id uuid not null references demands(id),
      kind text not null check (kind in ('callback', 'second_review')),
      reviewer text not null,
      -- the number called, always the agency directory's, never one taken from the request
      phone text,
      note text not null,
      checked_at timestamptz not null default now(),
      primary key (demand_id, kind)
    );
  `.execute(db);
}
