/**
 * The approved package is released to the requesting agency: from now on an officer of that agency
 * can ask for a single-use download link.
 */
import { DomainError } from '../domain/errors.ts';
import { transition } from '../domain/state-machine.ts';
import { MATTER_TRACK } from '../domain/matter-state.ts';
import type { Actor } from '../domain/events.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';

export interface ProduceDisclosureOptions {
  demand: string;
  actor: Actor;
  note?: string;
}

export function produceDisclosure(ctx: WorkflowContext, o: ProduceDisclosureOptions) {
  return actOnDemand(ctx, o.demand, o.actor, async (d, tx) => {
    const to = transition(MATTER_TRACK, d.state, 'produce');
    const pkg = await tx
      .selectFrom('disclosure_packages')
      .select('id')
      .where('demand_id', '=', d.id)
      .executeTakeFirst();
    if (!pkg) throw new DomainError('illegal_transition', 'There is no prepared package to release');
    // An emergency disclosure is voluntary: follow-up legal process is due by the date the policy
    // set, and staff are reminded on that date unless it arrived.
    const due = followUpDue(
      await tx.selectFrom('demands').select('decision').where('id', '=', d.id).executeTakeFirst(),
    );
    if (d.instrument !== 'emergency_request' || !due)
      return { patch: { state: to }, events: [{ type: 'demand.produced', note: o.note ?? null }] };
    return {
      patch: { state: to },
      events: [
        { type: 'demand.produced', note: o.note ?? null },
        { type: 'disclosure.follow_up_required', due },
      ],
      jobs: [
        {
          kind: 'emergency.follow_up',
          idempotencyKey: `emergency.follow_up:${d.id}`,
          demandId: d.id,
          payload: { due },
          runAt: new Date(due),
        },
      ],
    };
  });
}

/** The follow-up deadline the stored policy decision set, if any. */
function followUpDue(row: { decision: unknown } | undefined): string | null {
  const deadlines = (row?.decision as { deadlines?: { kind: string; at: string }[] } | null)?.deadlines ?? [];
  return deadlines.find((x) => x.kind === 'follow_up_process')?.at ?? null;
}
