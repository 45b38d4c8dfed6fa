/**
 * Give one or many demands an owner, or none: all or nothing, in one transaction. Each demand whose
 * owner changes gets a `demand.assigned` event (ids only) with who made the change.
 */
import { DomainError, invalid } from '../domain/errors.ts';
import { actorLabel, eventRow, type Actor } from '../domain/events.ts';
import { findStaffMember } from '../store/people-repository.ts';
import type { WorkflowContext } from './context.ts';

export interface AssignDemandsOptions {
  references: string[];
  /** A staff principal's id, or null to leave the demands unassigned. */
  assignee: string | null;
  actor: Actor;
}

export interface Assignment {
  reference: string;
  assignee: { id: string; name: string } | null;
}

export async function assignDemands(ctx: WorkflowContext, opts: AssignDemandsOptions): Promise<Assignment[]> {
  const references = [...new Set(opts.references.map((r) => r.trim()))];
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const assignee = opts.assignee === null ? null : await findStaffMember(tx, opts.assignee);
    if (opts.assignee !== null && !assignee)
      throw invalid([{ pointer: '/assignee', detail: `${opts.assignee} is not a staff member who may sign in` }]);
    // Lock in a fixed order so that two bulk assignments over the same demands cannot deadlock.
    const rows = await tx
      .selectFrom('demands')
      .select(['id', 'reference', 'assignee_id', 'state'])
      .where('reference', 'in', references)
      .orderBy('id')
      .forUpdate()
      .execute();
    const found = new Map(rows.map((r) => [r.reference, r]));
    const missing = references.filter((r) => !found.has(r));
    if (missing.length) throw new DomainError('not_found', `No demand ${missing.join(', ')}`);
    const closed = rows.filter((r) => r.state === 'closed' && r.assignee_id !== (assignee?.id ?? null));
    if (closed.length)
      throw new DomainError(
        'illegal_transition',
        `${closed.map((r) => r.reference).join(', ')} ${closed.length === 1 ? 'is' : 'are'} closed: a closed demand keeps its last owner`,
      );
    const to = assignee?.id ?? null;
    const changing = rows.filter((r) => r.assignee_id !== to);
    if (changing.length) {
      await tx
        .updateTable('demands')
        .set({ assignee_id: to, updated_at: now })
        .where(
          'id',
          'in',
          changing.map((r) => r.id),
        )
        .execute();
      await tx
        .insertInto('events')
        .values(
          changing.map((r) => {
            const { type, payload } = eventRow({ type: 'demand.assigned', from: r.assignee_id, to });
            return {
              demand_id: r.id,
              type,
              payload: JSON.stringify(payload),
              actor: actorLabel(opts.actor),
              occurred_at: now,
            };
          }),
        )
        .execute();
    }
    return references.map((reference) => ({ reference, assignee: assignee ?? null }));
  });
}
