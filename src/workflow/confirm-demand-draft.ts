/**
 * Staff confirm a draft read from an e-mail, with the fields as they corrected them: only now does
 * the demand go through intake and the policy engine. The draft's documents (the attachments
 * that were read, sealed in the store) become the demand's documents; the demand's time of
 * receipt is the message's, not the confirmation's. A sender that was not authenticated as a
 * verified agency domain puts the demand in requester verification whatever the requester's
 * standing, so a spoofed emergency never goes straight to review.
 *
 * Intake runs with the idempotency key `draft:<id>`: confirming again after a crash between intake
 * and the draft's update finds the same demand instead of making a second.
 */
import type { Demand } from '../domain/demand.ts';
import { DomainError } from '../domain/errors.ts';
import { actorLabel, type Actor } from '../domain/events.ts';
import type { SenderCheck } from '../domain/mail-sender.ts';
import { findDemand } from '../store/demand-repository.ts';
import { decideDraft, findDraft } from '../store/mail-intake-repository.ts';
import { appendEvent } from '../store/event-repository.ts';
import { enqueueJobs } from '../store/outbox-repository.ts';
import type { WorkflowContext } from './context.ts';
import { intakeDemand } from './intake-demand.ts';
import type { DraftDocument } from './read-demand-draft.ts';
import type { DemandIntake } from './schemas/demand-intake.ts';

export interface ConfirmDemandDraftOptions {
  draftId: string;
  /** The demand as staff confirm it; its channel is e-mail whatever is sent. */
  input: DemandIntake;
  /** Which of the draft's documents to file with the demand (default: every one that was read). */
  documents?: number[];
  actor: Actor;
}

export async function confirmDemandDraft(ctx: WorkflowContext, o: ConfirmDemandDraftOptions): Promise<Demand> {
  const draft = await findDraft(ctx.db, o.draftId);
  if (!draft) throw new DomainError('not_found', `No draft ${o.draftId}`);
  if (draft.state === 'reading')
    throw new DomainError('conflict', 'The draft is still being read; try again in a moment');
  if (draft.state === 'discarded') throw new DomainError('conflict', 'The draft was set aside as not a demand');
  // Confirmed already (a second click, a retry): the demand it became.
  if (draft.state === 'confirmed' && draft.demand_id) return (await findDemand(ctx.db, draft.demand_id))!;
  const sender = draft.sender as SenderCheck;
  const docs = (draft.documents as DraftDocument[]) ?? [];
  const chosen = o.documents ?? docs.filter((d) => d.read).map((d) => d.index);
  const unknown = chosen.filter((i) => !docs.some((d) => d.index === i));
  if (unknown.length) throw new DomainError('invalid_input', `The draft has no document ${unknown.join(', ')}`);
  const files = await Promise.all(
    docs
      .filter((d) => chosen.includes(d.index))
      .map(async (d) => ({ filename: d.filename, mediaType: d.mediaType, bytes: await ctx.documents.get(d.sha256) })),
  );
  const { demand } = await intakeDemand(ctx, {
    input: { ...o.input, channel: 'email', receivedAt: undefined },
    documents: files,
    actor: o.actor,
    idempotencyKey: `draft:${o.draftId}`,
    arrival: {
      receivedAt: draft.received_at ? new Date(draft.received_at) : undefined,
      senderUnauthenticated: sender.verdict !== 'verified_agency',
    },
  });
  await ctx.db.transaction().execute(async (tx) => {
    const locked = await findDraft(tx, o.draftId, { forUpdate: true });
    if (locked?.state === 'confirmed') return;
    await decideDraft(tx, o.draftId, {
      state: 'confirmed',
      demandId: demand.id,
      by: actorLabel(o.actor),
      reason: null,
      now: ctx.now(),
    });
    await appendEvent(
      tx,
      demand.id,
      o.actor,
      { type: 'mail.draft_confirmed', draftId: o.draftId, demandId: demand.id },
      ctx.now(),
    );
    if (sender.authentication.dmarc.result === 'pass' && draft.from_address)
      await enqueueJobs(tx, [
        {
          kind: 'mail.acknowledge',
          idempotencyKey: `mail.ack:${o.draftId}:reference`,
          demandId: demand.id,
          payload: { draftId: o.draftId, stage: 'reference' },
          runAt: ctx.now(),
        },
      ]);
  });
  return demand;
}
