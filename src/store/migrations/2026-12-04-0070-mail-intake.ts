/**
 * Demands that arrive by e-mail (docs/MAIL-INTAKE.md):
 * - `mail_messages`: every message received, once per Message-ID, with its envelope and the result
 *   of its sender's authentication (DKIM, SPF, DMARC, ARC). The raw message is in the document store,
 *   sealed, under `raw_sha256`, written before this row.
 * - `demand_drafts`: what was read from a message (or an uploaded document): the fields with their
 *   evidence, the page texts a reviewer sees them highlighted in, and why anything could not be
 *   read. A draft becomes a demand only when staff confirm it (`demand_id`).
 * Append-only file.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table mail_messages (
      id uuid primary key,
      message_id text not null unique,
      received_at timestamptz not null,
      via text not null check (via in ('smtp', 'imap')),
      envelope jsonb not null,
      from_address text,
      subject text,
      raw_sha256 text not null,
      size_bytes bigint not null,
      authentication jsonb not null
    );
    create table demand_drafts (
      id uuid primary key,
      mail_message_id uuid unique references mail_messages (id),
      state text not null check (state in ('reading', 'ready', 'unreadable', 'confirmed', 'discarded')),
      sender jsonb not null,
      documents jsonb not null default '[]',
      fields jsonb,
      pages jsonb,
      problems text[] not null default '{}',
      agency_id uuid references agencies (id),
      demand_id uuid references demands (id),
      decided_by text,
      decided_at timestamptz,
      discard_reason text,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    -- The reviewers' list: open drafts first, newest first.
    create index demand_drafts_by_state on demand_drafts (state, created_at desc, id);
  `.execute(db);
}
