/** Verification done: the requester was confirmed (e.g. by a call-back to the directory number); counsel reviews next. */
import { transition } from '../domain/state-machine.ts';
import { MATTER_TRACK } from '../domain/matter-state.ts';
import type { Actor } from '../domain/events.ts';
import { setRequesterVerification } from '../store/directory-repository.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';

export interface ConfirmRequesterOptions {
  demand: string;
  actor: Actor;
  /** How the requester was confirmed: who was called, on which directory number, when. */
  callbackNote: string;
}

export function confirmRequester(ctx: WorkflowContext, o: ConfirmRequesterOptions) {
  return actOnDemand(ctx, o.demand, o.actor, async (d, tx) => {
    const to = transition(MATTER_TRACK, d.state, 'confirm_requester');
    if (d.requesterId) await setRequesterVerification(tx, d.requesterId, 'verified');
    return {
      patch: { state: to, requester_verification: 'verified' },
      events: [{ type: 'demand.review_started', requesterConfirmed: true, callbackNote: o.callbackNote }],
    };
  });
}
