/**
 * The outbox: every outgoing message or timer is a row written in the same transaction as the
 * state change that calls for it, so that it can never be lost between commit and delivery.
 */
import type { Db, Tx } from './database.ts';

export interface OutboxJob {
  /** What the worker does, e.g. "notice.deliver". */
  kind: string;
  /** Unique per message; carried as Message-ID / webhook id so a redelivery is recognisable. */
  idempotencyKey: string;
  demandId: string | null;
  payload: Record<string, unknown>;
  /** Not before this time (timers); default now. */
  runAt?: Date;
}

/** Insert jobs in the caller's transaction. A key already present is kept as it is (same message). */
export async function enqueueJobs(tx: Tx | Db, jobs: OutboxJob[]): Promise<void> {
  if (!jobs.length) return;
  await tx
    .insertInto('outbox')
    .values(
      jobs.map((j) => ({
        kind: j.kind,
        idempotency_key: j.idempotencyKey,
        demand_id: j.demandId,
        payload: JSON.stringify(j.payload),
        ...(j.runAt ? { run_at: j.runAt } : {}),
      })),
    )
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
}

/** Cancel a demand's pending jobs of one kind (e.g. a timer made moot by a new date). */
export async function cancelPendingJobs(tx: Tx, demandId: string, kind: string): Promise<number> {
  const res = await tx
    .updateTable('outbox')
    .set({ status: 'cancelled', done_at: new Date() })
    .where('demand_id', '=', demandId)
    .where('kind', '=', kind)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
