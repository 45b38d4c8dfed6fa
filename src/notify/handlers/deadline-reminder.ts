/**
 * `deadline.reminder`: staff are reminded that a response is due, at each configured lead time.
 * Nothing is sent for a demand that is finished or whose deadline has changed since.
 */
import { findDemand } from '../../store/demand-repository.ts';
import { findAgency } from '../../store/directory-repository.ts';
import type { NotifyDeps } from '../deps.ts';
import { PermanentError } from '../errors.ts';
import { formatTime, instrumentLabel } from '../format.ts';
import type { JobHandler } from '../outbox-worker.ts';
import { mailStaffOnce } from '../mail-once.ts';

export function deadlineReminderHandler(deps: NotifyDeps): JobHandler {
  return async (job) => {
    if (!job.demandId) throw new PermanentError('a deadline reminder names no demand');
    const d = await findDemand(deps.ctx.db, job.demandId);
    if (!d) throw new PermanentError('the demand of this reminder no longer exists');
    const deadline = String(job.payload.deadline ?? '');
    if (
      d.state === 'closed' ||
      d.state === 'produced' ||
      !d.responseDeadline ||
      new Date(d.responseDeadline).getTime() !== new Date(deadline).getTime()
    )
      return;
    const agency = await findAgency(deps.ctx.db, d.agencyId);
    const leadHours = Number(job.payload.leadHours ?? 0);
    const hoursLeft = Math.max(
      0,
      Math.round((new Date(d.responseDeadline).getTime() - deps.ctx.now().getTime()) / 3_600_000),
    );
    return mailStaffOnce(deps, job, {
      template: 'deadline-reminder',
      data: {
        reference: d.reference,
        deadline: formatTime(d.responseDeadline),
        hoursLeft,
        agencyName: agency?.name ?? d.agencyId,
        instrument: instrumentLabel(d.instrument),
        state: d.state.replaceAll('_', ' '),
      },
      event: { type: 'deadline.reminder_sent', deadline: d.responseDeadline, leadHours },
    });
  };
}
