/**
 * Follow-up notices: after the first notice, the customer hears of every later step of the demand
 * that concerns it, each as its own message and its own webhook event type. Pure: which recorded
 * event is which follow-up, and the event types a customer can subscribe an endpoint to.
 */
import type { Actor, WritEvent } from './events.ts';

/** The first notice's webhook type. */
export const NOTICE_EVENT_TYPE = 'demand.notice';

export const FOLLOW_UP_TYPES = [
  'demand.redirect_sent',
  'demand.agency_answered',
  'demand.data_produced',
  'demand.withdrawn',
  'demand.closed',
  'secrecy_order.extended',
  'secrecy_order.vacated',
] as const;
export type FollowUpType = (typeof FOLLOW_UP_TYPES)[number];

/** Every type a customer's endpoint can receive (the test `ping` always goes). */
export const CUSTOMER_EVENT_TYPES = [NOTICE_EVENT_TYPE, ...FOLLOW_UP_TYPES] as const;
export type CustomerEventType = (typeof CUSTOMER_EVENT_TYPES)[number];

/** What each type means, for the API document and the portal. */
export const CUSTOMER_EVENT_LABELS: Record<CustomerEventType, string> = {
  'demand.notice': 'A demand for your data was received (the first notice)',
  'demand.redirect_sent': 'We told the agency to ask you directly',
  'demand.agency_answered': 'The agency answered our redirect',
  'demand.data_produced': 'Data was produced to the agency: what and when',
  'demand.withdrawn': 'The agency withdrew the demand',
  'demand.closed': 'The demand was closed, with its outcome',
  'secrecy_order.extended': 'The secrecy order was extended',
  'secrecy_order.vacated': 'The secrecy order was lifted before its end',
};

/**
 * The follow-up a recorded event calls for, if any. Steps that are only the provider's own work
 * (reviews, approvals, reminders) are not follow-ups; nor is the notice's own release, which the
 * delayed notice itself explains.
 */
export function followUpOf(e: WritEvent, actor: Actor): FollowUpType | null {
  switch (e.type) {
    case 'redirect.letter_sent':
      return 'demand.redirect_sent';
    case 'redirect.agency_answered':
      return 'demand.agency_answered';
    case 'demand.produced':
      return 'demand.data_produced';
    case 'demand.closed':
      return e.disposition === 'withdrawn' ? 'demand.withdrawn' : 'demand.closed';
    case 'notice.release_moved':
      // Later, or no end any more: extended. An earlier end is a release to come, told when it comes.
      return e.to === null || (e.from !== null && e.to > e.from) ? 'secrecy_order.extended' : null;
    case 'notice.released':
      // A person released the notice before its date (the order was set aside); the timer's
      // release on the order's own end is no news beyond the notice itself.
      return actor.kind === 'system' ? null : 'secrecy_order.vacated';
    default:
      return null;
  }
}

/** Whether an endpoint with this choice (null: every type) receives `type`. */
export function endpointWants(eventTypes: readonly string[] | null, type: string): boolean {
  return eventTypes === null || eventTypes.includes(type);
}

const DAY_MS = 86_400_000;

/**
 * The date by which a customer told of a demand at `noticeAt` can object or answer: `days` after
 * the notice, or a day before the agency's deadline when that comes sooner (so the provider can
 * still act on it), but never before the notice itself: a deadline that near leaves the deadline.
 */
export function answerByDate(noticeAt: Date, deadline: string | null, days: number): Date {
  const byDays = new Date(noticeAt.getTime() + days * DAY_MS);
  if (!deadline) return byDays;
  const d = new Date(deadline);
  const dayBefore = new Date(d.getTime() - DAY_MS);
  if (dayBefore <= noticeAt) return d < noticeAt ? noticeAt : d;
  return dayBefore < byDays ? dayBefore : byDays;
}
