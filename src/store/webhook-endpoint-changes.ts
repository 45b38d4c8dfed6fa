/**
 * Changes a customer admin makes to its webhook endpoints, always inside the use case's
 * transaction, on a row locked first so two admins acting at once are serialised (and a delivery
 * that switches the endpoint off at the same moment waits its turn).
 */
import type { Tx } from './database.ts';

export interface LockedEndpoint {
  id: string;
  customerId: string;
  enabled: boolean;
}

/** Lock one endpoint of one customer; undefined when it does not exist for that customer or is removed. */
export async function lockLiveEndpoint(tx: Tx, customerId: string, id: string): Promise<LockedEndpoint | undefined> {
  const r = await tx
    .selectFrom('webhook_endpoints')
    .select(['id', 'customer_id', 'enabled'])
    .where('id', '=', id)
    .where('customer_id', '=', customerId)
    .where('removed_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  return r && { id: r.id, customerId: r.customer_id, enabled: r.enabled };
}

/**
 * Lock the customer's row and count its endpoints that are not removed: two registrations at once
 * then cannot both pass the limit. Undefined when there is no such customer.
 */
export async function lockCustomerEndpointCount(tx: Tx, customerId: string): Promise<number | undefined> {
  const c = await tx.selectFrom('customers').select('id').where('id', '=', customerId).forUpdate().executeTakeFirst();
  if (!c) return undefined;
  const r = await tx
    .selectFrom('webhook_endpoints')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('customer_id', '=', customerId)
    .where('removed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The event types sent to an endpoint (null: every type). */
export async function setEndpointEventTypes(tx: Tx, id: string, eventTypes: string[] | null): Promise<void> {
  await tx.updateTable('webhook_endpoints').set({ event_types: eventTypes }).where('id', '=', id).execute();
}

export async function setEndpointSecret(tx: Tx, id: string, secret: string, at: Date): Promise<void> {
  await tx.updateTable('webhook_endpoints').set({ secret, secret_rotated_at: at }).where('id', '=', id).execute();
}

/** Switched off by a person (`by`, an actor label), or on again with a clean failure count. */
export async function setEndpointEnabled(
  tx: Tx,
  id: string,
  on: { enabled: true } | { enabled: false; by: string; at: Date },
): Promise<void> {
  await tx
    .updateTable('webhook_endpoints')
    .set(
      on.enabled
        ? { enabled: true, failure_count: 0, disabled_at: null, disabled_by: null }
        : { enabled: false, disabled_at: on.at, disabled_by: on.by },
    )
    .where('id', '=', id)
    .execute();
}

/**
 * Remove an endpoint for good: switched off, marked removed, and its secret wiped (nothing may be
 * signed with it again). The row stays for its delivery log.
 */
export async function markEndpointRemoved(tx: Tx, id: string, by: string, at: Date): Promise<void> {
  await tx
    .updateTable('webhook_endpoints')
    .set((eb) => ({
      enabled: false,
      removed_at: at,
      secret: '',
      disabled_by: by,
      disabled_at: eb.fn.coalesce('disabled_at', eb.val(at)),
    }))
    .where('id', '=', id)
    .execute();
}

/**
 * Log a test delivery. Unlike a notice's (logWebhookDelivery), it leaves the failure count alone:
 * an admin testing a receiver being set up must not get the endpoint switched off.
 */
export async function logTestDelivery(
  tx: Tx,
  d: {
    endpointId: string;
    webhookId: string;
    at: Date;
    statusCode: number | null;
    ok: boolean;
    error: string | null;
    durationMs: number;
  },
): Promise<string> {
  const r = await tx
    .insertInto('webhook_deliveries')
    .values({
      endpoint_id: d.endpointId,
      job_id: null,
      webhook_id: d.webhookId,
      attempted_at: d.at,
      status_code: d.statusCode,
      ok: d.ok,
      error: d.error,
      duration_ms: d.durationMs,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}
