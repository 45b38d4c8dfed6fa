/**
 * Customers' webhook endpoints and the log of every delivery to them. An endpoint counts its
 * consecutive failures; a success resets the count, and at the limit the endpoint is switched off.
 */
import { randomUUID } from 'node:crypto';
import type { Db, Tx } from './database.ts';

export interface WebhookEndpoint {
  id: string;
  customerId: string;
  url: string;
  secret: string;
  enabled: boolean;
  failureCount: number;
  /** The event types sent to it; null: every type. */
  eventTypes: string[] | null;
}

type Q = Db | Tx;

/** Register an endpoint for a customer with its own secret (and, optionally, its label and creation time). */
export async function createWebhookEndpoint(
  db: Q,
  e: {
    customerId: string;
    url: string;
    secret: string;
    id?: string;
    description?: string | null;
    createdAt?: Date;
    eventTypes?: string[] | null;
  },
): Promise<WebhookEndpoint> {
  const id = e.id ?? randomUUID();
  await db
    .insertInto('webhook_endpoints')
    .values({
      id,
      customer_id: e.customerId,
      url: e.url,
      secret: e.secret,
      description: e.description ?? null,
      event_types: e.eventTypes ?? null,
      ...(e.createdAt ? { created_at: e.createdAt } : {}),
    })
    .execute();
  return {
    id,
    customerId: e.customerId,
    url: e.url,
    secret: e.secret,
    enabled: true,
    failureCount: 0,
    eventTypes: e.eventTypes ?? null,
  };
}

/** The customers' endpoints that are switched on. */
export async function enabledEndpoints(db: Q, customerIds: string[]): Promise<WebhookEndpoint[]> {
  if (!customerIds.length) return [];
  const rows = await db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('customer_id', 'in', customerIds)
    .where('enabled', '=', true)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customer_id,
    url: r.url,
    secret: r.secret,
    enabled: r.enabled,
    failureCount: r.failure_count,
    eventTypes: r.event_types,
  }));
}

export async function findEndpoint(db: Q, id: string): Promise<WebhookEndpoint | undefined> {
  const r = await db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
  return (
    r && {
      id: r.id,
      customerId: r.customer_id,
      url: r.url,
      secret: r.secret,
      enabled: r.enabled,
      failureCount: r.failure_count,
      eventTypes: r.event_types,
    }
  );
}

export interface DeliveryLog {
  endpointId: string;
  jobId: string | null;
  webhookId: string;
  at: Date;
  statusCode: number | null;
  ok: boolean;
  error: string | null;
  durationMs: number;
}

/** Log one delivery and update the endpoint's failure count; returns the count after it. */
export async function logWebhookDelivery(tx: Tx, d: DeliveryLog): Promise<number> {
  await tx
    .insertInto('webhook_deliveries')
    .values({
      endpoint_id: d.endpointId,
      job_id: d.jobId,
      webhook_id: d.webhookId,
      attempted_at: d.at,
      status_code: d.statusCode,
      ok: d.ok,
      error: d.error,
      duration_ms: d.durationMs,
    })
    .execute();
  const r = await tx
    .updateTable('webhook_endpoints')
    .set((eb) => ({ failure_count: d.ok ? 0 : eb('failure_count', '+', 1) }))
    .where('id', '=', d.endpointId)
    .returning('failure_count')
    .executeTakeFirst();
  return r?.failure_count ?? 0;
}

/** Switch an endpoint off; false when it already was (so the admins are told once). */
export async function disableEndpoint(tx: Tx, id: string, at: Date): Promise<boolean> {
  const r = await tx
    .updateTable('webhook_endpoints')
    .set({ enabled: false, disabled_at: at })
    .where('id', '=', id)
    .where('enabled', '=', true)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
