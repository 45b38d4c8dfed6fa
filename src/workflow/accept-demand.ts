/** Counsel finds the demand valid, sufficient and compelling: gather the data, then two approvals. */
import { transition } from '../domain/state-machine.ts';
import { MATTER_TRACK } from '../domain/matter-state.ts';
import type { Actor } from '../domain/events.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';
import { followAdvice } from './support/follow-advice.ts';

export interface AcceptDemandOptions {
  demand: string;
  actor: Actor;
  note?: string;
  /** Counsel's written reason, when the decision advises against accepting. */
  overrideReason?: string;
}

export function acceptDemand(ctx: WorkflowContext, o: AcceptDemandOptions) {
  return actOnDemand(ctx, o.demand, o.actor, async (d, tx) => {
    const to = transition(MATTER_TRACK, d.state, 'accept');
    const override = await followAdvice(tx, d, 'accept', o.overrideReason);
    return { patch: { state: to }, events: [...override, { type: 'demand.accepted', note: o.note ?? null }] };
  });
}
