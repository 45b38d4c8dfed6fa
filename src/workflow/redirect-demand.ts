/**
 * Send the agency to the customer first: the data belongs to the enterprise customer, which can
 * answer the agency itself. Queues the redirect letter to the requester.
 */
import { transition } from '../domain/state-machine.ts';
import { MATTER_TRACK } from '../domain/matter-state.ts';
import type { Actor } from '../domain/events.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';
import { followAdvice } from './support/follow-advice.ts';

export interface RedirectDemandOptions {
  demand: string;
  actor: Actor;
  note?: string;
  /** Counsel's written reason, when the decision advises against redirecting. */
  overrideReason?: string;
}

export function redirectDemand(ctx: WorkflowContext, o: RedirectDemandOptions) {
  return actOnDemand(ctx, o.demand, o.actor, async (d, tx) => {
    const to = transition(MATTER_TRACK, d.state, 'redirect');
    // No enterprise customer: the letter would have no one to name, and the demand no next step.
    const override = await followAdvice(tx, d, 'redirect', o.overrideReason);
    return {
      patch: { state: to },
      events: [...override, { type: 'demand.redirected', note: o.note ?? null }],
      jobs: [
        { kind: 'redirect.letter', idempotencyKey: `redirect:${d.id}:${d.updatedAt}`, demandId: d.id, payload: {} },
      ],
    };
  });
}
