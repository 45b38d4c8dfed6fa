/**
 * A message to staff (an alert, a reminder) sent once per job, with its timeline event recorded in
 * the same transaction as the proof that it went out: a retry neither mails twice nor records twice.
 */
import { SYSTEM, type WritEvent } from '../domain/events.ts';
import { deliveredRecipients, recordReceipt } from '../store/delivery-receipts.ts';
import { actOnDemand } from '../workflow/support/act-on-demand.ts';
import type { NotifyDeps } from './deps.ts';
import type { ClaimedJob } from './outbox-worker.ts';
import type { TemplateName } from './templates.ts';

const RECIPIENT = 'email:staff';

export async function mailStaffOnce(
  deps: NotifyDeps,
  job: ClaimedJob,
  m: { template: TemplateName; data: object; event?: WritEvent },
): Promise<{ responseCode: string | null }> {
  const { ctx, config } = deps;
  const done = await deliveredRecipients(ctx.db, job.id);
  if (done.has(RECIPIENT)) return { responseCode: null };
  let messageId = 'none';
  let response: string | null = null;
  let code: string | null = null;
  if (config.staffAlertEmail) {
    const msg = deps.templates.render(m.template, m.data);
    const sent = await deps.mailer.send({
      to: config.staffAlertEmail,
      subject: msg.subject,
      text: msg.text,
      html: msg.html,
      idempotencyKey: job.idempotencyKey,
      part: 'staff',
    });
    ({ messageId, response, code } = sent);
  } else {
    deps.log.warn(
      { job: job.id, kind: job.kind },
      'no staff address configured (WRIT_STAFF_ALERT_EMAIL): recorded on the timeline only',
    );
  }
  const receipt = { jobId: job.id, recipient: RECIPIENT, messageId, response, at: ctx.now() };
  if (job.demandId && m.event) {
    const event = m.event;
    await actOnDemand(ctx, job.demandId, SYSTEM, async (_d, tx) => {
      const first = !(await deliveredRecipients(tx, job.id)).has(RECIPIENT);
      if (first) await recordReceipt(tx, receipt);
      return { events: first ? [event] : [] };
    });
  } else {
    await recordReceipt(ctx.db, receipt);
  }
  return { responseCode: code };
}
