/**
 * `notice.release`: a held notice's release date came. Release it (which queues its delivery in
 * the same transaction). A worker that starts after the date simply finds the timer overdue and
 * runs it at once. A hold that was released by hand or moved later is left as it is.
 */
import { SYSTEM } from '../../domain/events.ts';
import { releaseHeldNotice } from '../../workflow/release-held-notice.ts';
import type { NotifyDeps } from '../deps.ts';
import { PermanentError } from '../errors.ts';
import type { JobHandler } from '../outbox-worker.ts';

export function noticeReleaseHandler(deps: NotifyDeps): JobHandler {
  return async (job) => {
    if (!job.demandId) throw new PermanentError('a release timer names no demand');
    await releaseHeldNotice(deps.ctx, {
      demand: job.demandId,
      actor: SYSTEM,
      reason: 'the secrecy order ended on its stated date',
      ifStillHeld: true,
      ifHoldEndsBy: deps.ctx.now(),
    });
    // The notice it queued is due now: the worker wakes for it as soon as this job ends.
  };
}
