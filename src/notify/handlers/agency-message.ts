/** `agency.message`: staff hear by e-mail that an officer wrote about a demand (the timeline already has it). */
import { findDemand } from '../../store/demand-repository.ts';
import type { NotifyDeps } from '../deps.ts';
import { PermanentError } from '../errors.ts';
import { formatTime } from '../format.ts';
import type { JobHandler } from '../outbox-worker.ts';
import { mailStaffOnce } from '../mail-once.ts';

const WHAT: Record<string, string> = {
  withdrawal: 'it withdraws the demand',
  clarification: 'an answer to a request for clarification',
  document: 'a supplementary document',
};

export function agencyMessageHandler(deps: NotifyDeps): JobHandler {
  return async (job) => {
    const d = job.demandId ? await findDemand(deps.ctx.db, job.demandId) : undefined;
    if (!d) throw new PermanentError('the demand of this message no longer exists');
    const p = job.payload as { kind?: string; closed?: boolean; text?: string };
    const agency = await deps.ctx.db
      .selectFrom('agencies')
      .select('name')
      .where('id', '=', d.agencyId)
      .executeTakeFirst();
    return mailStaffOnce(
      deps,
      { ...job, demandId: null },
      {
        template: 'agency-message',
        data: {
          reference: d.reference,
          agencyName: agency?.name ?? 'The agency',
          what: WHAT[p.kind ?? ''] ?? 'a message',
          at: formatTime(job.runAt),
          closed: p.closed === true,
          text: p.text ?? '',
        },
      },
    );
  };
}
