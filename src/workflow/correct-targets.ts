/**
 * Counsel corrects a demand's targets (a mistyped address, an account named twice): the new
 * identifiers are resolved like intake's, replace the old ones in one transaction, and the engine
 * weighs the demand again. The event carries the count only; identifiers stay in their table.
 */
import { normalizeIdentifier } from '../domain/directory.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import type { Actor } from '../domain/events.ts';
import type { IdentifierKind } from '../domain/vocabulary.ts';
import { lookupIntake } from '../store/intake-batcher.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';
import { reweighChange } from './support/reweigh.ts';

export interface CorrectTargetsOptions {
  demand: string;
  actor: Actor;
  targets: { kind: IdentifierKind; value: string }[];
}

export function correctTargets(ctx: WorkflowContext, o: CorrectTargetsOptions) {
  const wanted = o.targets.map((t) => ({ kind: t.kind, value: normalizeIdentifier(t.kind, t.value) }));
  const seen = new Set<string>();
  const dupes = wanted.flatMap((t, i) => {
    const k = `${t.kind}:${t.value}`;
    if (seen.has(k)) return [{ pointer: `/targets/${i}`, detail: `names ${t.kind} "${t.value}" twice` }];
    seen.add(k);
    return [];
  });
  if (dupes.length) throw invalid(dupes);
  return actOnDemand(ctx, o.demand, o.actor, async (d, tx, now) => {
    if (d.state === 'closed') throw new DomainError('illegal_transition', 'A closed demand keeps its targets');
    const lookup = await lookupIntake(ctx.db, { agencyId: d.agencyId, email: '', ids: wanted });
    if (!lookup) throw new Error(`The agency of demand ${d.reference} is not in the directory`);
    const unresolved = wanted.flatMap((t, i) =>
      lookup.targets.has(`${t.kind}:${t.value}`)
        ? []
        : [{ pointer: `/targets/${i}`, detail: `${t.kind} "${t.value}" resolves to no customer account` }],
    );
    if (unresolved.length) throw invalid(unresolved);
    const targets = wanted.map((t) => {
      const r = lookup.targets.get(`${t.kind}:${t.value}`)!;
      return { kind: t.kind, value: t.value, accountId: r.accountId, customerId: r.customerId };
    });
    const before = d.targets.map((t) => `${t.kind}:${t.value}`).join(',');
    const after = targets.map((t) => `${t.kind}:${t.value}`).join(',');
    if (before === after) throw new DomainError('conflict', 'These are already the demand’s targets');
    await tx.deleteFrom('demand_targets').where('demand_id', '=', d.id).execute();
    await tx
      .insertInto('demand_targets')
      .values(
        targets.map((t, i) => ({
          demand_id: d.id,
          ordinal: i,
          kind: t.kind,
          value: t.value,
          customer_id: t.customerId,
          account_id: t.accountId,
        })),
      )
      .execute();
    const again = await reweighChange(
      ctx,
      tx,
      { ...d, targets },
      'targets_corrected',
      [`Targets corrected: ${d.targets.length} before, ${targets.length} now`],
      now,
    );
    return {
      patch: again.patch,
      events: [{ type: 'demand.targets_corrected', targetCount: targets.length }, ...again.events],
    };
  });
}
