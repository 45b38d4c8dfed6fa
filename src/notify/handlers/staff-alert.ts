/**
 * `staff.alert`: a job was given up after its last attempt; staff hear of it by e-mail (the
 * timeline already says so). The alert itself is not alerted on when it fails: that is logged.
 */
import { findDemand } from '../../store/demand-repository.ts';
import type { NotifyDeps } from '../deps.ts';
import type { JobHandler } from '../outbox-worker.ts';
import { mailStaffOnce } from '../mail-once.ts';

export function staffAlertHandler(deps: NotifyDeps): JobHandler {
  return async (job) => {
    const p = job.payload as {
      jobId?: string;
      kind?: string;
      attempts?: number;
      error?: string;
      demandId?: string | null;
    };
    const d = p.demandId ? await findDemand(deps.ctx.db, p.demandId) : undefined;
    return mailStaffOnce(
      deps,
      { ...job, demandId: null },
      {
        template: 'staff-alert',
        data: {
          reference: d?.reference ?? null,
          jobId: p.jobId ?? '',
          kind: p.kind ?? '',
          attempts: p.attempts ?? 0,
          error: p.error ?? '',
        },
      },
    );
  };
}
