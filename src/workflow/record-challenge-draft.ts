/**
 * A draft application against a demand's secrecy order is kept as an editable text document of
 * the demand, internal (staff only: the agency never sees the provider's legal strategy), and the
 * timeline says so. The bytes go to the document store first; the document
 * row and the event are written in one transaction.
 */
import { DomainError } from '../domain/errors.ts';
import type { Actor } from '../domain/events.ts';
import { insertGeneratedDocument } from '../store/generated-documents.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';

export interface RecordChallengeDraftOptions {
  demand: string;
  actor: Actor;
  /** The draft's text, rendered from the challenge-draft template. */
  text: string;
  /** The ground codes it argues. */
  grounds: string[];
}

export async function recordChallengeDraft(ctx: WorkflowContext, o: RecordChallengeDraftOptions) {
  const bytes = Buffer.from(o.text, 'utf8');
  const sha256 = await ctx.documents.put(bytes);
  let documentId = '';
  let filename = '';
  const demand = await actOnDemand(ctx, o.demand, o.actor, async (d, tx, now) => {
    if (!d.secrecyOrder) throw new DomainError('illegal_transition', 'This demand has no secrecy order to challenge');
    filename = `challenge-draft-${d.reference}-${now.toISOString().slice(0, 10)}.txt`;
    documentId = await insertGeneratedDocument(
      tx,
      d.id,
      { filename, mediaType: 'text/plain; charset=utf-8', sizeBytes: bytes.length, sha256, internal: true },
      now,
    );
    return { events: [{ type: 'challenge.draft_created', documentId, sha256, grounds: o.grounds }] };
  });
  return {
    demand,
    document: { id: documentId, filename, mediaType: 'text/plain; charset=utf-8', sizeBytes: bytes.length, sha256 },
  };
}
