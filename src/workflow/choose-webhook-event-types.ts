/**
 * A customer admin chooses which event types go to one of its endpoints (null: every type, also
 * those added later). Choosing the same set again changes nothing and records nothing.
 */
import { CUSTOMER_EVENT_TYPES } from '../domain/follow-ups.ts';
import { invalid } from '../domain/errors.ts';
import type { WebhookEndpointView } from '../domain/webhook.ts';
import { setEndpointEventTypes } from '../store/webhook-endpoint-changes.ts';
import type { WorkflowContext } from './context.ts';
import { actOnEndpoint, visibleEndpoint, type EndpointRef } from './support/act-on-endpoint.ts';

/** The set as stored: known types only, each once, in the catalogue's order. */
export function normaliseEventTypes(types: string[] | null, pointer = '/eventTypes'): string[] | null {
  if (types === null) return null;
  const unknown = types.filter((t) => !(CUSTOMER_EVENT_TYPES as readonly string[]).includes(t));
  if (unknown.length)
    throw invalid([{ pointer, detail: `names unknown event types: ${unknown.join(', ')} (see the API's webhooks)` }]);
  if (!types.length)
    throw invalid([{ pointer, detail: 'must name at least one type (switch the endpoint off instead)' }]);
  return CUSTOMER_EVENT_TYPES.filter((t) => types.includes(t));
}

export async function chooseWebhookEventTypes(
  ctx: WorkflowContext,
  o: EndpointRef & { eventTypes: string[] | null },
): Promise<WebhookEndpointView> {
  const chosen = normaliseEventTypes(o.eventTypes);
  const seen = await visibleEndpoint(ctx, o);
  if (JSON.stringify(seen.eventTypes) === JSON.stringify(chosen)) return seen;
  return actOnEndpoint(ctx, o, async (ep, tx) => {
    await setEndpointEventTypes(tx, ep.id, chosen);
    return {
      type: 'webhook.endpoint_event_types_chosen',
      customerId: ep.customerId,
      endpointId: ep.id,
      eventTypes: chosen,
    };
  });
}
