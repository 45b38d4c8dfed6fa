/**
 * Who may call Writ: principals (staff with roles, agency officers, customer admins) and their
 * API tokens, stored only as SHA-256 hashes so a database reader cannot replay them.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table principals (
      id uuid primary key,
      kind text not null check (kind in ('staff', 'officer', 'customer_admin')),
      name text not null,
      email text not null unique,
      roles text[] not null default '{}',
      agency_id uuid references agencies(id),
      customer_id uuid references customers(id),
      disabled boolean not null default false,
      created_at timestamptz not null default now(),
      check ((kind = 'officer') = (agency_id is not null)),
      check ((kind = 'customer_admin') = (customer_id is not null))
    );
    create table api_tokens (
      token_hash text primary key,
      principal_id uuid not null references principals(id),
      label text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz
    );
    create index api_tokens_principal on api_tokens (principal_id);
  `.execute(db);
}
