/**
 * A message to a customer in parts: one e-mail to each contact, one signed webhook to each
 * endpoint. Each part that reaches its recipient is recorded at once (`delivery_receipts`), in its
 * own short write as it happens, so that a worker killed in the middle of a ten-recipient notice
 * leaves the five it served on record and the next attempt serves only the other five. The window
 * that remains is a crash between the relay's "250" and that write: that one message goes again,
 * under the same Message-ID.
 */
import { recordReceipts } from '../store/delivery-receipts.ts';
import type { ClaimedJob } from '../store/outbox-claims.ts';
import { coalesce } from './coalesce.ts';
import { deliverWebhook } from './deliver-webhook.ts';
import type { NotifyDeps } from './deps.ts';
import { DeliveryError, describeError, responseCodeOf } from './errors.ts';
import type { WebhookEndpoint } from '../store/webhook-repository.ts';

export type PartResult =
  | { ok: true; code: string }
  | { ok: false; code: string | null; error: string; dropped: boolean };

export interface Part {
  /** "email:<contact id>" or "webhook:<endpoint id>": the receipt's name. */
  recipient: string;
  channel: 'email' | 'webhook';
  send(): Promise<PartResult>;
}

export interface PartsOutcome {
  /** Every recipient served, on this run or an earlier one. */
  served: number;
  channels: string[];
  /** The answer of the last part sent now, if it went out. */
  lastCode: string | null;
}

export interface PartSender {
  /** `msg` is rendered only when the part is sent. */
  email(job: ClaimedJob, contact: { id: string; email: string }, msg: () => EmailContent): Part;
  webhook(job: ClaimedJob, endpoint: WebhookEndpoint, body: () => string): Part;
  /** Send every part not yet served; throws DeliveryError naming the failures, after recording the rest. */
  run(parts: Part[], done: Set<string>): Promise<PartsOutcome>;
}

export interface EmailContent {
  subject: string;
  text: string;
  html: string | null;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export function partSender(deps: NotifyDeps): PartSender {
  const { ctx, mailer } = deps;
  // Receipts of parts that finish in the same turn of the event loop share one statement.
  const saveReceipt = coalesce(
    async (rs: { jobId: string; recipient: string; messageId: string; response: string | null; at: Date }[]) => {
      await recordReceipts(ctx.db, rs);
      return rs.map(() => undefined);
    },
  );
  return {
    email(job, contact, msg) {
      const recipient = `email:${contact.id}`;
      return {
        recipient,
        channel: 'email',
        async send() {
          let sent: Awaited<ReturnType<typeof mailer.send>>;
          const m = msg();
          try {
            sent = await mailer.send({
              to: contact.email,
              subject: m.subject,
              text: m.text,
              html: m.html,
              idempotencyKey: job.idempotencyKey,
              part: contact.id,
              ...(m.attachments ? { attachments: m.attachments } : {}),
            });
          } catch (e) {
            return { ok: false, code: responseCodeOf(e), error: describeError(e), dropped: false };
          }
          // Recorded before anything else happens: this recipient is served.
          await saveReceipt({
            jobId: job.id,
            recipient,
            messageId: sent.messageId,
            response: sent.response,
            at: ctx.now(),
          });
          return { ok: true, code: sent.code };
        },
      };
    },
    webhook(job, endpoint, body) {
      const recipient = `webhook:${endpoint.id}`;
      return {
        recipient,
        channel: 'webhook',
        async send() {
          // deliverWebhook logs the delivery and records its receipt in one transaction.
          const r = await deliverWebhook(deps, {
            endpoint,
            jobId: job.id,
            webhookId: job.idempotencyKey,
            body: body(),
            recipient,
          });
          return r.ok
            ? { ok: true, code: String(r.status) }
            : { ok: false, code: r.status === null ? null : String(r.status), error: r.error, dropped: r.dropped };
        },
      };
    },
    async run(parts, done) {
      const results = await Promise.all(
        parts.filter((p) => !done.has(p.recipient)).map(async (p) => ({ p, r: await p.send() })),
      );
      const failed = results.filter((x) => !x.r.ok && !x.r.dropped);
      if (failed.length) {
        const first = failed[0]!.r as { code: string | null; error: string };
        throw new DeliveryError(
          `${failed.length} of ${parts.length} deliveries failed (first: ${first.error})`,
          first.code,
        );
      }
      const now = results.filter((x) => x.r.ok).map((x) => x.p);
      // Receipts are named "<channel>:<id>".
      const channels = [
        ...new Set([...[...done].map((r) => r.slice(0, r.indexOf(':'))), ...now.map((p) => p.channel)]),
      ].sort();
      const last = results[results.length - 1]?.r;
      return { served: done.size + now.length, channels, lastCode: last?.ok ? last.code : null };
    },
  };
}
