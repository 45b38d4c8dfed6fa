/**
 * Replace an endpoint's secret with a fresh one, returned this once. It takes effect at once: a
 * message signed a moment earlier with the old secret, and refused by a receiver that already
 * has the new one, is retried by the outbox with the new one.
 */
import type { WebhookEndpointWithSecret } from '../domain/webhook.ts';
import { setEndpointSecret } from '../store/webhook-endpoint-changes.ts';
import type { WorkflowContext } from './context.ts';
import { newEndpointSecret } from './register-webhook-endpoint.ts';
import { actOnEndpoint, type EndpointRef } from './support/act-on-endpoint.ts';

export async function rotateWebhookSecret(ctx: WorkflowContext, o: EndpointRef): Promise<WebhookEndpointWithSecret> {
  const secret = newEndpointSecret();
  const view = await actOnEndpoint(ctx, o, async (ep, tx, now) => {
    await setEndpointSecret(tx, ep.id, secret, now);
    return { type: 'webhook.endpoint_secret_rotated', customerId: ep.customerId, endpointId: ep.id };
  });
  return { ...view, secret };
}
