/**
 * A secrecy order was extended or narrowed: the held notice's release date moves (null: no end
 * stated), the old release timer is cancelled and a new one set, and the timeline says why.
 */
import type { Actor } from '../domain/events.ts';
import { transition } from '../domain/state-machine.ts';
import { NOTICE_TRACK } from '../domain/matter-state.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';
import { reweighChange } from './support/reweigh.ts';
import { cancelPendingJobs } from '../store/outbox-repository.ts';

export interface MoveNoticeReleaseOptions {
  demand: string;
  actor: Actor;
  /** New release date, or null when the order now states no end. */
  until: string | null;
  reason: string;
}

export function moveNoticeRelease(ctx: WorkflowContext, o: MoveNoticeReleaseOptions) {
  return actOnDemand(ctx, o.demand, o.actor, async (d, tx, now) => {
    const to = transition(NOTICE_TRACK, d.noticeState, 'move_release');
    await cancelPendingJobs(tx, d.id, 'notice.release');
    const until = o.until ? new Date(o.until).toISOString() : null;
    const secrecy = d.secrecyOrder ? { ...d.secrecyOrder, expiresAt: until } : null;
    // The order's end changed: the engine weighs the demand again with the new end.
    const again = secrecy
      ? await reweighChange(
          ctx,
          tx,
          { ...d, secrecyOrder: secrecy, noticeState: to, noticeHeldUntil: until },
          'secrecy_order_changed',
          [`The secrecy order now ends ${until ? until.slice(0, 10) : 'on no stated date'}`],
          now,
        )
      : { patch: {}, events: [] };
    return {
      patch: {
        notice_state: to,
        notice_held_until: until,
        ...(secrecy ? { secrecy_order: JSON.stringify(secrecy) } : {}),
        ...again.patch,
      },
      events: [{ type: 'notice.release_moved', from: d.noticeHeldUntil, to: until, reason: o.reason }, ...again.events],
      jobs: until
        ? [
            {
              kind: 'notice.release',
              idempotencyKey: `notice.release:${d.id}:${until}`,
              demandId: d.id,
              payload: {},
              runAt: new Date(until),
            },
          ]
        : [],
    };
  });
}
