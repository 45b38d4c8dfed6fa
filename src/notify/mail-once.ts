/**
 * A message sent once per job and recipient (an alert to staff, a question to an agency), with its
 * timeline event recorded in the same transaction as the proof that it went out: a retry neither
 * mails twice nor records twice.
 */
import { SYSTEM, type WritEvent } from '../domain/events.ts';
import { deliveredRecipients, recordReceipt } from '../store/delivery-receipts.ts';
import { actOnDemand } from '../workflow/support/act-on-demand.ts';
import type { NotifyDeps } from './deps.ts';
import type { ClaimedJob } from './outbox-worker.ts';
import type { TemplateName } from './templates.ts';

export interface OnceMessage {
  template: TemplateName;
  data: object;
  /** The timeline event recorded with the receipt (given the Message-ID that went out). */
  event?: WritEvent | ((messageId: string) => WritEvent);
}

/**
 * Send `m` to `to` once for this job: `recipient` keys the receipt ("email:staff"). With no
 * address, nothing is mailed and the receipt says so (`unaddressed` is logged), so the job ends.
 */
export async function mailOnce(
  deps: NotifyDeps,
  job: ClaimedJob,
  to: { address: string | null; recipient: string; part: string; unaddressed: string },
  m: OnceMessage,
): Promise<{ responseCode: string | null }> {
  const { ctx } = deps;
  const done = await deliveredRecipients(ctx.db, job.id);
  if (done.has(to.recipient)) return { responseCode: null };
  let messageId = 'none';
  let response: string | null = null;
  let code: string | null = null;
  if (to.address) {
    const msg = deps.templates.render(m.template, m.data);
    const sent = await deps.mailer.send({
      to: to.address,
      subject: msg.subject,
      text: msg.text,
      html: msg.html,
      idempotencyKey: job.idempotencyKey,
      part: to.part,
    });
    ({ messageId, response, code } = sent);
  } else {
    deps.log.warn({ job: job.id, kind: job.kind }, to.unaddressed);
  }
  const receipt = { jobId: job.id, recipient: to.recipient, messageId, response, at: ctx.now() };
  if (job.demandId && m.event) {
    const event = typeof m.event === 'function' ? m.event(messageId) : m.event;
    await actOnDemand(ctx, job.demandId, SYSTEM, async (_d, tx) => {
      const first = !(await deliveredRecipients(tx, job.id)).has(to.recipient);
      if (first) await recordReceipt(tx, receipt);
      return { events: first ? [event] : [] };
    });
  } else {
    await recordReceipt(ctx.db, receipt);
  }
  return { responseCode: code };
}

/** A message to the staff alert address (WRIT_STAFF_ALERT_EMAIL), once per job. */
export function mailStaffOnce(
  deps: NotifyDeps,
  job: ClaimedJob,
  m: OnceMessage,
): Promise<{ responseCode: string | null }> {
  return mailOnce(
    deps,
    job,
    {
      address: deps.config.staffAlertEmail ?? null,
      recipient: 'email:staff',
      part: 'staff',
      unaddressed: 'no staff address configured (WRIT_STAFF_ALERT_EMAIL): recorded on the timeline only',
    },
    m,
  );
}
