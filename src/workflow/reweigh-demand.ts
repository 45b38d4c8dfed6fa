/** A reviewer asks the engine to weigh a demand again now (trigger "manual"). */
import type { Actor } from '../domain/events.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';
import { reweighChange } from './support/reweigh.ts';

export interface ReweighDemandOptions {
  demand: string;
  actor: Actor;
}

export function reweighDemand(ctx: WorkflowContext, o: ReweighDemandOptions) {
  return actOnDemand(ctx, o.demand, o.actor, (d, tx, now) =>
    reweighChange(ctx, tx, d, 'manual', ['A reviewer asked for the demand to be weighed again'], now),
  );
}
