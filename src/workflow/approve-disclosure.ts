/**
 * Two-person rule for compelled disclosure: each approver records an approval of the prepared
 * package; the demand moves to "approved" only when two different people, neither of them the
 * package's preparer, have approved. The same person twice, or the preparer, is refused.
 */
import { DomainError } from '../domain/errors.ts';
import { actorLabel, type Actor } from '../domain/events.ts';
import { transition } from '../domain/state-machine.ts';
import { MATTER_TRACK } from '../domain/matter-state.ts';
import { SAME_PERSON } from '../domain/next-steps.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';

export const APPROVALS_REQUIRED = 2;

export interface ApproveDisclosureOptions {
  demand: string;
  actor: Actor;
}

export function approveDisclosure(ctx: WorkflowContext, o: ApproveDisclosureOptions) {
  return actOnDemand(ctx, o.demand, o.actor, async (d, tx) => {
    // Check the move first so an approval is never recorded on a demand that cannot take it.
    const to = transition(MATTER_TRACK, d.state, 'approve');
    const approver = actorLabel(o.actor);
    const pkg = await tx
      .selectFrom('disclosure_packages')
      .select(['prepared_by'])
      .where('demand_id', '=', d.id)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (!pkg) throw new DomainError('illegal_transition', 'Prepare the disclosure package before approving it');
    if (pkg.prepared_by === approver) throw new DomainError('forbidden', SAME_PERSON.approveOwnPackage);
    const inserted = await tx
      .insertInto('approvals')
      .values({ demand_id: d.id, approver })
      .onConflict((oc) => oc.columns(['demand_id', 'approver']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
      throw new DomainError('forbidden', SAME_PERSON.approveTwice);
    }
    const approvers = (
      await tx.selectFrom('approvals').select('approver').where('demand_id', '=', d.id).orderBy('approved_at').execute()
    ).map((r) => r.approver);
    if (approvers.length < APPROVALS_REQUIRED) {
      return { events: [{ type: 'demand.approval_recorded', approver, approvalsSoFar: approvers.length }] };
    }
    return {
      patch: { state: to },
      events: [
        { type: 'demand.approval_recorded', approver, approvalsSoFar: approvers.length },
        { type: 'demand.approved', approvers },
      ],
    };
  });
}
