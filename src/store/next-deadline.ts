/**
 * The demand row keeps its next deadline (the soonest pending obligation of src/domain/clocks.ts),
 * so that the queue sorts by it at index speed. Written at intake and after every change to a
 * demand, in the change's own transaction.
 */
import { clocksOf, nextDeadlineOf } from '../domain/clocks.ts';
import type { Demand } from '../domain/demand.ts';
import { deadlineFacts } from '../domain/decision-facts.ts';
import type { Tx } from './database.ts';

/** The next-deadline columns for a demand and its decision, as of `now`. */
export function nextDeadlineColumns(
  demand: Demand,
  decision: unknown,
  now: Date,
): { next_deadline: string | null; next_deadline_kind: string | null } {
  const next = nextDeadlineOf(clocksOf(demand, deadlineFacts(decision), now));
  return { next_deadline: next?.dueAt ?? null, next_deadline_kind: next?.kind ?? null };
}

/** Recompute a demand's next deadline after a change; writes only when it moved. */
export async function syncNextDeadline(tx: Tx, demand: Demand, now: Date): Promise<void> {
  const row = await tx
    .selectFrom('demands')
    .select(['decision', 'next_deadline', 'next_deadline_kind'])
    .where('id', '=', demand.id)
    .executeTakeFirstOrThrow();
  const cols = nextDeadlineColumns(demand, row.decision, now);
  const stored = row.next_deadline ? new Date(row.next_deadline).toISOString() : null;
  if (stored === cols.next_deadline && row.next_deadline_kind === cols.next_deadline_kind) return;
  await tx.updateTable('demands').set(cols).where('id', '=', demand.id).execute();
}
