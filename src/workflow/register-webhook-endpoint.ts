/**
 * A customer admin registers a webhook endpoint: a fresh secret ("whsec_" + 32 random bytes in
 * base64) is made here and returned this once; afterwards only its last characters are shown. The
 * URL's rules (https, a public address) are checked at the edge before this runs
 * (src/notify/endpoint-url.ts). Endpoint and event in one transaction.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import type { Actor } from '../domain/events.ts';
import { MAX_ENDPOINTS_PER_CUSTOMER, type WebhookEndpointWithSecret } from '../domain/webhook.ts';
import { appendEvent } from '../store/event-repository.ts';
import { lockCustomerEndpointCount } from '../store/webhook-endpoint-changes.ts';
import { findEndpointView } from '../store/webhook-endpoint-views.ts';
import { createWebhookEndpoint } from '../store/webhook-repository.ts';
import type { WorkflowContext } from './context.ts';

export interface RegisterWebhookEndpointOptions {
  customerId: string;
  /** Already checked against the endpoint rules. */
  url: string;
  description?: string;
  /** The event types to send there; absent or null: every type. */
  eventTypes?: string[] | null;
  actor: Actor;
}

/** A new Standard Webhooks secret (the form src/notify/webhook-signature.ts signs with; made here so the workflow does not depend on delivery code). */
export function newEndpointSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export async function registerWebhookEndpoint(
  ctx: WorkflowContext,
  o: RegisterWebhookEndpointOptions,
): Promise<WebhookEndpointWithSecret> {
  const now = ctx.now();
  const secret = newEndpointSecret();
  return ctx.db.transaction().execute(async (tx) => {
    const count = await lockCustomerEndpointCount(tx, o.customerId);
    if (count === undefined) throw new DomainError('not_found', `No customer ${o.customerId}`);
    // Every notice goes to every endpoint: a bound keeps one tenant from multiplying Writ's traffic.
    if (count >= MAX_ENDPOINTS_PER_CUSTOMER)
      throw new DomainError(
        'conflict',
        `A customer may have at most ${MAX_ENDPOINTS_PER_CUSTOMER} webhook endpoints; remove one first`,
      );
    const ep = await createWebhookEndpoint(tx, {
      id: randomUUID(),
      customerId: o.customerId,
      url: o.url,
      secret,
      description: o.description ?? null,
      eventTypes: o.eventTypes ?? null,
      createdAt: now,
    });
    await appendEvent(
      tx,
      null,
      o.actor,
      { type: 'webhook.endpoint_registered', customerId: o.customerId, endpointId: ep.id, url: o.url },
      now,
    );
    return { ...(await findEndpointView(tx, o.customerId, ep.id))!, secret };
  });
}
