/**
 * The staff view of one demand beyond the demand itself: its owner, every clock that binds the
 * provider, the current decision and each earlier one, the customer notice in words, and the
 * timeline with people's names. Read with a few queries, all by the demand's id.
 */
import { clocksOf, nextDeadlineOf } from '../../domain/clocks.ts';
import type { Demand } from '../../domain/demand.ts';
import { decisionPacks, decisionRoute, deadlineFacts } from '../../domain/decision-facts.ts';
import { caseColumns, listDecisionHistory } from '../../store/case-repository.ts';
import type { Db } from '../../store/database.ts';
import { listDemandEvents } from '../../store/event-repository.ts';
import { nameActors } from '../../store/people-repository.ts';
import { payloadPeople } from './demand.ts';
import { actionsFor, nextStepOf } from '../../domain/next-steps.ts';
import { principalRoles, type Principal } from '../../domain/principal.ts';
import { actorLabel } from '../../domain/events.ts';
import { stepFactsOf } from '../../store/case-repository.ts';
import { ACCESS_POLICY } from '../access-policy.ts';
import { actorOf } from '../actor.ts';

/** The customer notice in words that agree with the secrecy order shown beside it. */
export function noticeStatus(d: Pick<Demand, 'noticeState' | 'noticeHeldUntil' | 'secrecyOrder' | 'emergency'>) {
  const until = d.noticeHeldUntil ? ` until ${d.noticeHeldUntil.slice(0, 10)}` : '';
  let label: string;
  if (d.noticeState === 'held')
    label = d.secrecyOrder
      ? `Held: secrecy order (${d.secrecyOrder.legalBasis})${until || ' until further order'}`
      : d.emergency
        ? `Held until the emergency is over${until}`
        : `Held${until}`;
  else if (d.noticeState === 'pending') label = 'Due to be sent';
  else if (d.noticeState === 'sent') label = 'Sent';
  else label = 'Not required';
  return { state: d.noticeState, label, heldUntil: d.noticeHeldUntil };
}

export async function loadStaffCaseView(db: Db, demand: Demand, now: Date, viewer: Principal) {
  const [cols, events, history, steps] = await Promise.all([
    caseColumns(db, demand.id),
    listDemandEvents(db, demand.id),
    listDecisionHistory(db, demand.id),
    stepFactsOf(db, demand.id),
  ]);
  const facts = { demand, ...steps };
  const roles = principalRoles(viewer);
  const mayTake = (action: string) => {
    const rule = ACCESS_POLICY[`POST /api/v1/demands/:ref/${action}`];
    return rule !== undefined && (rule === 'public' || rule.some((r) => roles.includes(r)));
  };
  const names = await nameActors(db, [...events.map((e) => e.actor), ...events.flatMap(payloadPeople)]);
  const clocks = clocksOf(demand, deadlineFacts(cols.decision), now);
  const next = nextDeadlineOf(clocks);
  const evaluatedAt = (cols.decision as { evaluatedAt?: string } | null)?.evaluatedAt ?? demand.receivedAt;
  const decisionHistory = history.length
    ? history
    : cols.decision
      ? [
          {
            at: evaluatedAt,
            trigger: 'intake',
            changed: [],
            recommendation: decisionRoute(cols.decision) ?? 'unknown',
            packVersions: decisionPacks(cols.decision),
          },
        ]
      : [];
  return {
    extras: {
      decision: cols.decision,
      assignee: cols.assignee,
      clocks,
      nextDeadline: next ? { kind: next.kind, label: next.label, dueAt: next.dueAt, hours: next.hours } : null,
      decisionHistory,
      notice: noticeStatus(demand),
      actions: actionsFor(facts, mayTake, actorLabel(actorOf(viewer))),
      nextStep: nextStepOf(facts),
    },
    timeline: { events, names },
  };
}
