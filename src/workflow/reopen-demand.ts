/** After a redirect the agency insists with compelled process: the demand goes back to counsel. */
import { transition } from '../domain/state-machine.ts';
import { MATTER_TRACK } from '../domain/matter-state.ts';
import type { Actor } from '../domain/events.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';

export interface ReopenDemandOptions {
  demand: string;
  actor: Actor;
  reason: string;
}

export function reopenDemand(ctx: WorkflowContext, o: ReopenDemandOptions) {
  return actOnDemand(ctx, o.demand, o.actor, (d) => ({
    patch: { state: transition(MATTER_TRACK, d.state, 'reopen') },
    events: [{ type: 'demand.reopened', reason: o.reason }],
  }));
}
