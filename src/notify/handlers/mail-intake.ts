/**
 * `mail.read`: read a received message into its draft (src/workflow/read-demand-draft.ts), with one
 * document reader per worker (OCR keeps its engine between documents).
 * `mail.acknowledge`: tell an authenticated sender that its message arrived ("received"), and
 * its reference once staff have registered the demand ("reference"); sent once per stage.
 */
import type { DocumentReader } from '../../documents/read-document.ts';
import { deliveredRecipients, recordReceipt } from '../../store/delivery-receipts.ts';
import { findDraft } from '../../store/mail-intake-repository.ts';
import { readDemandDraft } from '../../workflow/read-demand-draft.ts';
import type { NotifyDeps } from '../deps.ts';
import type { JobHandler } from '../outbox-worker.ts';

export function mailReadHandler(deps: NotifyDeps, reader: () => DocumentReader): JobHandler {
  return async (job) => {
    const { draftId } = job.payload as { draftId: string };
    await readDemandDraft(deps.ctx, { draftId, reader: reader() });
  };
}

export function mailAcknowledgeHandler(deps: NotifyDeps): JobHandler {
  return async (job) => {
    const { draftId, stage } = job.payload as { draftId: string; stage: 'received' | 'reference' };
    const draft = await findDraft(deps.ctx.db, draftId);
    if (!draft?.from_address) return;
    const recipient = `email:${draft.from_address}`;
    if ((await deliveredRecipients(deps.ctx.db, job.id)).has(recipient)) return;
    const data = {
      subject: draft.subject ?? '(no subject)',
      receivedAt: draft.received_at
        ? new Date(draft.received_at).toISOString().replace('T', ' ').slice(0, 16) + ' UTC'
        : '',
      reference: draft.demand_reference ?? '',
    };
    const msg = deps.templates.render(stage === 'received' ? 'mail-received' : 'mail-registered', data);
    const sent = await deps.mailer.send({
      to: draft.from_address,
      subject: msg.subject,
      text: msg.text,
      html: msg.html,
      idempotencyKey: job.idempotencyKey,
      part: stage,
    });
    await recordReceipt(deps.ctx.db, {
      jobId: job.id,
      recipient,
      messageId: sent.messageId,
      response: sent.response,
      at: deps.ctx.now(),
    });
    return { responseCode: sent.code };
  };
}
