/**
 * `notice.deliver`: the customer notice, by e-mail to every designated contact of every targeted
 * customer and by signed webhook to each of the customer's endpoints. Parts already delivered (a
 * retry, or a run after a crash) are not sent again; when every part has gone out the notice is
 * recorded as sent. A notice no longer pending (sent, held again, waived) is left alone.
 */
import { SYSTEM } from '../../domain/events.ts';
import { recordReceipts } from '../../store/delivery-receipts.ts';
import { loadNoticeFactsMany } from '../../store/notice-facts.ts';
import { recordNoticesSent } from '../../workflow/record-notice-sent.ts';
import { coalesce } from '../coalesce.ts';
import { deliverWebhook } from '../deliver-webhook.ts';
import type { NotifyDeps } from '../deps.ts';
import { DeliveryError, PermanentError, describeError, responseCodeOf } from '../errors.ts';
import { noticeModel, noticeWebhookBody } from '../notice-content.ts';
import { recordWith, type JobHandler } from '../outbox-worker.ts';
import { noticeContacts } from '../recipients.ts';

type PartResult =
  | { ok: true; code: string; messageId: string; response: string | null; viaWebhook: boolean }
  | { ok: false; code: string | null; error: string; dropped: boolean };

interface Part {
  recipient: string;
  channel: 'email' | 'webhook';
  send(): Promise<PartResult>;
}

export function noticeDeliverHandler(deps: NotifyDeps): JobHandler {
  const { ctx, templates, mailer } = deps;
  // The notices of one claimed batch read their facts in one statement.
  const loadFacts = coalesce(async (keys: { demandId: string; jobId: string }[]) => {
    const found = await loadNoticeFactsMany(ctx.db, keys);
    return keys.map((k) => found.get(k.jobId));
  });
  return async (job) => {
    if (!job.demandId) throw new PermanentError('a notice job names no demand');
    const facts = await loadFacts({ demandId: job.demandId, jobId: job.id });
    if (!facts) throw new PermanentError('the demand of this notice no longer exists');
    const { demand, agency, customers, endpoints, delivered: done } = facts;
    if (demand.noticeState !== 'pending') return { responseCode: null };

    const parts: Part[] = [];
    for (const c of customers) {
      const mine: Part[] = [];
      const model = noticeModel(demand, agency, c, deps.config.mailFrom);
      if (c.notificationPrefs.email !== false) {
        for (const k of noticeContacts(c)) {
          mine.push({
            recipient: `email:${k.id}`,
            channel: 'email',
            async send() {
              const msg = templates.render('notice', { ...model, contactName: k.name });
              try {
                const sent = await mailer.send({
                  to: k.email,
                  subject: msg.subject,
                  text: msg.text,
                  html: msg.html,
                  idempotencyKey: job.idempotencyKey,
                  part: k.id,
                });
                return {
                  ok: true,
                  code: sent.code,
                  messageId: sent.messageId,
                  response: sent.response,
                  viaWebhook: false,
                };
              } catch (e) {
                return { ok: false, code: responseCodeOf(e), error: describeError(e), dropped: false };
              }
            },
          });
        }
      }
      if (c.notificationPrefs.webhook !== false) {
        for (const ep of endpoints.filter((e) => e.customerId === c.id)) {
          const recipient = `webhook:${ep.id}`;
          mine.push({
            recipient,
            channel: 'webhook',
            async send() {
              // deliverWebhook logs the delivery and records its receipt in one transaction.
              const r = await deliverWebhook(deps, {
                endpoint: ep,
                jobId: job.id,
                webhookId: job.idempotencyKey,
                body: noticeWebhookBody(demand, agency, c, ctx.now()),
                recipient,
              });
              return r.ok
                ? {
                    ok: true,
                    code: String(r.status),
                    messageId: job.idempotencyKey,
                    response: String(r.status),
                    viaWebhook: true,
                  }
                : { ok: false, code: r.status === null ? null : String(r.status), error: r.error, dropped: r.dropped };
            },
          });
        }
      }
      if (!mine.length)
        throw new PermanentError(`customer ${c.id} has no designated contact and no webhook endpoint to notify`);
      parts.push(...mine);
    }

    const results = await Promise.all(
      parts.filter((p) => !done.has(p.recipient)).map(async (p) => ({ p, r: await p.send() })),
    );
    const failed = results.filter((x) => !x.r.ok && !x.r.dropped);
    if (failed.length) {
      // What did reach its recipient is recorded, so that the retry sends only the rest. (When
      // every part went out the notice is recorded as sent instead, which stops any retry: one
      // write fewer on the path every notice takes.)
      const at = ctx.now();
      await recordReceipts(
        ctx.db,
        results.flatMap(({ p, r }) =>
          r.ok && !r.viaWebhook
            ? [{ jobId: job.id, recipient: p.recipient, messageId: r.messageId, response: r.response, at }]
            : [],
        ),
      );
      const first = failed[0]!.r as { code: string | null; error: string };
      throw new DeliveryError(
        `${failed.length} of ${parts.length} deliveries failed (first: ${first.error})`,
        first.code,
      );
    }
    // Everything this job delivered, on this run or an earlier one (receipts are named "<channel>:<id>").
    const newlyDelivered = results.filter((x) => x.r.ok).map((x) => x.p);
    const recipients = done.size + newlyDelivered.length;
    if (!recipients) throw new PermanentError('no channel is left to notify the customer');
    const channels = [
      ...new Set([...[...done].map((r) => r.slice(0, r.indexOf(':'))), ...newlyDelivered.map((p) => p.channel)]),
    ].sort();
    const last = results[results.length - 1]?.r;
    // The notice is recorded as sent in the transaction that marks this job done (with the other
    // jobs finishing now), and only while the job is still this worker's: one commit for both.
    return {
      responseCode: last?.ok ? last.code : null,
      record: recordWith(recordNoticesSent, { demand: demand.id, actor: SYSTEM, recipients, channels }),
    };
  };
}
