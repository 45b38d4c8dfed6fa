/**
 * A customer's answer to a redirect of a demand for its data: it will answer the agency itself, it
 * objects, or it asks the provider to produce (with its consent the demand goes back to counsel
 * for review, if it was still redirected). The answer is kept per customer; state, answer and
 * event are written in one transaction.
 */
import { DomainError } from '../domain/errors.ts';
import { actorLabel, type Actor, type WritEvent } from '../domain/events.ts';
import { transition } from '../domain/state-machine.ts';
import { MATTER_TRACK } from '../domain/matter-state.ts';
import type { DemandPatch } from '../store/demand-repository.ts';
import { saveRedirectAnswer } from '../store/redirect-answers.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';

export const CUSTOMER_ANSWERS = ['will_answer_agency', 'objects', 'asks_provider_to_produce'] as const;
export type CustomerAnswer = (typeof CUSTOMER_ANSWERS)[number];

export interface RecordCustomerAnswerOptions {
  demand: string;
  actor: Actor;
  /** The customer answering: must be one whose data the demand seeks. */
  customerId: string;
  answer: CustomerAnswer;
  note?: string;
}

export function recordCustomerAnswer(ctx: WorkflowContext, o: RecordCustomerAnswerOptions) {
  return actOnDemand(ctx, o.demand, o.actor, async (d, tx, now) => {
    if (!d.targets.some((t) => t.customerId === o.customerId))
      throw new DomainError('not_found', `No demand ${o.demand} for this customer`);
    if (d.state === 'closed') throw new DomainError('illegal_transition', 'The demand is closed');
    const note = o.note ?? null;
    const patch: DemandPatch = {};
    const events: WritEvent[] = [
      { type: 'redirect.customer_answered', customerId: o.customerId, answer: o.answer, note },
    ];
    if (o.answer === 'asks_provider_to_produce' && d.state === 'redirected') {
      patch.state = transition(MATTER_TRACK, d.state, 'reopen');
      events.push({ type: 'demand.reopened', reason: 'the customer asks the provider to produce' });
    }
    await saveRedirectAnswer(tx, {
      demandId: d.id,
      party: 'customer',
      customerId: o.customerId,
      answer: o.answer,
      note,
      by: actorLabel(o.actor),
      at: now,
    });
    return { patch, events };
  });
}
