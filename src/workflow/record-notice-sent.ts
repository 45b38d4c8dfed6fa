/** The customer notice reached every designated contact: the notice track ends at "sent". */
import type { Actor, WritEvent } from '../domain/events.ts';
import { transition } from '../domain/state-machine.ts';
import { NOTICE_TRACK } from '../domain/matter-state.ts';
import type { Tx } from '../store/database.ts';
import { releaseWaitingFollowUps } from '../store/follow-up-jobs.ts';
import { moveNotices } from '../store/notice-moves.ts';
import { type NoticeReportFacts, noticeReportFacts } from '../store/report-repository.ts';
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
  return actOnDemand(ctx, o.demand, o.actor, async (d, tx) => {
    const event = sentEvent(o, (await noticeReportFacts(tx, [d.id])).get(d.id)!);
    return {
      patch: { notice_state: transition(NOTICE_TRACK, d.noticeState, 'mark_sent'), ...reportColumns(event) },
      events: [event],
    };
  });
}

/** The notice.sent event, with what a transparency report counts of it. */
function sentEvent(o: RecordNoticeSentOptions, facts: NoticeReportFacts): WritEvent {
  return { type: 'notice.sent', recipients: o.recipients, channels: o.channels, ...facts };
}

/** The demand row's report columns of a sent notice, from its event (one source for both). */
function reportColumns(e: WritEvent) {
  if (e.type !== 'notice.sent') return {};
  return { report_notified_enterprise: e.enterpriseCustomers, report_notified_consumers: e.consumerCustomers };
}

/**
 * The same for many notices at once (the outbox worker's batch of finished deliveries), in the
 * caller's transaction and in one statement: each notice still pending moves to "sent" with its
 * `notice.sent` event; one no longer pending (held again, waived, already sent) is left as it is,
 * with no event. `demand` must be a demand id here. Returns the ids of the notices recorded.
 */
export async function recordNoticesSent(tx: Tx, items: RecordNoticeSentOptions[], now: Date): Promise<string[]> {
  const from = 'pending';
  const facts = await noticeReportFacts(
    tx,
    items.map((o) => o.demand),
  );
  const moved = await moveNotices(
    tx,
    items.flatMap((o) => {
      const f = facts.get(o.demand);
      return f ? [{ demandId: o.demand, actor: o.actor, event: sentEvent(o, f) }] : [];
    }),
    from,
    transition(NOTICE_TRACK, from, 'mark_sent'),
    now,
  );
  // What happened while the notice waited is told after it.
  await releaseWaitingFollowUps(tx, moved, now);
  return moved;
}
