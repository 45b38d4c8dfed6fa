/**
 * What a new demand sets in motion: the events that open its timeline and the outbox jobs that
 * notify the customer now or release a held notice later, and time the preservation's end.
 */
import type { Demand } from '../domain/demand.ts';
import type { WritEvent } from '../domain/events.ts';
import { noticePlanOf, secrecyTermOf, utcDate } from '../domain/report-facts.ts';
import type { RequesterVerification } from '../domain/vocabulary.ts';
import type { OutboxJob } from '../store/outbox-repository.ts';
import type { WorkflowDecision } from './context.ts';
import {
  DEFAULT_REMINDERS,
  deadlineReminderJobs,
  preservationReminderJobs,
  type ReminderSettings,
} from './support/reminder-jobs.ts';
import type { TargetFacts } from './weigh-demand.ts';

export function intakeEffects(
  d: Demand,
  decision: WorkflowDecision,
  requester: { requesterVerification: RequesterVerification; domainClass: string },
  reminders: ReminderSettings = DEFAULT_REMINDERS,
  targetFacts: TargetFacts = { enterpriseTargets: 0, extraterritorial: false, requesterKind: 'government' },
): { events: WritEvent[]; jobs: OutboxJob[] } {
  const receivedOn = utcDate(d.receivedAt);
  const customerIds = [...new Set(d.targets.map((t) => t.customerId))];
  const events: WritEvent[] = [
    {
      type: 'demand.received',
      instrument: d.instrument,
      jurisdiction: d.jurisdiction,
      channel: d.channel,
      agencyId: d.agencyId,
      dataCategories: d.dataCategories,
      targetCount: d.targets.length,
      customerIds,
      emergency: !!d.emergency,
      secrecyOrder: !!d.secrecyOrder,
      receivedOn,
      enterpriseTargets: targetFacts.enterpriseTargets,
      extraterritorial: targetFacts.extraterritorial,
      secrecyTerm: secrecyTermOf(d.secrecyOrder),
      noticePlan: noticePlanOf(decision.notice.mode),
      requesterKind: targetFacts.requesterKind,
    },
    { type: 'demand.decision_recorded', route: decision.route, flags: decision.flags, packs: packIds(decision.record) },
    d.state === 'verifying_requester'
      ? {
          type: 'demand.verification_requested',
          reason: `requester ${requester.requesterVerification}, e-mail domain ${requester.domainClass}`,
        }
      : { type: 'demand.review_started', requesterConfirmed: true, callbackNote: null },
  ];
  const jobs: OutboxJob[] = [];
  if (d.noticeState === 'held') {
    events.push({ type: 'notice.held', until: d.noticeHeldUntil, legalBasis: decision.notice.reason });
    if (d.noticeHeldUntil)
      jobs.push({
        kind: 'notice.release',
        idempotencyKey: `notice.release:${d.id}:${d.noticeHeldUntil}`,
        demandId: d.id,
        payload: {},
        runAt: new Date(d.noticeHeldUntil),
      });
  } else {
    events.push({ type: 'notice.queued', customerIds });
    jobs.push({ kind: 'notice.deliver', idempotencyKey: `notice:${d.id}`, demandId: d.id, payload: { customerIds } });
  }
  if (d.challengeState === 'flagged')
    events.push({
      type: 'challenge.changed',
      from: 'none',
      to: 'flagged',
      grounds: decision.flags.filter((f) => f === 'secrecy_order_challenge'),
      note: null,
      receivedOn,
    });
  if (d.preservedUntil) {
    events.push({ type: 'preservation.started', until: d.preservedUntil });
    jobs.push({
      kind: 'preservation.expire',
      idempotencyKey: `preservation.expire:${d.id}:${d.preservedUntil}`,
      demandId: d.id,
      payload: {},
      runAt: new Date(d.preservedUntil),
    });
  }
  // Staff reminders: before the response deadline, and before the preservation ends.
  jobs.push(...deadlineReminderJobs(d.id, d.responseDeadline, new Date(d.createdAt), reminders.deadlineLeadHours));
  if (d.preservedUntil)
    jobs.push(...preservationReminderJobs(d.id, d.preservedUntil, new Date(d.createdAt), reminders.preservationDays));
  return { events, jobs };
}

function packIds(record: unknown): string[] {
  const packs = (record as { packs?: { id: string; version: string }[] } | null)?.packs;
  return Array.isArray(packs) ? packs.map((p) => `${p.id}@${p.version}`) : [];
}
