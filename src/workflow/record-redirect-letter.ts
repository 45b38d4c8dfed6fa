/**
 * The redirect letter reached the requester: its PDF copy joins the demand's documents and the
 * timeline says so, together with the proof of delivery, in one transaction. Recording the same
 * delivery again (a retried job) changes nothing.
 */
import type { Actor } from '../domain/events.ts';
import { deliveredRecipients, recordReceipt } from '../store/delivery-receipts.ts';
import { insertGeneratedDocument } from '../store/generated-documents.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';

export interface RecordRedirectLetterOptions {
  demand: string;
  actor: Actor;
  /** The outbox job that sent it, and which of its parts this was. */
  jobId: string;
  recipient: string;
  messageId: string;
  response: string | null;
  requesterId: string;
  legalContactShared: boolean;
  pdf: { filename: string; sha256: string; sizeBytes: number };
}

export function recordRedirectLetter(ctx: WorkflowContext, o: RecordRedirectLetterOptions) {
  return actOnDemand(ctx, o.demand, o.actor, async (d, tx, now) => {
    if ((await deliveredRecipients(tx, o.jobId)).has(o.recipient)) return { events: [] };
    await recordReceipt(tx, {
      jobId: o.jobId,
      recipient: o.recipient,
      messageId: o.messageId,
      response: o.response,
      at: now,
    });
    const documentId = await insertGeneratedDocument(
      tx,
      d.id,
      { filename: o.pdf.filename, mediaType: 'application/pdf', sizeBytes: o.pdf.sizeBytes, sha256: o.pdf.sha256 },
      now,
    );
    return {
      events: [
        {
          type: 'redirect.letter_sent',
          requesterId: o.requesterId,
          documentId,
          sha256: o.pdf.sha256,
          legalContactShared: o.legalContactShared,
          messageId: o.messageId,
        },
      ],
    };
  });
}
