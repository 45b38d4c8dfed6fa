/**
 * Extend a preservation on a renewed request (once: the track refuses a second extension), or
 * release it. The expiry timer moves with the date.
 */
import { DomainError } from '../domain/errors.ts';
import type { Actor } from '../domain/events.ts';
import { transition } from '../domain/state-machine.ts';
import { PRESERVATION_TRACK } from '../domain/matter-state.ts';
import { cancelPendingJobs } from '../store/outbox-repository.ts';
import type { WorkflowContext } from './context.ts';
import { DEFAULT_REMINDERS, preservationReminderJobs } from './support/reminder-jobs.ts';
import { actOnDemand } from './support/act-on-demand.ts';

export interface ExtendPreservationOptions {
  demand: string;
  actor: Actor;
  /** The new end date (the policy decision gives the lawful one). */
  until: string;
}

export function extendPreservation(ctx: WorkflowContext, o: ExtendPreservationOptions) {
  return actOnDemand(ctx, o.demand, o.actor, async (d, tx) => {
    const to = transition(PRESERVATION_TRACK, d.preservationState, 'extend');
    const until = new Date(o.until);
    if (Number.isNaN(until.getTime()) || (d.preservedUntil && until <= new Date(d.preservedUntil))) {
      throw new DomainError('invalid_input', 'The new end date must be after the current one', [
        { pointer: '/until', detail: 'must be after the current end date' },
      ]);
    }
    await cancelPendingJobs(tx, d.id, 'preservation.expire');
    await cancelPendingJobs(tx, d.id, 'preservation.reminder');
    return {
      patch: { preservation_state: to, preserved_until: until },
      events: [{ type: 'preservation.extended', until: until.toISOString() }],
      jobs: [
        {
          kind: 'preservation.expire',
          idempotencyKey: `preservation.expire:${d.id}:${until.toISOString()}`,
          demandId: d.id,
          payload: {},
          runAt: until,
        },
        ...preservationReminderJobs(
          d.id,
          until.toISOString(),
          ctx.now(),
          (ctx.reminders ?? DEFAULT_REMINDERS).preservationDays,
        ),
      ],
    };
  });
}

export interface ReleasePreservationOptions {
  demand: string;
  actor: Actor;
  note?: string;
}

export function releasePreservation(ctx: WorkflowContext, o: ReleasePreservationOptions) {
  return actOnDemand(ctx, o.demand, o.actor, async (d, tx) => {
    const to = transition(PRESERVATION_TRACK, d.preservationState, 'release');
    await cancelPendingJobs(tx, d.id, 'preservation.expire');
    await cancelPendingJobs(tx, d.id, 'preservation.reminder');
    return { patch: { preservation_state: to }, events: [{ type: 'preservation.released', note: o.note ?? null }] };
  });
}
