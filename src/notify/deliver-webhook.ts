/**
 * One signed webhook to one endpoint, logged. A failure counts against the endpoint; at the limit,
 * or at once when the endpoint is unreachable by rule (a private address) or says it is gone
 * (410), the endpoint is switched off and the customer's admins are told by e-mail.
 */
import { SYSTEM } from '../domain/events.ts';
import { recordReceipt } from '../store/delivery-receipts.ts';
import { appendEvent } from '../store/event-repository.ts';
import { enqueueJobs } from '../store/outbox-repository.ts';
import { disableEndpoint, logWebhookDelivery, type WebhookEndpoint } from '../store/webhook-repository.ts';
import type { NotifyDeps } from './deps.ts';

export type WebhookOutcome =
  | { ok: true; status: number }
  /** `dropped`: the endpoint was switched off, so it is no longer a channel to wait for. */
  | { ok: false; status: number | null; error: string; dropped: boolean };

export async function deliverWebhook(
  deps: NotifyDeps,
  w: { endpoint: WebhookEndpoint; jobId: string; webhookId: string; body: string; recipient: string },
): Promise<WebhookOutcome> {
  const started = Date.now();
  const timestamp = deps.wallClockSeconds?.() ?? Math.floor(Date.now() / 1000);
  const res = await deps.webhooks.post({
    url: w.endpoint.url,
    secret: w.endpoint.secret,
    webhookId: w.webhookId,
    timestamp,
    body: w.body,
  });
  const now = deps.ctx.now();
  return deps.ctx.db.transaction().execute(async (tx) => {
    const failures = await logWebhookDelivery(tx, {
      endpointId: w.endpoint.id,
      jobId: w.jobId,
      webhookId: w.webhookId,
      at: now,
      statusCode: res.status,
      ok: res.ok,
      error: res.ok ? null : res.error,
      durationMs: Date.now() - started,
    });
    if (res.ok) {
      await recordReceipt(tx, {
        jobId: w.jobId,
        recipient: w.recipient,
        messageId: w.webhookId,
        response: String(res.status),
        at: now,
      });
      return { ok: true, status: res.status } as const;
    }
    const off = res.blocked || res.status === 410 || failures >= deps.config.webhookDisableAfter;
    if (off && (await disableEndpoint(tx, w.endpoint.id, now))) {
      await appendEvent(
        tx,
        null,
        SYSTEM,
        { type: 'webhook.endpoint_disabled', customerId: w.endpoint.customerId, endpointId: w.endpoint.id, failures },
        now,
      );
      await enqueueJobs(tx, [
        {
          kind: 'webhook.disabled',
          idempotencyKey: `webhook.disabled:${w.endpoint.id}:${now.toISOString()}`,
          demandId: null,
          payload: { endpointId: w.endpoint.id, customerId: w.endpoint.customerId, failures, lastError: res.error },
          runAt: now,
        },
      ]);
      deps.log.warn(
        { endpoint: w.endpoint.id, customer: w.endpoint.customerId, failures },
        'webhook endpoint switched off',
      );
    }
    return { ok: false, status: res.status, error: res.error, dropped: off };
  });
}
