/** The three writes of every use case, in the caller's transaction: state, event, jobs. */
import type { Actor, WritEvent } from '../../domain/events.ts';
import type { Tx } from '../../store/database.ts';
import { updateDemand, type DemandPatch } from '../../store/demand-repository.ts';
import { appendEvent } from '../../store/event-repository.ts';
import { enqueueJobs, type OutboxJob } from '../../store/outbox-repository.ts';
import { followUpJobs } from './follow-ups.ts';

export interface Change {
  patch?: DemandPatch;
  events: WritEvent[];
  jobs?: OutboxJob[];
}

export async function recordChange(tx: Tx, demandId: string, actor: Actor, at: Date, change: Change): Promise<void> {
  // Every recorded change touches the demand (at least its updated_at), so "what changed since"
  // queries and the demand's row version see it.
  if (change.events.length || (change.patch && Object.keys(change.patch).length))
    await updateDemand(tx, demandId, change.patch ?? {}, at);
  const ids: string[] = [];
  for (const e of change.events) ids.push(await appendEvent(tx, demandId, actor, e, at));
  // Every step that concerns the customer is told to it: its follow-up joins the same transaction.
  const followUps = await followUpJobs(tx, demandId, actor, at, change, ids);
  await enqueueJobs(tx, [...(change.jobs ?? []), ...followUps]);
}
