/**
 * The approved package is released to the requesting agency: from now on an officer of that agency
 * can ask for a single-use download link.
 */
import { DomainError } from '../domain/errors.ts';
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
  return actOnDemand(ctx, o.demand, o.actor, async (d, tx) => {
    const to = transition(MATTER_TRACK, d.state, 'produce');
    const pkg = await tx.selectFrom('disclosure_packages').select('id').where('demand_id', '=', d.id).executeTakeFirst();
    if (!pkg) throw new DomainError('illegal_transition', 'There is no prepared package to release');
    return { patch: { state: to }, events: [{ type: 'demand.produced', note: o.note ?? null }] };
  });
}
