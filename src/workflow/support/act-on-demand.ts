/**
 * The frame of every use case that changes an existing demand: one transaction, the demand's row
 * locked (so two people acting at once are serialised), the change computed from the locked state,
 * then state, events and jobs written together.
 */
import type { Demand } from '../../domain/demand.ts';
import type { Actor } from '../../domain/events.ts';
import type { Tx } from '../../store/database.ts';
import { findDemand, lockDemand } from '../../store/demand-repository.ts';
import { syncNextDeadline } from '../../store/next-deadline.ts';
import type { WorkflowContext } from '../context.ts';
import { recordChange, type Change } from './record.ts';

export async function actOnDemand(
  ctx: WorkflowContext,
  demandRef: string,
  actor: Actor,
  decide: (demand: Demand, tx: Tx, now: Date) => Promise<Change> | Change,
): Promise<Demand> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const demand = await lockDemand(tx, demandRef);
    const change = await decide(demand, tx, now);
    await recordChange(tx, demand.id, actor, now, change);
    const changed = (await findDemand(tx, demand.id))!;
    await syncNextDeadline(tx, changed, now);
    return changed;
  });
}
