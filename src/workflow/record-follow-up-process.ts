/**
 * The legal process that must follow an emergency disclosure arrived (a warrant or court order
 * covering what was disclosed): record it, which stops the follow-up reminder.
 */
import { DomainError } from '../domain/errors.ts';
import type { Actor } from '../domain/events.ts';
import { cancelPendingJobs } from '../store/outbox-repository.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';

export interface RecordFollowUpProcessOptions {
  demand: string;
  actor: Actor;
  /** The reference of the follow-up demand or the process that arrived (e.g. "WR-2026-000812"). */
  process: string;
  note?: string;
}

export function recordFollowUpProcess(ctx: WorkflowContext, o: RecordFollowUpProcessOptions) {
  return actOnDemand(ctx, o.demand, o.actor, async (d, tx) => {
    const required = await tx
      .selectFrom('events')
      .select('id')
      .where('demand_id', '=', d.id)
      .where('type', '=', 'disclosure.follow_up_required')
      .executeTakeFirst();
    if (!required) throw new DomainError('illegal_transition', 'This demand awaits no follow-up legal process');
    await cancelPendingJobs(tx, d.id, 'emergency.follow_up');
    return { events: [{ type: 'disclosure.follow_up_received', process: o.process, note: o.note ?? null }] };
  });
}
