/** The customer notice reached every designated contact: the notice track ends at "sent". */
import type { Actor } from '../domain/events.ts';
import { transition } from '../domain/state-machine.ts';
import { NOTICE_TRACK } from '../domain/matter-state.ts';
import type { Tx } from '../store/database.ts';
import { releaseWaitingFollowUps } from '../store/follow-up-jobs.ts';
import { moveNotices } from '../store/notice-moves.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';

export interface RecordNoticeSentOptions {
  demand: string;
  actor: Actor;
  /** How many contacts it reached, over which channels. */
  recipients: number;
  channels: string[];
}

export function recordNoticeSent(ctx: WorkflowContext, o: RecordNoticeSentOptions) {
  return actOnDemand(ctx, o.demand, o.actor, (d) => ({
    patch: { notice_state: transition(NOTICE_TRACK, d.noticeState, 'mark_sent') },
    events: [{ type: 'notice.sent', recipients: o.recipients, channels: o.channels }],
  }));
}

/**
 * The same for many notices at once (the outbox worker's batch of finished deliveries), in the
 * caller's transaction and in one statement: each notice still pending moves to "sent" with its
 * `notice.sent` event; one no longer pending (held again, waived, already sent) is left as it is,
 * with no event. `demand` must be a demand id here. Returns the ids of the notices recorded.
 */
export async function recordNoticesSent(tx: Tx, items: RecordNoticeSentOptions[], now: Date): Promise<string[]> {
  const from = 'pending';
  const moved = await moveNotices(
    tx,
    items.map((o) => ({
      demandId: o.demand,
      actor: o.actor,
      event: { type: 'notice.sent', recipients: o.recipients, channels: o.channels },
    })),
    from,
    transition(NOTICE_TRACK, from, 'mark_sent'),
    now,
  );
  // What happened while the notice waited is told after it.
  await releaseWaitingFollowUps(tx, moved, now);
  return moved;
}
