/**
 * Actions follow the decision: a guarded action (redirect, accept, reject) that would leave the
 * demand with no next step is refused; one the decision advises against needs counsel's written
 * reason, which goes into the timeline in the action's own transaction.
 */
import type { Demand } from '../../domain/demand.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import type { WritEvent } from '../../domain/events.ts';
import { adviceAgainst, blockedBecause, type GuardedAction } from '../../domain/next-steps.ts';
import { stepFactsOf } from '../../store/case-repository.ts';
import type { Tx } from '../../store/database.ts';

export const OVERRIDE_REASON = { minLength: 10, maxLength: 2000 } as const;

/** The events a guarded action adds (the override with its reason), or a refusal. */
export async function followAdvice(
  tx: Tx,
  d: Demand,
  action: GuardedAction,
  overrideReason: string | undefined,
): Promise<WritEvent[]> {
  const facts = { demand: d, ...(await stepFactsOf(tx, d.id)) };
  const blocked = blockedBecause(action, facts);
  if (blocked) throw new DomainError('illegal_transition', blocked);
  const advice = adviceAgainst(action, facts);
  if (!advice) return [];
  const reason = overrideReason?.trim() ?? '';
  if (reason.length < OVERRIDE_REASON.minLength)
    throw invalid([
      {
        pointer: '/overrideReason',
        detail: `${advice}. To go ahead, counsel must give a written reason (${OVERRIDE_REASON.minLength} to ${OVERRIDE_REASON.maxLength} characters)`,
      },
    ]);
  return [{ type: 'demand.advice_overridden', action, reason }];
}
