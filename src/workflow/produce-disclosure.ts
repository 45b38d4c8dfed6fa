/** The approved package was released to the verified requester. */
import { transition } from '../domain/state-machine.ts';
import { MATTER_TRACK } from '../domain/matter-state.ts';
import type { Actor } from '../domain/events.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';

export interface ProduceDisclosureOptions {
  demand: string;
  actor: Actor;
  note?: string;
}

export function produceDisclosure(ctx: WorkflowContext, o: ProduceDisclosureOptions) {
  return actOnDemand(ctx, o.demand, o.actor, (d) => ({
    patch: { state: transition(MATTER_TRACK, d.state, 'produce') },
    events: [{ type: 'demand.produced', note: o.note ?? null }],
  }));
}
