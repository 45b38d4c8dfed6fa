/**
 * Delivery: every attempt the outbox worker makes, what reached whom (so a retry does not send a
 * part twice), customers' webhook endpoints with their delivery log, and the answers to a redirect.
 * Append-only file: a change to the schema is a new migration.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Use cases cancel a demand's pending timers of one kind (a release moved, a notice released
    -- by hand); with many timers pending that must not scan the whole outbox.
    create index outbox_pending_by_demand on outbox (demand_id, kind) where status = 'pending';
    create table outbox_attempts (
      id bigserial primary key,
      job_id bigint not null references outbox(id),
      attempt int not null,
      worker text not null,
      started_at timestamptz not null,
      finished_at timestamptz,
      -- running: under way (or its worker died: the next claim marks it abandoned)
      status text not null check (status in ('running', 'succeeded', 'failed', 'abandoned')),
      response_code text,
      error text,
      unique (job_id, attempt)
    );
    -- Each part of a message that reached its recipient (one e-mail to one contact, one webhook to
    -- one endpoint). A retry sends only the parts not listed here.
    create table delivery_receipts (
      job_id bigint not null references outbox(id),
      recipient text not null,
      message_id text not null,
      response text,
      delivered_at timestamptz not null,
      primary key (job_id, recipient)
    );
    create table webhook_endpoints (
      id uuid primary key,
      customer_id uuid not null references customers(id),
      url text not null,
      -- "whsec_" + base64 of the key (Standard Webhooks); needed in clear to sign
      secret text not null,
      enabled boolean not null default true,
      -- consecutive failed deliveries; reset by a success, the endpoint is disabled at a limit
      failure_count int not null default 0,
      disabled_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index webhook_endpoints_customer on webhook_endpoints (customer_id) where enabled;
    create table webhook_deliveries (
      id bigserial primary key,
      endpoint_id uuid not null references webhook_endpoints(id),
      job_id bigint references outbox(id),
      webhook_id text not null,
      attempted_at timestamptz not null,
      status_code int,
      ok boolean not null,
      error text,
      duration_ms int not null
    );
    create index webhook_deliveries_endpoint on webhook_deliveries (endpoint_id, id);
    -- The latest answer of each party to a redirect: the agency, and each customer concerned.
    create table redirect_answers (
      demand_id uuid not null references demands(id),
      party text not null check (party in ('agency', 'customer')),
      customer_id uuid references customers(id),
      answer text not null,
      note text,
      answered_by text not null,
      answered_at timestamptz not null,
      check ((party = 'customer') = (customer_id is not null))
    );
    create unique index redirect_answers_party on redirect_answers (demand_id, party, coalesce(customer_id, '00000000-0000-0000-0000-000000000000'));
  `.execute(db);
}
