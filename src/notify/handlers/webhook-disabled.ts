/** `webhook.disabled`: tell a customer's admins that one of their webhook endpoints was switched off. */
import { findCustomer } from '../../store/directory-repository.ts';
import { deliveredRecipients, recordReceipt } from '../../store/delivery-receipts.ts';
import { findEndpoint } from '../../store/webhook-repository.ts';
import type { NotifyDeps } from '../deps.ts';
import { DeliveryError, PermanentError, describeError, responseCodeOf } from '../errors.ts';
import type { JobHandler } from '../outbox-worker.ts';
import { adminContacts } from '../recipients.ts';

export function webhookDisabledHandler(deps: NotifyDeps): JobHandler {
  return async (job) => {
    const p = job.payload as { endpointId?: string; customerId?: string; failures?: number; lastError?: string };
    const [customer, endpoint] = await Promise.all([
      findCustomer(deps.ctx.db, p.customerId ?? ''),
      findEndpoint(deps.ctx.db, p.endpointId ?? ''),
    ]);
    if (!customer || !endpoint) throw new PermanentError('the customer or endpoint of this message no longer exists');
    const admins = adminContacts(customer);
    if (!admins.length) throw new PermanentError(`customer ${customer.id} has no admin to tell`);
    const done = await deliveredRecipients(deps.ctx.db, job.id);
    const data = {
      customerName: customer.name,
      url: endpoint.url,
      failures: p.failures ?? endpoint.failureCount,
      lastError: p.lastError ?? '',
      replyTo: deps.config.mailFrom,
    };
    const errors: unknown[] = [];
    for (const k of admins.filter((a) => !done.has(`email:${a.id}`))) {
      const msg = deps.templates.render('webhook-disabled', { ...data, contactName: k.name });
      try {
        const sent = await deps.mailer.send({
          to: k.email,
          subject: msg.subject,
          text: msg.text,
          html: msg.html,
          idempotencyKey: job.idempotencyKey,
          part: k.id,
        });
        await recordReceipt(deps.ctx.db, {
          jobId: job.id,
          recipient: `email:${k.id}`,
          messageId: sent.messageId,
          response: sent.response,
          at: deps.ctx.now(),
        });
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length)
      throw new DeliveryError(
        `${errors.length} of ${admins.length} messages failed (first: ${describeError(errors[0])})`,
        responseCodeOf(errors[0]),
      );
  };
}
