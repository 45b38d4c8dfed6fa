/**
 * The trunk schema: customers, agencies, demands with their tracks, append-only events, the
 * outbox and idempotency keys. Append-only file: a change to the schema is a new migration.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table customers (
      id uuid primary key,
      kind text not null check (kind in ('enterprise', 'consumer')),
      name text not null,
      country text not null,
      us_person boolean,
      domains text[] not null default '{}',
      -- whether the redirect letter may give agencies the customer's designated legal contact
      share_legal_contact boolean not null default false,
      notification_prefs jsonb not null default '{}',
      created_at timestamptz not null default now()
    );
    create table customer_contacts (
      id uuid primary key,
      customer_id uuid not null references customers(id),
      name text not null,
      email text not null,
      role text not null check (role in ('admin', 'legal', 'account_holder')),
      designated boolean not null default true
    );
    create index customer_contacts_customer on customer_contacts (customer_id);
    create table accounts (
      id uuid primary key,
      customer_id uuid not null references customers(id),
      display_name text not null,
      data_location text not null,
      created_at timestamptz not null default now()
    );
    create index accounts_customer on accounts (customer_id);
    create table account_identifiers (
      kind text not null check (kind in ('email', 'domain', 'account_id', 'phone')),
      value text not null,
      customer_id uuid not null references customers(id),
      account_id uuid references accounts(id),
      primary key (kind, value)
    );
    create table agencies (
      id uuid primary key,
      name text not null,
      country text not null,
      subdivision text,
      kind text not null check (kind in ('court', 'prosecutor', 'police', 'national_security', 'civil_litigant', 'foreign_government')),
      verified_domains text[] not null default '{}',
      -- call-back number from an independent directory source, never from a request
      callback_phone text,
      created_at timestamptz not null default now()
    );
    create table requesters (
      id uuid primary key,
      agency_id uuid not null references agencies(id),
      name text not null,
      email text not null,
      phone text,
      verification text not null check (verification in ('unverified', 'pending_callback', 'verified', 'failed')),
      created_at timestamptz not null default now(),
      unique (agency_id, email)
    );
    create sequence demand_reference_seq;
    create table demands (
      id uuid primary key,
      reference text not null unique,
      received_at timestamptz not null,
      channel text not null check (channel in ('agency_portal', 'email', 'post', 'staff_entry')),
      agency_id uuid not null references agencies(id),
      requester_id uuid references requesters(id),
      requester_verification text not null,
      jurisdiction text not null,
      jurisdiction_subdivision text,
      instrument text not null check (instrument in ('subpoena', 'grand_jury_subpoena', 'civil_subpoena', 'court_order_2703d',
        'search_warrant', 'emergency_request', 'preservation_request', 'national_security_letter', 'fisa_order',
        'european_production_order', 'european_preservation_order', 'overseas_production_order', 'foreign_court_order', 'mlat_request')),
      issued_at timestamptz,
      issuing_court text,
      case_number text,
      signed boolean not null,
      data_categories text[] not null,
      date_from timestamptz,
      date_to timestamptz,
      emergency jsonb,
      secrecy_order jsonb,
      offence jsonb,
      -- facts the policy engine needs that have no column of their own (EU authority, identification only …)
      legal_facts jsonb not null default '{}',
      response_deadline timestamptz,
      state text not null check (state in ('received', 'verifying_requester', 'legal_review', 'rejected', 'redirected',
        'awaiting_disclosure', 'approved', 'produced', 'closed')),
      notice_state text not null check (notice_state in ('pending', 'held', 'sent', 'not_required')),
      notice_held_until timestamptz,
      challenge_state text not null check (challenge_state in ('none', 'flagged', 'filed', 'upheld', 'narrowed', 'vacated')),
      preservation_state text not null check (preservation_state in ('none', 'active', 'extended', 'released')),
      preserved_until timestamptz,
      disposition text check (disposition in ('rejected', 'withdrawn', 'no_data_found', 'redirected_to_customer',
        'non_content_disclosed', 'content_disclosed', 'preserved_only')),
      decision jsonb,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((state = 'closed') = (disposition is not null)),
      check (date_to is null or date_from is null or date_to >= date_from)
    );
    create index demands_received on demands (received_at desc, id desc);
    create index demands_state on demands (state, received_at desc);
    create index demands_deadline on demands (response_deadline) where state <> 'closed';
    create index demands_jurisdiction on demands (jurisdiction, received_at desc);
    create index demands_instrument on demands (instrument, received_at desc);
    create index demands_notice_release on demands (notice_held_until) where notice_state = 'held';
    create table demand_targets (
      demand_id uuid not null references demands(id),
      ordinal int not null,
      kind text not null,
      value text not null,
      customer_id uuid not null references customers(id),
      account_id uuid references accounts(id),
      primary key (demand_id, ordinal)
    );
    create index demand_targets_customer on demand_targets (customer_id, demand_id);
    create table documents (
      id uuid primary key,
      demand_id uuid not null references demands(id),
      filename text not null,
      media_type text not null,
      size_bytes bigint not null,
      sha256 text not null,
      created_at timestamptz not null default now()
    );
    create index documents_demand on documents (demand_id);
    create table approvals (
      demand_id uuid not null references demands(id),
      approver text not null,
      approved_at timestamptz not null default now(),
      primary key (demand_id, approver)
    );
    create table events (
      id bigserial primary key,
      demand_id uuid references demands(id),
      type text not null,
      payload jsonb not null,
      actor text not null,
      occurred_at timestamptz not null default now()
    );
    create index events_demand on events (demand_id, id);
    -- The record of what happened is append-only: refuse changes in the database itself.
    create function refuse_event_change() returns trigger language plpgsql as $$
      begin raise exception 'events are append-only (% refused)', tg_op using errcode = 'restrict_violation'; end $$;
    create trigger events_append_only before update or delete on events
      for each row execute function refuse_event_change();
    create trigger events_no_truncate before truncate on events
      for each statement execute function refuse_event_change();
    create table outbox (
      id bigserial primary key,
      kind text not null,
      -- also the Message-ID / webhook id, so a redelivery is recognisably the same message
      idempotency_key text not null unique,
      demand_id uuid references demands(id),
      payload jsonb not null,
      status text not null default 'pending' check (status in ('pending', 'done', 'failed', 'cancelled')),
      run_at timestamptz not null default now(),
      attempts int not null default 0,
      last_error text,
      locked_by text,
      locked_until timestamptz,
      created_at timestamptz not null default now(),
      done_at timestamptz
    );
    create index outbox_due on outbox (run_at) where status = 'pending';
    create table idempotency_keys (
      scope text not null,
      key text not null,
      request_hash text not null,
      demand_id uuid not null references demands(id),
      created_at timestamptz not null default now(),
      primary key (scope, key)
    );
  `.execute(db);
}
