/**
 * Verification done: counsel reviews next. A requester is confirmed only after a call-back to the
 * agency directory's number was recorded; for an emergency request (the favourite of forgers, who
 * send them from hacked police mailboxes) a second, different reviewer must confirm.
 */
import { DomainError } from '../domain/errors.ts';
import { actorLabel, type Actor } from '../domain/events.ts';
import { transition } from '../domain/state-machine.ts';
import { MATTER_TRACK } from '../domain/matter-state.ts';
import { SAME_PERSON } from '../domain/next-steps.ts';
import { setRequesterVerification } from '../store/directory-repository.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';
import { reweighChange } from './support/reweigh.ts';

export interface ConfirmRequesterOptions {
  demand: string;
  actor: Actor;
  /** Why the reviewer is satisfied (e.g. the call-back matched the request). */
  callbackNote: string;
}

export function confirmRequester(ctx: WorkflowContext, o: ConfirmRequesterOptions) {
  return actOnDemand(ctx, o.demand, o.actor, async (d, tx, now) => {
    const to = transition(MATTER_TRACK, d.state, 'confirm_requester');
    const callback = await tx
      .selectFrom('requester_checks')
      .select(['reviewer'])
      .where('demand_id', '=', d.id)
      .where('kind', '=', 'callback')
      .orderBy('checked_at', 'desc')
      .executeTakeFirst();
    if (!callback)
      throw new DomainError(
        'illegal_transition',
        'Record a call-back to the agency directory number before confirming the requester',
      );
    const me = actorLabel(o.actor);
    if (d.emergency) {
      if (callback.reviewer === me) throw new DomainError('forbidden', SAME_PERSON.confirmOwnCallback);
      await tx
        .insertInto('requester_checks')
        .values({ demand_id: d.id, kind: 'second_review', reviewer: me, phone: null, note: o.callbackNote })
        .execute();
    }
    if (d.requesterId) await setRequesterVerification(tx, d.requesterId, 'verified');
    // The decision stays true: a verified requester is weighed again at once.
    const again = await reweighChange(
      ctx,
      tx,
      { ...d, state: to, requesterVerification: 'verified' },
      'requester_verified',
      ['Requester verified by a call-back to the agency directory number'],
      now,
    );
    return {
      patch: { state: to, requester_verification: 'verified', ...again.patch },
      events: [
        { type: 'demand.review_started', requesterConfirmed: true, callbackNote: o.callbackNote },
        ...again.events,
      ],
    };
  });
}
