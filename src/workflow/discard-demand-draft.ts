/**
 * Staff set a draft aside as not a demand (spam, a duplicate sent twice under two Message-IDs, a
 * letter that needs no action), with the reason. The message and its documents stay kept.
 */
import { DomainError } from '../domain/errors.ts';
import { actorLabel, type Actor } from '../domain/events.ts';
import { appendEvent } from '../store/event-repository.ts';
import { decideDraft, findDraft } from '../store/mail-intake-repository.ts';
import type { WorkflowContext } from './context.ts';

export async function discardDemandDraft(
  ctx: WorkflowContext,
  o: { draftId: string; reason: string; actor: Actor },
): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const draft = await findDraft(tx, o.draftId, { forUpdate: true });
    if (!draft) throw new DomainError('not_found', `No draft ${o.draftId}`);
    if (draft.state === 'confirmed') throw new DomainError('conflict', 'The draft is already a demand');
    if (draft.state === 'discarded') return;
    await decideDraft(tx, o.draftId, {
      state: 'discarded',
      demandId: null,
      by: actorLabel(o.actor),
      reason: o.reason,
      now: ctx.now(),
    });
    await appendEvent(
      tx,
      null,
      o.actor,
      { type: 'mail.draft_discarded', draftId: o.draftId, reason: o.reason },
      ctx.now(),
    );
  });
}
