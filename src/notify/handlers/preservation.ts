/**
 * `preservation.expire`: a preservation reached its end date and is released (data kept beyond
 * its lawful period is a liability for the customer). `preservation.reminder`: staff are told
 * some days before, so that a renewed request can extend it in time.
 */
import { SYSTEM } from '../../domain/events.ts';
import { findDemand } from '../../store/demand-repository.ts';
import { releasePreservation } from '../../workflow/change-preservation.ts';
import type { NotifyDeps } from '../deps.ts';
import { PermanentError } from '../errors.ts';
import { formatTime } from '../format.ts';
import type { JobHandler } from '../outbox-worker.ts';
import { mailStaffOnce } from '../mail-once.ts';

const preserving = (s: string) => s === 'active' || s === 'extended';

export function preservationExpireHandler(deps: NotifyDeps): JobHandler {
  return async (job) => {
    if (!job.demandId) throw new PermanentError('a preservation timer names no demand');
    const d = await findDemand(deps.ctx.db, job.demandId);
    if (!d) throw new PermanentError('the demand of this timer no longer exists');
    // Extended since the timer was set (the extension cancels it; this covers a race with that).
    if (!preserving(d.preservationState) || !d.preservedUntil || new Date(d.preservedUntil) > deps.ctx.now()) return;
    await releasePreservation(deps.ctx, { demand: d.id, actor: SYSTEM, note: 'ended on its end date' });
  };
}

export function preservationReminderHandler(deps: NotifyDeps): JobHandler {
  return async (job) => {
    if (!job.demandId) throw new PermanentError('a preservation reminder names no demand');
    const d = await findDemand(deps.ctx.db, job.demandId);
    if (!d) throw new PermanentError('the demand of this reminder no longer exists');
    const until = String(job.payload.until ?? '');
    // Only for the end date it was set for: an extension brings its own reminder.
    if (
      !preserving(d.preservationState) ||
      !d.preservedUntil ||
      new Date(d.preservedUntil).getTime() !== new Date(until).getTime()
    )
      return;
    const daysBefore = Number(job.payload.daysBefore ?? 0);
    return mailStaffOnce(deps, job, {
      template: 'preservation-reminder',
      data: { reference: d.reference, until: formatTime(d.preservedUntil), daysBefore },
      event: { type: 'preservation.reminder_sent', until: d.preservedUntil, daysBefore },
    });
  };
}
