/**
 * A person switches an endpoint off: notices stop going to it (and are no longer waited for) until
 * it is enabled again. Switching off one that is already off changes nothing and records nothing.
 */
import { actorLabel } from '../domain/events.ts';
import type { WebhookEndpointView } from '../domain/webhook.ts';
import { setEndpointEnabled } from '../store/webhook-endpoint-changes.ts';
import type { WorkflowContext } from './context.ts';
import { actOnEndpoint, type EndpointRef } from './support/act-on-endpoint.ts';

export function disableWebhookEndpoint(ctx: WorkflowContext, o: EndpointRef): Promise<WebhookEndpointView> {
  return actOnEndpoint(ctx, o, async (ep, tx, now) => {
    if (!ep.enabled) return null;
    await setEndpointEnabled(tx, ep.id, { enabled: false, by: actorLabel(o.actor), at: now });
    return { type: 'webhook.endpoint_paused', customerId: ep.customerId, endpointId: ep.id };
  });
}
