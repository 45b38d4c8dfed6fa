/**
 * A document added to a demand after intake (the signed original, a corrected order, the agency's
 * answer): checked like intake's, stored by its SHA-256, and the engine weighs the demand again.
 * An officer adds a supplementary document to its own agency's demand only (another's does not
 * exist for it), and staff are told by e-mail (an `agency.message` job, in the same transaction).
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
  /** Set when an agency officer adds it: the officer's agency. */
  fromAgency?: string;
}

export async function addDemandDocument(ctx: WorkflowContext, o: AddDemandDocumentOptions) {
  checkDocuments(ctx, [o.document]);
  const sha256 = await ctx.documents.put(o.document.bytes);
  const id = randomUUID();
  const demand = await actOnDemand(ctx, o.demand, o.actor, async (d, tx, now) => {
    if (o.fromAgency !== undefined && d.agencyId !== o.fromAgency)
      throw new DomainError('not_found', `No demand ${o.demand}`);
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
    return {
      patch: again.patch,
      events: [{ type: 'demand.document_added', documentId: id, sha256 }, ...again.events],
      jobs:
        o.fromAgency === undefined
          ? []
          : [
              {
                kind: 'agency.message',
                idempotencyKey: `agency.message:${d.id}:${id}`,
                demandId: d.id,
                payload: { kind: 'document', closed: false, text: `Supplementary document: ${o.document.filename}` },
              },
            ],
    };
  });
  return { demand, documentId: id };
}
