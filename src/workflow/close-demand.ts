/**
 * Close a demand with the one disposition it is reported under. The disposition must fit the state
 * it closes from (only a produced demand can be "content disclosed"). A pending customer notice is
 * not cancelled: closing never silences the customer.
 */
import { DomainError } from '../domain/errors.ts';
import type { Actor } from '../domain/events.ts';
import { transition } from '../domain/state-machine.ts';
import { CLOSING_DISPOSITIONS, MATTER_TRACK } from '../domain/matter-state.ts';
import type { Disposition } from '../domain/vocabulary.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';
import { closedEvent } from './support/closed-event.ts';

export interface CloseDemandOptions {
  demand: string;
  actor: Actor;
  disposition: Disposition;
  note?: string;
}

export function closeDemand(ctx: WorkflowContext, o: CloseDemandOptions) {
  return actOnDemand(ctx, o.demand, o.actor, async (d, tx) => {
    const to = transition(MATTER_TRACK, d.state, 'close');
    const allowed = CLOSING_DISPOSITIONS[d.state];
    if (!allowed.includes(o.disposition)) {
      throw new DomainError(
        'illegal_transition',
        `A demand in "${d.state}" cannot close as "${o.disposition}"; allowed: ${allowed.join(', ')}`,
      );
    }
    return {
      patch: { state: to, disposition: o.disposition },
      events: [await closedEvent(tx, d, o.disposition, o.note ?? null)],
    };
  });
}
