/**
 * The outbox worker's side of the outbox table. Several Writ processes may run against one
 * database: a due job is claimed with FOR UPDATE SKIP LOCKED, so each claim takes rows no other
 * worker is taking, and stamped with a lease (locked_by, locked_until). A worker that dies leaves
 * its lease to run out, after which any worker claims the job again. Every write after the claim is
 * fenced on locked_by, so a worker whose lease was taken over cannot overwrite the new owner's work.
 */
import { sql } from 'kysely';
import type { Db, Tx } from './database.ts';

/** A job as its worker holds it. `attempts` counts this attempt. */
export interface ClaimedJob {
  id: string;
  kind: string;
  idempotencyKey: string;
  demandId: string | null;
  payload: Record<string, unknown>;
  attempts: number;
  runAt: Date;
}

/**
 * Claim up to `limit` due jobs of the given kinds for `worker` until `now + leaseMs`, and open an attempt row for each
 * (an attempt left "running" by a dead worker is closed as abandoned first). One statement.
 */
export async function claimDueJobs(
  db: Db,
  worker: string,
  now: Date,
  leaseMs: number,
  limit: number,
  kinds: string[],
): Promise<ClaimedJob[]> {
  if (!kinds.length || limit < 1) return [];
  const leaseEnd = new Date(now.getTime() + leaseMs);
  const { rows } = await sql<{
    id: string;
    kind: string;
    idempotency_key: string;
    demand_id: string | null;
    payload: Record<string, unknown>;
    attempts: number;
    run_at: Date;
  }>`
    with due as (
      select id from outbox
      where status = 'pending' and run_at <= ${now} and (locked_until is null or locked_until <= ${now})
        and kind = any(${kinds}::text[])
      order by run_at, id
      limit ${limit}
      for update skip locked
    ), claimed as (
      update outbox o set locked_by = ${worker}, locked_until = ${leaseEnd}, attempts = o.attempts + 1
      from due where o.id = due.id
      returning o.id, o.kind, o.idempotency_key, o.demand_id, o.payload, o.attempts, o.run_at
    ), abandoned as (
      update outbox_attempts a set status = 'abandoned', finished_at = ${now}, error = 'the worker stopped before finishing (its lease ran out)'
      from claimed c where a.job_id = c.id and a.status = 'running'
    ), opened as (
      insert into outbox_attempts (job_id, attempt, worker, started_at, status)
      select id, attempts, ${worker}, ${now}, 'running' from claimed
      on conflict (job_id, attempt) do nothing
    )
    select * from claimed order by run_at, id`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    idempotencyKey: r.idempotency_key,
    demandId: r.demand_id,
    payload: r.payload ?? {},
    attempts: r.attempts,
    runAt: new Date(r.run_at),
  }));
}

/** Extend the leases a live worker still holds. */
export async function renewLeases(db: Db, worker: string, ids: string[], now: Date, leaseMs: number): Promise<void> {
  if (!ids.length) return;
  await db
    .updateTable('outbox')
    .set({ locked_until: new Date(now.getTime() + leaseMs) })
    .where('id', 'in', ids)
    .where('locked_by', '=', worker)
    .where('status', '=', 'pending')
    .execute();
}

async function closeAttempt(
  q: Db | Tx,
  job: ClaimedJob,
  now: Date,
  status: 'succeeded' | 'failed',
  code: string | null,
  error: string | null,
): Promise<void> {
  await q
    .updateTable('outbox_attempts')
    .set({ status, finished_at: now, response_code: code, error })
    .where('job_id', '=', job.id)
    .where('attempt', '=', job.attempts)
    .execute();
}

/**
 * These jobs are done: one statement for the lot (atomic on its own) closes each attempt and marks
 * each job done, fenced on the lease; in the caller's transaction when what the jobs did is written
 * with them. Returns the ids that were still this worker's; a job whose lease had passed to
 * another worker is left to that worker.
 */
export async function completeJobs(
  db: Db | Tx,
  worker: string,
  done: { job: ClaimedJob; code: string | null }[],
  now: Date,
): Promise<Set<string>> {
  if (!done.length) return new Set();
  const { rows } = await sql<{ id: string }>`
    with x as (
      select * from unnest(${done.map((d) => d.job.id)}::bigint[], ${done.map((d) => d.job.attempts)}::int[], ${done.map((d) => d.code)}::text[]) as x(id, attempt, code)
    ), a as (
      update outbox_attempts t set status = 'succeeded', finished_at = ${now}, response_code = x.code
      from x where t.job_id = x.id and t.attempt = x.attempt
    )
    update outbox t set status = 'done', done_at = ${now}, locked_by = null, locked_until = null, last_error = null
    -- A job that cancelled itself as it ran (a release cancels the demand's pending release timers) still ran: done.
    from x where t.id = x.id and t.locked_by = ${worker} and t.status in ('pending', 'cancelled')
    returning t.id`.execute(db);
  return new Set(rows.map((r) => String(r.id)));
}

/** This attempt failed; the job runs again at `runAt`. */
export async function retryJob(
  db: Db,
  worker: string,
  job: ClaimedJob,
  now: Date,
  runAt: Date,
  error: string,
  code: string | null,
): Promise<boolean> {
  const { rows } = await sql<{ n: string }>`
    with a as (
      update outbox_attempts set status = 'failed', finished_at = ${now}, response_code = ${code}, error = ${error}
      where job_id = ${job.id} and attempt = ${job.attempts}
    ), o as (
      update outbox set run_at = ${runAt}, locked_by = null, locked_until = null, last_error = ${error}
      where id = ${job.id} and locked_by = ${worker} and status = 'pending'
      returning id
    )
    select count(*) as n from o`.execute(db);
  return Number(rows[0]?.n) === 1;
}

/** The last attempt failed: the job is given up, in the caller's transaction. */
export async function failJob(
  tx: Tx,
  worker: string,
  job: ClaimedJob,
  now: Date,
  error: string,
  code: string | null,
): Promise<boolean> {
  await closeAttempt(tx, job, now, 'failed', code, error);
  const r = await tx
    .updateTable('outbox')
    .set({ status: 'failed', done_at: now, locked_by: null, locked_until: null, last_error: error })
    .where('id', '=', job.id)
    .where('locked_by', '=', worker)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** When the next pending job falls due (to sleep until then rather than poll blindly). */
export async function nextDueAt(db: Db): Promise<Date | null> {
  const r = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.min('run_at').as('at'))
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return r?.at ? new Date(r.at as Date) : null;
}
