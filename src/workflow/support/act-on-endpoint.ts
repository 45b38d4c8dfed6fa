/**
 * The frame of every use case that changes an existing webhook endpoint, as actOnDemand is for
 * demands. First the endpoint must exist for its tenant as the tenant itself sees it (row-level
 * security: a mistake in a route's scoping still cannot reach another tenant's endpoint); then, in
 * one transaction, its row is locked, the change written, its event appended, and the endpoint
 * read back as the API shows it.
 */
import { DomainError } from '../../domain/errors.ts';
import type { Actor, WebhookEvent } from '../../domain/events.ts';
import type { WebhookEndpointView } from '../../domain/webhook.ts';
import type { Tx } from '../../store/database.ts';
import { appendEvent } from '../../store/event-repository.ts';
import { asTenant } from '../../store/tenant-scope.ts';
import { lockLiveEndpoint, type LockedEndpoint } from '../../store/webhook-endpoint-changes.ts';
import { findEndpointView } from '../../store/webhook-endpoint-views.ts';
import type { WorkflowContext } from '../context.ts';

export interface EndpointRef {
  /** The tenant the caller acts for (a customer admin: its own). */
  customerId: string;
  endpointId: string;
  actor: Actor;
}

export const noSuchEndpoint = (id: string) => new DomainError('not_found', `No webhook endpoint ${id}`);

/** The endpoint as its tenant sees it, or not_found (also for a removed one). */
export async function visibleEndpoint(ctx: WorkflowContext, ref: EndpointRef): Promise<WebhookEndpointView> {
  const seen = await asTenant(ctx.db, ref.customerId, (q) => findEndpointView(q, ref.customerId, ref.endpointId));
  if (!seen || seen.status === 'removed') throw noSuchEndpoint(ref.endpointId);
  return seen;
}

export async function actOnEndpoint(
  ctx: WorkflowContext,
  ref: EndpointRef,
  /** The change; it returns its event, or null when there is nothing to change (a no-op). */
  change: (ep: LockedEndpoint, tx: Tx, now: Date) => Promise<WebhookEvent | null>,
): Promise<WebhookEndpointView> {
  await visibleEndpoint(ctx, ref);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const ep = await lockLiveEndpoint(tx, ref.customerId, ref.endpointId);
    if (!ep) throw noSuchEndpoint(ref.endpointId); // removed meanwhile
    const event = await change(ep, tx, now);
    if (event) await appendEvent(tx, null, ref.actor, event, now);
    return (await findEndpointView(tx, ref.customerId, ep.id))!;
  });
}
