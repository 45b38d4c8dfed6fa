/**
 * Reminder timers for staff: before a response deadline (at each configured lead time) and before
 * a preservation ends. Written as outbox jobs in the same transaction as the demand they concern.
 */
import type { OutboxJob } from '../../store/outbox-repository.ts';

export interface ReminderSettings {
  /** Hours before a response deadline at which staff are reminded. */
  deadlineLeadHours: number[];
  /** Days before a preservation ends at which staff are reminded; 0: none. */
  preservationDays: number;
}

export const DEFAULT_REMINDERS: ReminderSettings = { deadlineLeadHours: [72, 24], preservationDays: 7 };

const HOUR = 3_600_000;

/**
 * One job per lead time still ahead of `now`. Lead times already past (a demand that arrives with
 * little time left) collapse into a single reminder due now, so staff hear of it at once, once.
 */
export function deadlineReminderJobs(
  demandId: string,
  deadline: string | null,
  now: Date,
  leadHours: number[],
): OutboxJob[] {
  if (!deadline || !leadHours.length) return [];
  const due = new Date(deadline);
  if (due <= now) return [];
  const key = `deadline.reminder:${demandId}:${due.toISOString()}`;
  const ahead = leadHours.filter((h) => due.getTime() - h * HOUR > now.getTime());
  const passed = leadHours.filter((h) => !ahead.includes(h));
  const jobs: OutboxJob[] = ahead.map((h) => ({
    kind: 'deadline.reminder',
    idempotencyKey: `${key}:${h}h`,
    demandId,
    payload: { deadline: due.toISOString(), leadHours: h },
    runAt: new Date(due.getTime() - h * HOUR),
  }));
  if (passed.length)
    jobs.push({
      kind: 'deadline.reminder',
      idempotencyKey: `${key}:now`,
      demandId,
      payload: { deadline: due.toISOString(), leadHours: Math.max(...passed) },
      runAt: now,
    });
  return jobs;
}

/** A reminder `days` before a preservation ends, if that is still ahead. */
export function preservationReminderJobs(demandId: string, until: string, now: Date, days: number): OutboxJob[] {
  if (days <= 0) return [];
  const end = new Date(until);
  const at = new Date(end.getTime() - days * 24 * HOUR);
  if (at <= now) return [];
  return [
    {
      kind: 'preservation.reminder',
      idempotencyKey: `preservation.reminder:${demandId}:${end.toISOString()}`,
      demandId,
      payload: { until: end.toISOString(), daysBefore: days },
      runAt: at,
    },
  ];
}
