/**
 * Staff ask the agency to clarify its demand: what period, which account, under which order. The
 * question goes on the timeline, reaches the requester by e-mail (an `agency.clarification` job in
 * the same transaction) and waits in the agency portal until the officer answers it there.
 */
import { DomainError, invalid } from '../domain/errors.ts';
import type { Actor } from '../domain/events.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';

export interface RequestClarificationOptions {
  demand: string;
  actor: Actor;
  /** The question, as the agency will read it. */
  text: string;
  /** By when the provider wants the answer (RFC 3339), if it says. */
  answerBy?: string | null;
}

export function requestClarification(ctx: WorkflowContext, o: RequestClarificationOptions) {
  return actOnDemand(ctx, o.demand, o.actor, (d, _tx, now) => {
    if (d.state === 'closed') throw new DomainError('illegal_transition', 'The demand is closed: nothing to clarify');
    const answerBy = o.answerBy ? new Date(o.answerBy) : null;
    if (answerBy && answerBy <= now)
      throw invalid([{ pointer: '/answerBy', detail: 'has passed: give a time after now' }]);
    const at = now.toISOString();
    return {
      events: [{ type: 'agency.clarification_requested', text: o.text, answerBy: answerBy?.toISOString() ?? null }],
      jobs: [
        {
          kind: 'agency.clarification',
          // One question per demand and moment: a retried request does not mail twice.
          idempotencyKey: `agency.clarification:${d.id}:${at}`,
          demandId: d.id,
          payload: { text: o.text, answerBy: answerBy?.toISOString() ?? null },
        },
      ],
    };
  });
}
