/**
 * An officer writes to the provider's legal team about its own agency's demand: an answer to a
 * request for clarification, or the withdrawal of the demand. The message goes on the timeline and
 * staff are alerted by e-mail (a `agency.message` job, in the same transaction). A withdrawal
 * closes the demand as withdrawn where its state allows (its customers then hear of it as a
 * follow-up); elsewhere staff close it.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import type { Actor, WritEvent } from '../domain/events.ts';
import { CLOSING_DISPOSITIONS, MATTER_TRACK } from '../domain/matter-state.ts';
import { transition } from '../domain/state-machine.ts';
import type { DemandPatch } from '../store/demand-repository.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';
import { closedEvent } from './support/closed-event.ts';

export const AGENCY_MESSAGE_KINDS = ['clarification', 'withdrawal'] as const;
export type AgencyMessageKind = (typeof AGENCY_MESSAGE_KINDS)[number];

export interface RecordAgencyMessageOptions {
  demand: string;
  actor: Actor;
  /** The officer's agency: another agency's demand does not exist for it. */
  agencyId: string;
  kind: AgencyMessageKind;
  text: string;
}

export function recordAgencyMessage(ctx: WorkflowContext, o: RecordAgencyMessageOptions) {
  return actOnDemand(ctx, o.demand, o.actor, async (d, tx) => {
    if (d.agencyId !== o.agencyId) throw new DomainError('not_found', `No demand ${o.demand}`);
    if (d.state === 'closed' && o.kind === 'withdrawal')
      throw new DomainError('illegal_transition', 'The demand is already closed');
    const events: WritEvent[] = [{ type: 'agency.message_received', kind: o.kind, text: o.text }];
    let patch: DemandPatch = {};
    if (o.kind === 'withdrawal' && CLOSING_DISPOSITIONS[d.state].includes('withdrawn')) {
      patch = { state: transition(MATTER_TRACK, d.state, 'close'), disposition: 'withdrawn' };
      events.push(await closedEvent(tx, d, 'withdrawn', o.text));
    }
    return {
      patch,
      events,
      jobs: [
        {
          kind: 'agency.message',
          idempotencyKey: `agency.message:${d.id}:${randomUUID()}`,
          demandId: d.id,
          payload: { kind: o.kind, closed: 'state' in patch, text: o.text },
        },
      ],
    };
  });
}
