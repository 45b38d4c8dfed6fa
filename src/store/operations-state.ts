/**
 * What an operator watches, read from the database when asked (a metrics scrape): the outbox's
 * depth and how long its oldest due job has waited, jobs that failed for good, held notices (and
 * those past their release date), the ledger's size, events not yet sequenced, the latest signed
 * checkpoint, and deadlines at risk. State, not counters kept in one process's memory: every
 * process on the database reports the same figures, and they are right after a restart.
 */
import { sql } from 'kysely';
import type { Db } from './database.ts';
import { deadlinesAtRisk, type Workload } from './stats-repository.ts';

export interface OperationsState {
  outbox: {
    /** Pending jobs by kind (scheduled for later included). */
    pendingByKind: Record<string, number>;
    /** Pending jobs whose time has come. */
    due: number;
    /** Seconds the oldest due job has waited past its time (0 when none is due). */
    oldestDueSeconds: number;
    /** Jobs that failed for good (raised to staff), by kind. */
    failedByKind: Record<string, number>;
  };
  notices: {
    held: number;
    /** Held notices whose release date has passed: their release job has not run. */
    heldPastRelease: number;
  };
  ledger: {
    leaves: number;
    /** Events written but not yet sequenced into a leaf. */
    unsequenced: number;
    /** Tree size of the latest signed checkpoint (0 when none). */
    checkpointSize: number;
    /** Seconds since the latest checkpoint was signed (null when none). */
    checkpointAgeSeconds: number | null;
  };
  deadlines: Workload['deadlines'];
}

export async function readOperationsState(db: Db, now: Date): Promise<OperationsState> {
  const [outbox, scalars, deadlines] = await Promise.all([
    sql<{ status: string; kind: string; count: string }>`
      select status, kind, count(*)::text as count from outbox
      where status in ('pending', 'failed') group by status, kind`.execute(db),
    sql<{
      due: string;
      oldest_due: Date | null;
      held: string;
      held_past: string;
      leaves: string;
      unsequenced: string;
      checkpoint_size: string | null;
      checkpoint_at: Date | null;
    }>`
      select
        (select count(*) from outbox where status = 'pending' and run_at <= ${now})::text as due,
        (select min(run_at) from outbox where status = 'pending' and run_at <= ${now}) as oldest_due,
        (select count(*) from demands where notice_state = 'held')::text as held,
        (select count(*) from demands where notice_state = 'held' and notice_held_until <= ${now})::text as held_past,
        (select coalesce(max(idx) + 1, 0) from ledger_leaves)::text as leaves,
        (select count(*) from ledger_pending)::text as unsequenced,
        c.tree_size::text as checkpoint_size,
        c.created_at as checkpoint_at
      from (select 1) one
      left join lateral (
        select tree_size, created_at from ledger_checkpoints order by tree_size desc limit 1
      ) c on true`.execute(db),
    deadlinesAtRisk(db, now),
  ]);
  const pendingByKind: Record<string, number> = {};
  const failedByKind: Record<string, number> = {};
  for (const r of outbox.rows) (r.status === 'pending' ? pendingByKind : failedByKind)[r.kind] = Number(r.count);
  const s = scalars.rows[0]!;
  const secondsSince = (d: Date | null) => (d ? Math.max(0, (now.getTime() - new Date(d).getTime()) / 1000) : null);
  return {
    outbox: {
      pendingByKind,
      due: Number(s.due),
      oldestDueSeconds: secondsSince(s.oldest_due) ?? 0,
      failedByKind,
    },
    notices: { held: Number(s.held), heldPastRelease: Number(s.held_past) },
    ledger: {
      leaves: Number(s.leaves),
      unsequenced: Number(s.unsequenced),
      checkpointSize: Number(s.checkpoint_size ?? 0),
      checkpointAgeSeconds: secondsSince(s.checkpoint_at),
    },
    deadlines,
  };
}
