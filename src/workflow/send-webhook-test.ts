/**
 * Send a signed test event (`ping`) to an endpoint through the same sender notices use (the same
 * signature, address guard, timeout and no redirects), log it in the endpoint's delivery log and
 * record that it was sent; the outcome goes back to the caller. A test may go to a switched-off
 * endpoint (to check a receiver before switching it on), and its failure does not count towards
 * switching the endpoint off. Nothing is held open while the request is under way.
 */
import { randomUUID } from 'node:crypto';
import { PING_ID_PREFIX, type WebhookDeliveryView } from '../domain/webhook.ts';
import type { WebhookSender } from '../notify/webhook-sender.ts';
import { appendEvent } from '../store/event-repository.ts';
import { logTestDelivery } from '../store/webhook-endpoint-changes.ts';
import { findEndpoint } from '../store/webhook-repository.ts';
import type { WorkflowContext } from './context.ts';
import { noSuchEndpoint, visibleEndpoint, type EndpointRef } from './support/act-on-endpoint.ts';

export interface SendWebhookTestOptions extends EndpointRef {
  sender: WebhookSender;
}

/** The test event: Standard Webhooks' envelope, like a notice's, with nothing about any demand. */
export function pingBody(customerId: string, endpointId: string, at: Date): string {
  return JSON.stringify({
    type: 'ping',
    timestamp: at.toISOString(),
    data: {
      customerId,
      endpointId,
      message: 'A test event from Writ. If its signature checks out, this endpoint is ready for notices.',
    },
  });
}

export async function sendWebhookTest(ctx: WorkflowContext, o: SendWebhookTestOptions): Promise<WebhookDeliveryView> {
  await visibleEndpoint(ctx, o);
  // The secret is read as the application: the tenant role may not read it (migration 0010).
  const ep = await findEndpoint(ctx.db, o.endpointId);
  if (!ep || ep.customerId !== o.customerId || !ep.secret) throw noSuchEndpoint(o.endpointId);
  const at = ctx.now();
  const webhookId = `${PING_ID_PREFIX}${randomUUID()}`;
  const started = Date.now();
  // webhook-timestamp is the wall clock: receivers check it against theirs to refuse replays.
  const res = await o.sender.post({
    url: ep.url,
    secret: ep.secret,
    webhookId,
    timestamp: Math.floor(started / 1000),
    body: pingBody(o.customerId, ep.id, at),
  });
  const durationMs = Date.now() - started;
  const error = res.ok ? null : res.error;
  return ctx.db.transaction().execute(async (tx) => {
    const id = await logTestDelivery(tx, {
      endpointId: ep.id,
      webhookId,
      at,
      statusCode: res.status,
      ok: res.ok,
      error,
      durationMs,
    });
    await appendEvent(
      tx,
      null,
      o.actor,
      {
        type: 'webhook.endpoint_tested',
        customerId: o.customerId,
        endpointId: ep.id,
        ok: res.ok,
        statusCode: res.status,
      },
      at,
    );
    return {
      id,
      at: at.toISOString(),
      kind: 'ping',
      ok: res.ok,
      statusCode: res.status,
      error,
      messageId: webhookId,
      durationMs,
    };
  });
}
