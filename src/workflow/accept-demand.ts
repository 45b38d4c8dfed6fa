/** Counsel finds the demand valid, sufficient and compelling: gather the data, then two approvals. */
import { transition } from '../domain/state-machine.ts';
import { MATTER_TRACK } from '../domain/matter-state.ts';
import type { Actor } from '../domain/events.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';

export interface AcceptDemandOptions {
  demand: string;
  actor: Actor;
  note?: string;
}

export function acceptDemand(ctx: WorkflowContext, o: AcceptDemandOptions) {
  return actOnDemand(ctx, o.demand, o.actor, (d) => ({
    patch: { state: transition(MATTER_TRACK, d.state, 'accept') },
    events: [{ type: 'demand.accepted', note: o.note ?? null }],
  }));
}
