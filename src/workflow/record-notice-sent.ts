/** The customer notice reached every designated contact: the notice track ends at "sent". */
import type { Actor } from '../domain/events.ts';
import { transition } from '../domain/state-machine.ts';
import { NOTICE_TRACK } from '../domain/matter-state.ts';
import type { WorkflowContext } from './context.ts';
import { actOnDemand } from './support/act-on-demand.ts';

export interface RecordNoticeSentOptions {
  demand: string;
  actor: Actor;
  /** How many contacts it reached, over which channels. */
  recipients: number;
  channels: string[];
}

export function recordNoticeSent(ctx: WorkflowContext, o: RecordNoticeSentOptions) {
  return actOnDemand(ctx, o.demand, o.actor, (d) => ({
    patch: { notice_state: transition(NOTICE_TRACK, d.noticeState, 'mark_sent') },
    events: [{ type: 'notice.sent', recipients: o.recipients, channels: o.channels }],
  }));
}
