/**
 * Release a held customer notice: the secrecy order lapsed, was vacated, or the emergency window
 * closed. Queues delivery in the same transaction; run by the scheduler with the system actor, or
 * by staff. Releasing a notice that is no longer held is a no-op for the scheduler (it may race a
 * person who released it first) and an error for a person.
 */
import type { Actor } from '../domain/events.ts';
import { transition } from '../domain/state-machine.ts';
import { NOTICE_TRACK } from '../domain/matter-state.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';
import { cancelPendingJobs } from '../store/outbox-repository.ts';

export interface ReleaseHeldNoticeOptions {
  demand: string;
  actor: Actor;
  reason: string;
  /** Scheduler runs: succeed quietly when the notice was already released. */
  ifStillHeld?: boolean;
  /**
   * Timer runs: release only a hold that ends by this time, so a timer that raced a later
   * extension of the order does not free the notice early.
   */
  ifHoldEndsBy?: Date;
}

export function releaseHeldNotice(ctx: WorkflowContext, o: ReleaseHeldNoticeOptions) {
  return actOnDemand(ctx, o.demand, o.actor, async (d, tx) => {
    if (o.ifStillHeld && d.noticeState !== 'held') return { events: [] };
    if (o.ifHoldEndsBy && (d.noticeHeldUntil === null || new Date(d.noticeHeldUntil) > o.ifHoldEndsBy))
      return { events: [] };
    const to = transition(NOTICE_TRACK, d.noticeState, 'release');
    await cancelPendingJobs(tx, d.id, 'notice.release');
    const customerIds = [...new Set(d.targets.map((t) => t.customerId))];
    return {
      patch: { notice_state: to, notice_held_until: null },
      events: [
        { type: 'notice.released', reason: o.reason },
        { type: 'notice.queued', customerIds },
      ],
      jobs: [{ kind: 'notice.deliver', idempotencyKey: `notice:${d.id}`, demandId: d.id, payload: { customerIds } }],
    };
  });
}
