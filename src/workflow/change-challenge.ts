/**
 * Move a secrecy-order challenge along its track: flag, dismiss, file, and the court's ruling.
 * A vacated order frees the customer notice at once, in the same transaction.
 */
import type { Actor, WritEvent } from '../domain/events.ts';
import { utcDate } from '../domain/report-facts.ts';
import { transition } from '../domain/state-machine.ts';
import { CHALLENGE_TRACK, NOTICE_TRACK, type ChallengeAction } from '../domain/matter-state.ts';
import type { OutboxJob } from '../store/outbox-repository.ts';
import { cancelPendingJobs } from '../store/outbox-repository.ts';
import type { DemandPatch } from '../store/demand-repository.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';
import { reweighChange } from './support/reweigh.ts';

export interface ChangeChallengeOptions {
  demand: string;
  actor: Actor;
  action: ChallengeAction;
  grounds?: string[];
  note?: string;
}

export function changeChallenge(ctx: WorkflowContext, o: ChangeChallengeOptions) {
  return actOnDemand(ctx, o.demand, o.actor, async (d, tx, now) => {
    const to = transition(CHALLENGE_TRACK, d.challengeState, o.action);
    const patch: DemandPatch = { challenge_state: to };
    const events: WritEvent[] = [
      {
        type: 'challenge.changed',
        from: d.challengeState,
        to,
        grounds: o.grounds ?? [],
        note: o.note ?? null,
        receivedOn: utcDate(d.receivedAt),
      },
    ];
    const jobs: OutboxJob[] = [];
    if (to === 'vacated' && d.noticeState === 'held') {
      patch.notice_state = transition(NOTICE_TRACK, d.noticeState, 'release');
      patch.notice_held_until = null;
      await cancelPendingJobs(tx, d.id, 'notice.release');
      const customerIds = [...new Set(d.targets.map((t) => t.customerId))];
      events.push({ type: 'notice.released', reason: 'secrecy order vacated' }, { type: 'notice.queued', customerIds });
      jobs.push({ kind: 'notice.deliver', idempotencyKey: `notice:${d.id}`, demandId: d.id, payload: { customerIds } });
    }
    // A vacated or narrowed order changes what the engine weighs: weigh the demand again.
    if (to === 'vacated' || to === 'narrowed') {
      const again = await reweighChange(
        ctx,
        tx,
        { ...d, challengeState: to },
        'secrecy_order_changed',
        [to === 'vacated' ? 'The secrecy order was vacated' : 'The secrecy order was narrowed'],
        now,
      );
      Object.assign(patch, again.patch);
      events.push(...again.events);
    }
    return { patch, events, jobs };
  });
}
