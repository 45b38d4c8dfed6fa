/**
 * The first half of confirming a requester: a reviewer calls the agency on the number from the
 * agency directory (an independent source, never a number given in the request, which a forger
 * controls) and records what the agency said. Writ dials nothing: it records that the directory
 * number was the one used.
 */
import { DomainError } from '../domain/errors.ts';
import { actorLabel, type Actor } from '../domain/events.ts';
import { findAgency } from '../store/directory-repository.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';

export interface RecordRequesterCallbackOptions {
  demand: string;
  actor: Actor;
  /** What the agency's switchboard or duty officer confirmed. */
  note: string;
}

export function recordRequesterCallback(ctx: WorkflowContext, o: RecordRequesterCallbackOptions) {
  return actOnDemand(ctx, o.demand, o.actor, async (d, tx) => {
    if (d.state !== 'verifying_requester')
      throw new DomainError(
        'illegal_transition',
        `A call-back is recorded while the requester is being verified; this demand is "${d.state}"`,
      );
    const agency = await findAgency(tx, d.agencyId);
    if (!agency?.callbackPhone)
      throw new DomainError(
        'illegal_transition',
        'The agency directory has no call-back number for this agency: add one from an independent source first',
      );
    const inserted = await tx
      .insertInto('requester_checks')
      .values({
        demand_id: d.id,
        kind: 'callback',
        reviewer: actorLabel(o.actor),
        phone: agency.callbackPhone,
        note: o.note,
      })
      .onConflict((oc) => oc.columns(['demand_id', 'kind']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0)
      throw new DomainError('conflict', 'A call-back is already recorded for this demand');
    return {
      events: [
        { type: 'demand.callback_recorded', reviewer: actorLabel(o.actor), phone: agency.callbackPhone, note: o.note },
      ],
    };
  });
}
