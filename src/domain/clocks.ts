/**
 * Every clock that binds the provider on a demand, from the demand's tracks and the deadlines its
 * policy decision fixed (each with the citation the rule gave). Pure: the time is an input.
 *
 * A clock is an obligation (the provider must act by then: answer an emergency, produce, move to
 * quash, release a held notice, end a preservation) or a window (the provider must wait or watch:
 * an enforcing state's review, a secrecy order's end). A demand's next deadline, by which the queue
 * sorts, is its soonest obligation still pending, whatever the time now: an overdue one stays first.
 */
import type { Demand } from './demand.ts';
import type { MatterState } from './matter-state.ts';

export const CLOCK_KINDS = [
  'emergency_response',
  'eu_emergency_8h',
  'eu_production_10d',
  'eu_enforcing_review',
  'response_due',
  'cloud_act_motion',
  'emergency_follow_up',
  'preservation_end',
  'secrecy_order_end',
  'notice_release',
] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

export type ClockState = 'running' | 'overdue' | 'met' | 'stopped';

export interface Clock {
  kind: ClockKind;
  label: string;
  /** ISO 8601. */
  dueAt: string;
  /** The citation the deadline rests on. */
  basis: string;
  state: ClockState;
  /** True when the clock counts in hours (shown with hours and minutes left). */
  hours: boolean;
  /** True for a window (wait or watch), false for an obligation the provider must meet. */
  window: boolean;
}

/** A deadline of the stored policy decision (`decision.deadlines`, and `preservation` as kind "preservation"). */
export interface DeadlineFact {
  kind: string;
  at: string;
  citation: string;
}

export type ClockFacts = Pick<
  Demand,
  | 'instrument'
  | 'state'
  | 'receivedAt'
  | 'emergency'
  | 'responseDeadline'
  | 'secrecyOrder'
  | 'noticeState'
  | 'noticeHeldUntil'
  | 'challengeState'
  | 'preservationState'
  | 'preservedUntil'
>;

/**
 * The provider's own commitment for emergency requests outside a regime that fixes one: an answer
 * (disclose, refuse or ask) within this many hours of receipt.
 */
export const EMERGENCY_RESPONSE_HOURS = 4;
const EMERGENCY_BASIS = `Provider policy: emergency requests answered within ${EMERGENCY_RESPONSE_HOURS} hours (voluntary disclosure in an emergency, 18 U.S.C. 2702(b)(8), (c)(4))`;

const LABELS: Record<ClockKind, string> = {
  emergency_response: `Answer the emergency request (within ${EMERGENCY_RESPONSE_HOURS} hours)`,
  eu_emergency_8h: 'Transmit the data (EU emergency order: 8 hours)',
  eu_production_10d: 'Transmit the data (EU production order: 10 days)',
  eu_enforcing_review: "Enforcing state's review window ends",
  response_due: 'Response due',
  cloud_act_motion: 'Last day to move to quash or modify (CLOUD Act: 14 days)',
  emergency_follow_up: 'Follow-up legal process due after emergency disclosure',
  preservation_end: 'Preservation ends',
  secrecy_order_end: 'Secrecy order ends',
  notice_release: 'Held customer notice is released',
};
const IN_HOURS: ReadonlySet<ClockKind> = new Set(['emergency_response', 'eu_emergency_8h']);

export const clockLabel = (kind: string): string => LABELS[kind as ClockKind] ?? kind;
export const clockInHours = (kind: string): boolean => IN_HOURS.has(kind as ClockKind);

/** States in which the provider has answered the demand (produced it, or closed it). */
const ANSWERED: ReadonlySet<MatterState> = new Set(['produced', 'closed']);
/** States in which the provider has decided what to do (the emergency answer was given). */
const UNDECIDED: ReadonlySet<MatterState> = new Set(['received', 'verifying_requester', 'legal_review']);

const HOUR = 3_600_000;

export function clocksOf(d: ClockFacts, deadlines: readonly DeadlineFact[], now: Date): Clock[] {
  const t = now.getTime();
  const out: Clock[] = [];
  const obligation = (kind: ClockKind, dueAt: string, basis: string, settled: ClockState | null) =>
    out.push({
      kind,
      label: LABELS[kind],
      dueAt: new Date(dueAt).toISOString(),
      basis,
      state: settled ?? (Date.parse(dueAt) < t ? 'overdue' : 'running'),
      hours: IN_HOURS.has(kind),
      window: false,
    });
  const window = (kind: ClockKind, dueAt: string, basis: string, stopped: boolean) =>
    out.push({
      kind,
      label: LABELS[kind],
      dueAt: new Date(dueAt).toISOString(),
      basis,
      state: stopped ? 'stopped' : Date.parse(dueAt) <= t ? 'met' : 'running',
      hours: IN_HOURS.has(kind),
      window: true,
    });
  const answered: ClockState | null = ANSWERED.has(d.state) ? 'met' : d.state === 'rejected' ? 'stopped' : null;
  const isEuOrder = d.instrument === 'european_production_order';

  // The law's (or the instrument's) date for producing the data.
  const response = deadlines.find((x) => x.kind === 'response') ?? deadlines.find((x) => x.kind === 'stated');
  const euResponseKind: ClockKind | null = isEuOrder ? (d.emergency ? 'eu_emergency_8h' : 'eu_production_10d') : null;
  if (response && euResponseKind) obligation(euResponseKind, response.at, response.citation, answered);
  else if (d.responseDeadline)
    obligation(
      'response_due',
      d.responseDeadline,
      response?.citation ?? "The instrument's own date for compliance",
      answered,
    );

  // An emergency outside a regime that fixes hours: the provider's own commitment.
  if (d.emergency && euResponseKind !== 'eu_emergency_8h')
    obligation(
      'emergency_response',
      new Date(Date.parse(d.receivedAt) + EMERGENCY_RESPONSE_HOURS * HOUR).toISOString(),
      EMERGENCY_BASIS,
      UNDECIDED.has(d.state) ? null : 'met',
    );

  for (const x of deadlines) {
    if (x.kind === 'transmit_not_before' || x.kind === 'enforcing_review_ends')
      window('eu_enforcing_review', x.at, x.citation, d.state === 'rejected' || d.state === 'closed');
    else if (x.kind === 'motion_to_quash')
      obligation(
        'cloud_act_motion',
        x.at,
        x.citation,
        UNDECIDED.has(d.state) || d.state === 'redirected' ? null : 'stopped',
      );
    else if (x.kind === 'follow_up_process' && (d.state === 'produced' || d.state === 'closed'))
      obligation('emergency_follow_up', x.at, x.citation, d.state === 'closed' ? 'met' : null);
  }

  if (d.preservedUntil && d.preservationState !== 'none')
    obligation(
      'preservation_end',
      d.preservedUntil,
      deadlines.find((x) => x.kind === 'preservation')?.citation ??
        (d.instrument === 'european_preservation_order'
          ? 'Regulation (EU) 2023/1543, Art. 11(1): 60 days, extendable by 30'
          : '18 U.S.C. 2703(f)(2): 90 days, extendable once by 90'),
      d.preservationState === 'released' ? 'met' : null,
    );

  if (d.secrecyOrder?.expiresAt)
    window('secrecy_order_end', d.secrecyOrder.expiresAt, d.secrecyOrder.legalBasis, d.challengeState === 'vacated');

  if (d.noticeHeldUntil)
    obligation(
      'notice_release',
      d.noticeHeldUntil,
      d.secrecyOrder
        ? `${d.secrecyOrder.legalBasis}: notice may be given when the order ends`
        : 'Provider policy: notice once the delay ends',
      // Released (pending delivery, sent or waived): the release is done.
      d.noticeState === 'held' ? null : 'met',
    );

  return out.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

/** The soonest obligation still pending (running or overdue), or null. */
export function nextDeadlineOf(clocks: readonly Clock[]): Clock | null {
  for (const c of clocks) if (!c.window && (c.state === 'running' || c.state === 'overdue')) return c;
  return null;
}
