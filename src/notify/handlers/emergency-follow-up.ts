/**
 * `emergency.follow_up`: on the date the policy set, staff are told that the legal process which
 * must follow an emergency disclosure has not arrived. Nothing is sent once it was recorded (the
 * job is cancelled then) or for a demand that no longer exists.
 */
import { findDemand } from '../../store/demand-repository.ts';
import { findAgency } from '../../store/directory-repository.ts';
import type { NotifyDeps } from '../deps.ts';
import { PermanentError } from '../errors.ts';
import { formatTime, instrumentLabel } from '../format.ts';
import type { JobHandler } from '../outbox-worker.ts';
import { mailStaffOnce } from '../mail-once.ts';

export function emergencyFollowUpHandler(deps: NotifyDeps): JobHandler {
  return async (job) => {
    if (!job.demandId) throw new PermanentError('a follow-up reminder names no demand');
    const d = await findDemand(deps.ctx.db, job.demandId);
    if (!d) throw new PermanentError('the demand of this reminder no longer exists');
    const agency = await findAgency(deps.ctx.db, d.agencyId);
    const due = String(job.payload.due ?? '');
    return mailStaffOnce(deps, job, {
      template: 'follow-up-due',
      data: {
        reference: d.reference,
        instrument: instrumentLabel(d.instrument),
        agencyName: agency?.name ?? d.agencyId,
        due: formatTime(due),
      },
    });
  };
}
