/**
 * Compelled disclosure: the package a preparer assembles (files sealed in the document store, a
 * manifest signed with the ledger key) and the single-use, expiring download links an officer of
 * the requesting agency opens after signing in.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table disclosure_packages (
      id uuid primary key,
      demand_id uuid not null references demands(id),
      prepared_by text not null,
      manifest jsonb not null,
      signed_manifest text not null,
      created_at timestamptz not null default now()
    );
    create index disclosure_packages_demand on disclosure_packages (demand_id, created_at desc);
    create table disclosure_files (
      package_id uuid not null references disclosure_packages(id),
      ordinal int not null,
      name text not null,
      media_type text not null,
      size_bytes bigint not null,
      sha256 text not null,
      primary key (package_id, ordinal)
    );
    create table download_links (
      token_hash text primary key,
      package_id uuid not null references disclosure_packages(id),
      agency_id uuid not null references agencies(id),
      issued_to uuid not null references principals(id),
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    );
  `.execute(db);
}
