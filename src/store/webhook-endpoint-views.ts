/**
 * Webhook endpoints and their delivery log as the API shows them. These reads run as the tenant
 * for a customer admin (row-level security, migration 0010), so they name their columns: the
 * tenant role may read every column but `secret`, and these queries never ask for it.
 */
import type { WebhookDeliveryView, WebhookEndpointView } from '../domain/webhook.ts';
import type { Db, Tx } from './database.ts';

type Q = Db | Tx;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function endpointsQuery(q: Q) {
  return q
    .selectFrom('webhook_endpoints as e')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('webhook_deliveries as d')
          .select(['d.attempted_at', 'd.ok', 'd.status_code'])
          .whereRef('d.endpoint_id', '=', 'e.id')
          .orderBy('d.id', 'desc')
          .limit(1)
          .as('last'),
      (join) => join.onTrue(),
    )
    .select([
      'e.id',
      'e.customer_id',
      'e.url',
      'e.description',
      'e.enabled',
      'e.failure_count',
      'e.disabled_at',
      'e.disabled_by',
      'e.created_at',
      'e.secret_rotated_at',
      'e.removed_at',
      'e.secret_hint',
      'e.event_types',
      'last.attempted_at',
      'last.ok',
      'last.status_code',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof endpointsQuery>['executeTakeFirstOrThrow']>>;

function toView(r: Row): WebhookEndpointView {
  const status = r.removed_at ? 'removed' : r.enabled ? 'active' : 'disabled';
  return {
    id: r.id,
    customerId: r.customer_id,
    url: r.url,
    description: r.description,
    status,
    disabledBy: status === 'disabled' ? (r.disabled_by ? 'person' : 'writ') : null,
    disabledAt: status === 'disabled' ? iso(r.disabled_at) : null,
    consecutiveFailures: r.failure_count,
    secretHint: r.secret_hint ? `whsec_…${r.secret_hint}` : null,
    createdAt: iso(r.created_at)!,
    secretRotatedAt: iso(r.secret_rotated_at),
    removedAt: iso(r.removed_at),
    eventTypes: r.event_types,
    lastDelivery: r.attempted_at
      ? { at: iso(r.attempted_at)!, ok: r.ok ?? false, statusCode: r.status_code ?? null }
      : null,
  };
}

/** A customer's endpoints that are not removed, oldest first. */
export async function listEndpointViews(q: Q, customerId: string): Promise<WebhookEndpointView[]> {
  const rows = await endpointsQuery(q)
    .where('e.customer_id', '=', customerId)
    .where('e.removed_at', 'is', null)
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute();
  return rows.map(toView);
}

/** One endpoint of a customer, removed or not (its log stays readable). */
export async function findEndpointView(q: Q, customerId: string, id: string): Promise<WebhookEndpointView | undefined> {
  const r = await endpointsQuery(q).where('e.customer_id', '=', customerId).where('e.id', '=', id).executeTakeFirst();
  return r && toView(r);
}

/** One page of an endpoint's deliveries, newest first; `beforeId` continues after a page. */
export async function listDeliveryViews(
  q: Q,
  endpointId: string,
  page: { beforeId?: string; limit: number },
): Promise<WebhookDeliveryView[]> {
  let query = q
    .selectFrom('webhook_deliveries')
    .select(['id', 'attempted_at', 'job_id', 'ok', 'status_code', 'error', 'webhook_id', 'duration_ms'])
    .where('endpoint_id', '=', endpointId);
  if (page.beforeId) query = query.where('id', '<', page.beforeId);
  const rows = await query.orderBy('id', 'desc').limit(page.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    at: iso(r.attempted_at)!,
    // Only the API's test sends without an outbox job.
    kind: r.job_id === null ? 'ping' : r.webhook_id.startsWith('follow_up:') ? 'follow_up' : 'notice',
    ok: r.ok,
    statusCode: r.status_code,
    error: r.error,
    messageId: r.webhook_id,
    durationMs: r.duration_ms,
  }));
}
