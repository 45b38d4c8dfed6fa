/**
 * A job given up after its last attempt is raised to staff, in the transaction that marks it
 * failed: an event on the demand's timeline and an alert e-mail queued to the staff address. An
 * alert that itself fails is not alerted on again (that would never end); the log has it.
 */
import { SYSTEM } from '../domain/events.ts';
import type { Tx } from '../store/database.ts';
import { enqueueJobs } from '../store/outbox-repository.ts';
import { recordChange } from '../workflow/support/record.ts';
import type { ClaimedJob } from './outbox-worker.ts';

export async function raiseToStaff(tx: Tx, job: ClaimedJob, error: string, now: Date): Promise<void> {
  if (job.kind === 'staff.alert') return;
  const alert = {
    kind: 'staff.alert',
    idempotencyKey: `staff.alert:${job.id}`,
    demandId: job.demandId,
    payload: { jobId: job.id, kind: job.kind, attempts: job.attempts, error, demandId: job.demandId },
    runAt: now,
  };
  if (job.demandId) {
    await recordChange(tx, job.demandId, SYSTEM, now, {
      events: [{ type: 'delivery.failed', jobId: job.id, kind: job.kind, attempts: job.attempts, error }],
      jobs: [alert],
    });
  } else {
    await enqueueJobs(tx, [alert]);
  }
}
