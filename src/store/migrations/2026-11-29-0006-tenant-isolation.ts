/**
 * Tenant isolation in the database itself: a customer admin's requests run as the role
 * `writ_tenant` with `writ.tenant_id` set for the transaction, and row-level security shows that
 * role only its own tenant's rows: its customer record, contacts, accounts and identifiers, the
 * targets that name it, and the demands about it once the customer may be told (notice sent).
 * Staff and workers connect as the owner and are not restricted here (their limits are the access
 * policy and the audit trail).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    do $$ begin
      if not exists (select 1 from pg_roles where rolname = 'writ_tenant') then create role writ_tenant nologin; end if;
    end $$;
    grant writ_tenant to current_user;
    grant usage on schema public to writ_tenant;
    grant select on customers, customer_contacts, accounts, account_identifiers, demand_targets, demands, documents, agencies to writ_tenant;

    create function writ_current_tenant() returns uuid language sql stable as
      $$ select nullif(current_setting('writ.tenant_id', true), '')::uuid $$;

    alter table customers enable row level security;
    create policy tenant_own on customers for select to writ_tenant using (id = writ_current_tenant());
    alter table customer_contacts enable row level security;
    create policy tenant_own on customer_contacts for select to writ_tenant using (customer_id = writ_current_tenant());
    alter table accounts enable row level security;
    create policy tenant_own on accounts for select to writ_tenant using (customer_id = writ_current_tenant());
    alter table account_identifiers enable row level security;
    create policy tenant_own on account_identifiers for select to writ_tenant using (customer_id = writ_current_tenant());
    alter table demand_targets enable row level security;
    create policy tenant_own on demand_targets for select to writ_tenant using (customer_id = writ_current_tenant());
    alter table demands enable row level security;
    create policy tenant_notified on demands for select to writ_tenant using (
      notice_state = 'sent' and exists (select 1 from demand_targets t where t.demand_id = demands.id and t.customer_id = writ_current_tenant()));
    alter table documents enable row level security;
    create policy tenant_none on documents for select to writ_tenant using (false);
  `.execute(db);
}
