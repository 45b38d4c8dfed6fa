/**
 * `agency.clarification`: the legal team's question reaches the officer who sent the demand, by
 * e-mail, once; the agency portal shows it too, with the form to answer it.
 */
import { findDemand } from '../../store/demand-repository.ts';
import { findAgency } from '../../store/directory-repository.ts';
import type { NotifyDeps } from '../deps.ts';
import { PermanentError } from '../errors.ts';
import { formatTime } from '../format.ts';
import type { JobHandler } from '../outbox-worker.ts';
import { mailOnce } from '../mail-once.ts';

export function agencyClarificationHandler(deps: NotifyDeps): JobHandler {
  const { ctx } = deps;
  return async (job) => {
    const d = job.demandId ? await findDemand(ctx.db, job.demandId) : undefined;
    if (!d) throw new PermanentError('the demand of this question no longer exists');
    const p = job.payload as { text: string; answerBy: string | null };
    const requester = d.requesterId
      ? await ctx.db
          .selectFrom('requesters')
          .select(['name', 'email'])
          .where('id', '=', d.requesterId)
          .executeTakeFirst()
      : undefined;
    const agency = await findAgency(ctx.db, d.agencyId);
    return mailOnce(
      deps,
      job,
      {
        address: requester?.email ?? null,
        recipient: 'email:requester',
        part: 'requester',
        unaddressed: 'the demand names no requester to write to: the question waits in the agency portal only',
      },
      {
        template: 'clarification-request',
        data: {
          reference: d.reference,
          caseNumber: d.caseNumber,
          requesterName: requester?.name ?? '',
          agencyName: agency?.name ?? '',
          text: p.text,
          answerBy: formatTime(p.answerBy) ?? '',
          portalUrl: `${deps.config.portalUrl}/agency/demands/${encodeURIComponent(d.reference)}`,
          replyTo: deps.config.mailFrom,
        },
        event: (messageId) => ({ type: 'agency.clarification_mailed', messageId }),
      },
    );
  };
}
