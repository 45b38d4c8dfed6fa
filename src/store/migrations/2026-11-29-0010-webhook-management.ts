/**
 * Customer admins manage their own webhook endpoints (docs/NOTIFY.md, "Managing endpoints"):
 * - a label, who switched an endpoint off (null: Writ did, after failures), when its secret was
 *   last rotated, and when it was removed. Removal keeps the row: its delivery log is the record
 *   of the notices that went there, and the delivery rows reference it.
 * - the last four characters of the secret, kept by PostgreSQL itself (a generated column), so a
 *   page can tell two secrets apart without ever reading one.
 * - row-level security on both tables for the tenant role (migration 0006): a tenant sees only its
 *   own endpoints and their deliveries, and is granted every column except `secret`, so even a
 *   buggy tenant-scoped query cannot read a secret back.
 * Append-only file.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table webhook_endpoints
      add column description text,
      add column disabled_by text,
      add column secret_rotated_at timestamptz,
      add column removed_at timestamptz,
      add column secret_hint text generated always as (right(secret, 4)) stored;
    -- The tenant's list: every endpoint of one customer, oldest first.
    create index webhook_endpoints_by_customer on webhook_endpoints (customer_id, created_at, id);

    grant select (id, customer_id, url, description, enabled, failure_count, disabled_at, disabled_by, created_at, secret_rotated_at, removed_at, secret_hint)
      on webhook_endpoints to writ_tenant;
    alter table webhook_endpoints enable row level security;
    create policy tenant_own on webhook_endpoints for select to writ_tenant using (customer_id = writ_current_tenant());

    grant select on webhook_deliveries to writ_tenant;
    alter table webhook_deliveries enable row level security;
    create policy tenant_own on webhook_deliveries for select to writ_tenant using (
      exists (select 1 from webhook_endpoints e where e.id = webhook_deliveries.endpoint_id and e.customer_id = writ_current_tenant()));
  `.execute(db);
}
