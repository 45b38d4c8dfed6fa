/** Refuse a demand: invalid, insufficient for the data asked, or sent by someone who is not the agency. */
import { transition } from '../domain/state-machine.ts';
import { MATTER_TRACK } from '../domain/matter-state.ts';
import type { Actor } from '../domain/events.ts';
import { setRequesterVerification } from '../store/directory-repository.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';
import { followAdvice } from './support/follow-advice.ts';

export interface RejectDemandOptions {
  demand: string;
  actor: Actor;
  reason: string;
  /** The requester could not be confirmed as acting for the agency (a forged request). */
  requesterFailed?: boolean;
  /** Counsel's written reason, when the decision advises against rejecting. */
  overrideReason?: string;
}

export function rejectDemand(ctx: WorkflowContext, o: RejectDemandOptions) {
  return actOnDemand(ctx, o.demand, o.actor, async (d, tx) => {
    const to = transition(MATTER_TRACK, d.state, 'reject');
    // A forged requester is reason enough; otherwise a reject the decision advises against needs counsel's reason.
    const override =
      o.requesterFailed || d.state !== 'legal_review' ? [] : await followAdvice(tx, d, 'reject', o.overrideReason);
    if (o.requesterFailed && d.requesterId) await setRequesterVerification(tx, d.requesterId, 'failed');
    return {
      patch: { state: to, ...(o.requesterFailed ? { requester_verification: 'failed' } : {}) },
      events: [...override, { type: 'demand.rejected', from: d.state, reason: o.reason }],
    };
  });
}
