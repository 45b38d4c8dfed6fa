/**
 * The agency's answer to a redirect. It withdraws (the demand closes as withdrawn), it will go to
 * the customer (the demand stays redirected until staff close it), or it insists with compelled
 * process (back to counsel for review). The answer is kept per demand; state, answer and event
 * are written in one transaction.
 */
import { DomainError } from '../domain/errors.ts';
import { actorLabel, type Actor, type WritEvent } from '../domain/events.ts';
import { transition } from '../domain/state-machine.ts';
import { MATTER_TRACK } from '../domain/matter-state.ts';
import type { DemandPatch } from '../store/demand-repository.ts';
import { saveRedirectAnswer } from '../store/redirect-answers.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';
import { closedEvent } from './support/closed-event.ts';

export const AGENCY_ANSWERS = ['withdrawn', 'will_go_to_customer', 'insists_with_process'] as const;
export type AgencyAnswer = (typeof AGENCY_ANSWERS)[number];

export interface RecordAgencyAnswerOptions {
  demand: string;
  actor: Actor;
  answer: AgencyAnswer;
  note?: string;
}

export function recordAgencyAnswer(ctx: WorkflowContext, o: RecordAgencyAnswerOptions) {
  return actOnDemand(ctx, o.demand, o.actor, async (d, tx, now) => {
    if (d.state !== 'redirected')
      throw new DomainError(
        'illegal_transition',
        `Only a redirected demand takes the agency's answer (this one is "${d.state}")`,
      );
    const note = o.note ?? null;
    const events: WritEvent[] = [{ type: 'redirect.agency_answered', answer: o.answer, note }];
    let patch: DemandPatch = {};
    if (o.answer === 'withdrawn') {
      patch = { state: transition(MATTER_TRACK, d.state, 'close'), disposition: 'withdrawn' };
      events.push(await closedEvent(tx, d, 'withdrawn', note));
    } else if (o.answer === 'insists_with_process') {
      patch = { state: transition(MATTER_TRACK, d.state, 'reopen') };
      events.push({ type: 'demand.reopened', reason: note ?? 'the agency insists with compelled process' });
    }
    await saveRedirectAnswer(tx, {
      demandId: d.id,
      party: 'agency',
      customerId: null,
      answer: o.answer,
      note,
      by: actorLabel(o.actor),
      at: now,
    });
    return { patch, events };
  });
}
