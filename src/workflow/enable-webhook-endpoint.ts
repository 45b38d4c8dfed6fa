/**
 * Switch an endpoint on again, whoever switched it off (a person, or Writ after failures): its
 * failure count starts from zero. Enabling one that is on changes nothing and records nothing.
 */
import type { WebhookEndpointView } from '../domain/webhook.ts';
import { setEndpointEnabled } from '../store/webhook-endpoint-changes.ts';
import type { WorkflowContext } from './context.ts';
import { actOnEndpoint, type EndpointRef } from './support/act-on-endpoint.ts';

export function enableWebhookEndpoint(ctx: WorkflowContext, o: EndpointRef): Promise<WebhookEndpointView> {
  return actOnEndpoint(ctx, o, async (ep, tx) => {
    if (ep.enabled) return null;
    await setEndpointEnabled(tx, ep.id, { enabled: true });
    return { type: 'webhook.endpoint_enabled', customerId: ep.customerId, endpointId: ep.id };
  });
}
