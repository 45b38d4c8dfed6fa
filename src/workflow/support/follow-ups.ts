/**
 * The follow-up notices a change calls for, written with it: one `notice.follow_up` job per event
 * that concerns the customer (src/domain/follow-ups.ts). A demand whose customers are not to be
 * told at all (the notice is not required) gets none; one whose notice has not gone out yet gets
 * them waiting for it; and a change that records the notice as sent makes those due.
 */
import { followUpOf } from '../../domain/follow-ups.ts';
import type { Actor } from '../../domain/events.ts';
import type { Tx } from '../../store/database.ts';
import {
  FOLLOW_UP_KIND,
  noticeStateOf,
  releaseWaitingFollowUps,
  WAITS_FOR_NOTICE,
} from '../../store/follow-up-jobs.ts';
import type { OutboxJob } from '../../store/outbox-repository.ts';
import type { Change } from './record.ts';

export async function followUpJobs(
  tx: Tx,
  demandId: string,
  actor: Actor,
  at: Date,
  change: Change,
  eventIds: string[],
): Promise<OutboxJob[]> {
  const state = change.patch?.notice_state;
  if (state === 'sent') await releaseWaitingFollowUps(tx, [demandId], at);
  const due = change.events.flatMap((e, i) => {
    const type = followUpOf(e, actor);
    return type ? [{ type, eventId: eventIds[i]!, event: e }] : [];
  });
  if (!due.length) return [];
  const notice = state ?? (await noticeStateOf(tx, demandId));
  if (notice === 'not_required') return [];
  return due.map((f) => ({
    kind: FOLLOW_UP_KIND,
    idempotencyKey: `follow_up:${f.eventId}`,
    demandId,
    payload: { type: f.type, eventId: f.eventId, occurredAt: at.toISOString() },
    runAt: notice === 'sent' ? at : WAITS_FOR_NOTICE,
  }));
}
