/**
 * Follow-up notices in the outbox. A follow-up for a demand whose customer notice has not gone
 * out yet (held by a secrecy order, or queued) waits with it: it is written with a date that never
 * comes, and the transaction that records the notice as sent makes it due.
 */
import { sql } from 'kysely';
import { actorLabel, eventRow, SYSTEM } from '../domain/events.ts';
import type { Db, Tx } from './database.ts';

/** The run date of a follow-up that waits for its notice. */
export const WAITS_FOR_NOTICE = new Date('9999-12-31T00:00:00Z');

export const FOLLOW_UP_KIND = 'notice.follow_up';

/** The follow-ups of these demands that wait for their notice become due now. */
export async function releaseWaitingFollowUps(tx: Tx | Db, demandIds: string[], now: Date): Promise<void> {
  if (!demandIds.length) return;
  await sql`
    update outbox set run_at = ${now}
    where demand_id = any(${demandIds}::uuid[]) and kind = ${FOLLOW_UP_KIND} and status = 'pending'
      and run_at = ${WAITS_FOR_NOTICE}`.execute(tx);
}

/** The state of a demand's customer notice, read in the caller's transaction. */
export async function noticeStateOf(tx: Tx, demandId: string): Promise<string> {
  const r = await tx.selectFrom('demands').select('notice_state').where('id', '=', demandId).executeTakeFirstOrThrow();
  return r.notice_state;
}

/** The timeline says each customer was told of a step: one `notice.follow_up_sent` each, in one statement. */
export async function appendFollowUpsSent(
  tx: Tx,
  items: { demandId: string; followUp: string; eventId: string; recipients: number; channels: string[] }[],
  now: Date,
): Promise<void> {
  if (!items.length) return;
  await tx
    .insertInto('events')
    .values(
      items.map((i) => ({
        demand_id: i.demandId,
        type: 'notice.follow_up_sent',
        payload: JSON.stringify(
          eventRow({
            type: 'notice.follow_up_sent',
            followUp: i.followUp,
            eventId: i.eventId,
            recipients: i.recipients,
            channels: i.channels,
          }).payload,
        ),
        actor: actorLabel(SYSTEM),
        occurred_at: now,
      })),
    )
    .execute();
}
