/**
 * A document added to a demand after intake (the signed original, a corrected order, the agency's
 * answer): checked like intake's, stored by its SHA-256, and the engine weighs the demand again.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import type { Actor } from '../domain/events.ts';
import type { WorkflowContext } from './context.ts';
import { checkDocuments, type UploadedDocument } from './intake-demand.ts';
import { actOnDemand } from './support/act-on-demand.ts';
import { reweighChange } from './support/reweigh.ts';

export interface AddDemandDocumentOptions {
  demand: string;
  actor: Actor;
  document: UploadedDocument;
}

export async function addDemandDocument(ctx: WorkflowContext, o: AddDemandDocumentOptions) {
  checkDocuments(ctx, [o.document]);
  const sha256 = await ctx.documents.put(o.document.bytes);
  const id = randomUUID();
  const demand = await actOnDemand(ctx, o.demand, o.actor, async (d, tx, now) => {
    if (d.state === 'closed') throw new DomainError('illegal_transition', 'A closed demand takes no new documents');
    await tx
      .insertInto('documents')
      .values({
        id,
        demand_id: d.id,
        filename: o.document.filename,
        media_type: o.document.mediaType.toLowerCase(),
        size_bytes: o.document.bytes.length,
        sha256,
        created_at: now,
      })
      .execute();
    const again = await reweighChange(ctx, tx, d, 'document_added', [`Document added: ${o.document.filename}`], now);
    return { patch: again.patch, events: [{ type: 'demand.document_added', documentId: id, sha256 }, ...again.events] };
  });
  return { demand, documentId: id };
}
