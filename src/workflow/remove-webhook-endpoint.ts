/**
 * Remove an endpoint for good. The row is kept, not deleted: its delivery log is the record of the
 * notices that reached the customer there (and the log's rows refer to it). What goes is
 * everything that makes it an endpoint: it is switched off, can never be enabled again, leaves the
 * list and the count of endpoints, and its secret is wiped.
 */
import { actorLabel } from '../domain/events.ts';
import type { WebhookEndpointView } from '../domain/webhook.ts';
import { markEndpointRemoved } from '../store/webhook-endpoint-changes.ts';
import type { WorkflowContext } from './context.ts';
import { actOnEndpoint, type EndpointRef } from './support/act-on-endpoint.ts';

export function removeWebhookEndpoint(ctx: WorkflowContext, o: EndpointRef): Promise<WebhookEndpointView> {
  return actOnEndpoint(ctx, o, async (ep, tx, now) => {
    await markEndpointRemoved(tx, ep.id, actorLabel(o.actor), now);
    return { type: 'webhook.endpoint_removed', customerId: ep.customerId, endpointId: ep.id };
  });
}
