/**
 * The outbox worker: takes due jobs from the outbox (each job by exactly one worker, however many
 * Writ processes run), runs the handler for its kind, and records every attempt. A failed attempt
 * is tried again later with exponential backoff and jitter; after the last allowed attempt the
 * job is given up and raised to staff. While a handler works, the worker renews its lease; a
 * worker that dies stops renewing, and once the lease runs out another worker takes the job again.
 * Handlers must therefore be safe to run twice: they skip what is already done (delivery receipts,
 * track states) and resend anything else under the same idempotency key.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Db, Tx } from '../store/database.ts';
import { claimDueJobs, completeJobs, failJob, renewLeases, retryJob, type ClaimedJob } from '../store/outbox-claims.ts';
import { backoffDelay, type BackoffPolicy } from './backoff.ts';
import { describeError, PermanentError, responseCodeOf } from './errors.ts';

export type { ClaimedJob } from '../store/outbox-claims.ts';

/** What a handler may report about a successful run (the relay's or endpoint's answer code). */
export interface JobOutcome {
  responseCode?: string | null;
  /**
   * A write that must commit together with the job's completion, and only while the job is still
   * this worker's (e.g. "the notice was sent"). The worker marks jobs done in batches; records
   * with the same `with` function are written by one call for the batch, in the same transaction.
   */
  record?: CompletionRecord;
}

/** Writes the records of several finished jobs, in the transaction that marks them done. */
export type CompletionRecorder<T> = (tx: Tx, items: T[], now: Date) => Promise<unknown>;

export interface CompletionRecord<T = any> {
  with: CompletionRecorder<T>;
  item: T;
}

/** A completion record, typed: `recordWith(recordNoticesSent, { … })`. */
export function recordWith<T>(recorder: CompletionRecorder<T>, item: T): CompletionRecord<T> {
  return { with: recorder, item };
}

/** Runs one job; throws to fail the attempt (PermanentError: no retry). */
export type JobHandler = (job: ClaimedJob) => Promise<JobOutcome | undefined>;

/** The subset of a pino logger the worker uses. */
export interface WorkerLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** How long a finished job waits for others to be marked done with it. */
const COMPLETION_BATCH_MS = 5;

const SILENT: WorkerLog = { info() {}, warn() {}, error() {} };

export interface OutboxWorkerOptions {
  db: Db;
  now: () => Date;
  handlers: Record<string, JobHandler>;
  /** Raise a given-up job to staff, in the transaction that marks it failed. */
  onGiveUp?: (tx: Tx, job: ClaimedJob, error: string, now: Date) => Promise<void>;
  workerId?: string;
  leaseMs: number;
  pollMs: number;
  concurrency: number;
  maxAttempts: number;
  backoff: BackoffPolicy;
  random?: () => number;
  log?: WorkerLog;
}

/** A unique name for this worker: host, process and a random part (two workers in one process differ). */
export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

interface Finished {
  job: ClaimedJob;
  code: string | null;
  record: CompletionRecord | undefined;
  resolve: (mine: boolean) => void;
  reject: (e: unknown) => void;
}

export class OutboxWorker {
  readonly id: string;
  private readonly o: OutboxWorkerOptions;
  private readonly log: WorkerLog;
  private readonly kinds: string[];
  private readonly inflight = new Map<string, Promise<void>>();
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private finished: Finished[] = [];
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(options: OutboxWorkerOptions) {
    this.o = options;
    this.id = options.workerId ?? newWorkerId();
    this.log = options.log ?? SILENT;
    this.kinds = Object.keys(options.handlers);
  }

  /** Start polling in the background. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.heartbeat = setInterval(() => void this.renew(), Math.max(50, Math.floor(this.o.leaseMs / 3)));
    this.heartbeat.unref();
    this.loop = this.run();
    this.log.info({ worker: this.id, kinds: this.kinds }, 'outbox worker started');
  }

  /** Stop claiming, let the jobs under way finish, and return. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake();
    await this.loop;
    await Promise.allSettled(this.inflight.values());
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.log.info({ worker: this.id }, 'outbox worker stopped');
  }

  /** Look for due jobs now instead of at the next poll. */
  wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.woken = true;
  }

  /**
   * Run every job that is due now, and the jobs those create, until none is left; returns how many
   * ran. For tests and one-shot runs: no background loop.
   */
  async runUntilIdle(maxRounds = 1000): Promise<number> {
    let total = 0;
    for (let round = 0; round < maxRounds; round++) {
      const jobs = await claimDueJobs(this.o.db, this.id, this.o.now(), this.o.leaseMs, this.o.concurrency, this.kinds);
      if (!jobs.length) return total;
      total += jobs.length;
      await Promise.all(jobs.map((j) => this.process(j)));
    }
    return total;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const free = this.o.concurrency - this.inflight.size;
      let claimed = 0;
      // Claim in batches (a quarter of the slots at least), not one job per finished job: the
      // claim is the heaviest statement the worker runs.
      if (free > 0 && (free >= Math.ceil(this.o.concurrency / 4) || this.inflight.size === 0)) {
        try {
          const jobs = await claimDueJobs(this.o.db, this.id, this.o.now(), this.o.leaseMs, free, this.kinds);
          claimed = jobs.length;
          for (const j of jobs) {
            const p = this.process(j).finally(() => {
              this.inflight.delete(j.id);
              // A finished job may have queued another (a release queues the notice): look again.
              this.wake();
            });
            this.inflight.set(j.id, p);
          }
        } catch (e) {
          this.log.error({ worker: this.id, err: describeError(e) }, 'claiming due jobs failed; trying again');
        }
      }
      if (!this.running) break;
      // Too few free slots: wait for jobs to end. Nothing due: sleep until the poll interval passes or a job ends.
      if (claimed === 0 || this.o.concurrency - this.inflight.size < Math.ceil(this.o.concurrency / 4))
        await this.sleep(this.o.pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    // A wake-up that came while the loop was busy counts: do not sleep through it.
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const t = setTimeout(() => done(), ms);
      const done = () => {
        clearTimeout(t);
        this.wakeUp = null;
        resolve();
      };
      this.wakeUp = done;
    });
  }

  private async renew(): Promise<void> {
    if (!this.inflight.size) return;
    try {
      await renewLeases(this.o.db, this.id, [...this.inflight.keys()], this.o.now(), this.o.leaseMs);
    } catch (e) {
      this.log.warn({ worker: this.id, err: describeError(e) }, 'renewing leases failed');
    }
  }

  private async process(job: ClaimedJob): Promise<void> {
    const handler = this.o.handlers[job.kind]!;
    let outcome: JobOutcome | undefined;
    try {
      outcome = await handler(job);
    } catch (e) {
      await this.failed(job, e);
      return;
    }
    try {
      const mine = await this.complete(job, outcome?.responseCode ?? null, outcome?.record);
      if (!mine)
        this.log.warn(
          { worker: this.id, job: job.id, kind: job.kind },
          'job finished after its lease had passed to another worker',
        );
    } catch (e) {
      // The work is done but could not be recorded: count it as a failed attempt, retried after its
      // backoff and given up at the limit like any other, so that a record that cannot be written
      // does not send the same messages forever. (The retry sends again what had no receipt, under
      // the same Message-IDs.) When even that cannot be written, the lease runs out instead.
      this.log.error(
        { worker: this.id, job: job.id, kind: job.kind, err: describeError(e) },
        'recording a finished job failed',
      );
      await this.failed(job, e);
    }
  }

  /**
   * Mark a job done, with its record. Jobs that finish within a few milliseconds of each other are
   * marked together in one transaction: under load that saves most of the round trips per job.
   */
  private complete(job: ClaimedJob, code: string | null, record: CompletionRecord | undefined): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.finished.push({ job, code, record, resolve, reject });
      if (this.finished.length === 1) setTimeout(() => void this.flushFinished(), COMPLETION_BATCH_MS);
    });
  }

  private async flushFinished(): Promise<void> {
    const batch = this.finished.splice(0);
    try {
      await this.completeBatch(batch);
    } catch (e) {
      if (batch.length === 1) return batch[0]!.reject(e);
      // One job's record must not hold back the others: each again on its own.
      for (const f of batch) await this.completeBatch([f]).catch(f.reject);
    }
  }

  private async completeBatch(batch: Finished[]): Promise<void> {
    const now = this.o.now();
    const records = batch.filter((f) => f.record);
    const mine = !records.length
      ? await completeJobs(this.o.db, this.id, batch, now)
      : await this.o.db.transaction().execute(async (tx) => {
          const mine = await completeJobs(tx, this.id, batch, now);
          // A job whose lease passed to another worker records nothing: the new owner will.
          const groups = new Map<CompletionRecorder<unknown>, unknown[]>();
          for (const f of records) {
            if (!mine.has(f.job.id)) continue;
            const items = groups.get(f.record!.with);
            if (items) items.push(f.record!.item);
            else groups.set(f.record!.with, [f.record!.item]);
          }
          for (const [recorder, items] of groups) await recorder(tx, items, now);
          return mine;
        });
    for (const f of batch) f.resolve(mine.has(f.job.id));
  }

  private async failed(job: ClaimedJob, e: unknown): Promise<void> {
    const error = describeError(e);
    const code = responseCodeOf(e);
    const now = this.o.now();
    const giveUp = e instanceof PermanentError || job.attempts >= this.o.maxAttempts;
    try {
      if (!giveUp) {
        const at = new Date(now.getTime() + backoffDelay(this.o.backoff, job.attempts, this.o.random));
        await retryJob(this.o.db, this.id, job, now, at, error, code);
        this.log.warn(
          {
            worker: this.id,
            job: job.id,
            kind: job.kind,
            attempt: job.attempts,
            retryAt: at.toISOString(),
            err: error,
          },
          'job attempt failed; will retry',
        );
        return;
      }
      await this.o.db.transaction().execute(async (tx) => {
        if (await failJob(tx, this.id, job, now, error, code)) await this.o.onGiveUp?.(tx, job, error, now);
      });
      this.log.error(
        { worker: this.id, job: job.id, kind: job.kind, attempts: job.attempts, err: error },
        'job given up',
      );
    } catch (e2) {
      this.log.error(
        { worker: this.id, job: job.id, kind: job.kind, err: describeError(e2) },
        'recording a failed attempt failed',
      );
    }
  }
}
