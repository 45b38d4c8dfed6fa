/**
 * The life of a demand as explicit transition tables: the main track (the matter) and three side
 * tracks (customer notice, secrecy-order challenge, preservation). Each table is the whole truth:
 * a move not listed here is refused, and tests walk every row.
 */
import type { Disposition } from './vocabulary.ts';
import type { Track } from './state-machine.ts';

export const MATTER_STATES = [
  'received', // filed, nothing decided yet
  'verifying_requester', // the requester's identity is being confirmed (call-back to the agency directory)
  'legal_review', // counsel checks validity and sufficiency
  'rejected', // refused as invalid, insufficient or forged; awaiting close
  'redirected', // the agency was told to ask the enterprise customer directly
  'awaiting_disclosure', // compelled: data is being gathered, waiting for two approvals
  'approved', // two different people approved the package
  'produced', // the package was released to the verified requester
  'closed', // finished, with one reporting disposition
] as const;
export type MatterState = (typeof MATTER_STATES)[number];

export const MATTER_ACTIONS = [
  'request_verification',
  'begin_review',
  'confirm_requester',
  'reject',
  'redirect',
  'accept',
  'reopen',
  'approve',
  'produce',
  'close',
] as const;
export type MatterAction = (typeof MATTER_ACTIONS)[number];

const OPEN: MatterState[] = [
  'received',
  'verifying_requester',
  'legal_review',
  'rejected',
  'redirected',
  'awaiting_disclosure',
  'approved',
  'produced',
];

export const MATTER_TRACK: Track<MatterState, MatterAction> = {
  name: 'demand',
  states: MATTER_STATES,
  actions: MATTER_ACTIONS,
  rows: [
    { from: 'received', action: 'request_verification', to: 'verifying_requester' },
    { from: 'received', action: 'begin_review', to: 'legal_review' },
    { from: 'verifying_requester', action: 'confirm_requester', to: 'legal_review' },
    { from: 'verifying_requester', action: 'reject', to: 'rejected' },
    { from: 'legal_review', action: 'reject', to: 'rejected' },
    { from: 'legal_review', action: 'redirect', to: 'redirected' },
    { from: 'legal_review', action: 'accept', to: 'awaiting_disclosure' },
    // The agency insists with compelled process after a redirect: back to counsel.
    { from: 'redirected', action: 'reopen', to: 'legal_review' },
    { from: 'awaiting_disclosure', action: 'approve', to: 'approved' },
    { from: 'approved', action: 'produce', to: 'produced' },
    ...OPEN.map((from) => ({ from, action: 'close' as const, to: 'closed' as const })),
  ],
};

/**
 * Which reporting dispositions a demand may be closed with, by the state it closes from. A
 * disposition must be true to what happened: only a produced demand can be "content disclosed".
 */
export const CLOSING_DISPOSITIONS: Record<MatterState, readonly Disposition[]> = {
  received: ['withdrawn'],
  verifying_requester: ['withdrawn', 'rejected'],
  legal_review: ['withdrawn', 'no_data_found', 'preserved_only'],
  rejected: ['rejected'],
  redirected: ['redirected_to_customer', 'withdrawn'],
  awaiting_disclosure: ['no_data_found', 'withdrawn', 'preserved_only'],
  approved: ['withdrawn'],
  produced: ['non_content_disclosed', 'content_disclosed'],
  closed: [],
};

export const NOTICE_STATES = [
  'pending', // due to go out; the outbox delivers it
  'held', // a secrecy order forbids it until `noticeHeldUntil` (null: no end stated)
  'sent', // delivered to every designated contact
  'not_required', // nobody to tell (the law or the facts say so), with the reason on the timeline
] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];
export const NOTICE_ACTIONS = ['hold', 'move_release', 'release', 'mark_sent', 'waive'] as const;
export type NoticeAction = (typeof NOTICE_ACTIONS)[number];

export const NOTICE_TRACK: Track<NoticeState, NoticeAction> = {
  name: 'customer notice',
  states: NOTICE_STATES,
  actions: NOTICE_ACTIONS,
  rows: [
    { from: 'pending', action: 'hold', to: 'held' },
    { from: 'held', action: 'move_release', to: 'held' },
    { from: 'held', action: 'release', to: 'pending' },
    { from: 'pending', action: 'mark_sent', to: 'sent' },
    { from: 'pending', action: 'waive', to: 'not_required' },
    { from: 'held', action: 'waive', to: 'not_required' },
  ],
};

export const CHALLENGE_STATES = ['none', 'flagged', 'filed', 'upheld', 'narrowed', 'vacated'] as const;
export type ChallengeState = (typeof CHALLENGE_STATES)[number];
export const CHALLENGE_ACTIONS = ['flag', 'dismiss', 'file', 'rule_upheld', 'rule_narrowed', 'rule_vacated'] as const;
export type ChallengeAction = (typeof CHALLENGE_ACTIONS)[number];

export const CHALLENGE_TRACK: Track<ChallengeState, ChallengeAction> = {
  name: 'secrecy-order challenge',
  states: CHALLENGE_STATES,
  actions: CHALLENGE_ACTIONS,
  rows: [
    { from: 'none', action: 'flag', to: 'flagged' },
    { from: 'flagged', action: 'dismiss', to: 'none' },
    { from: 'flagged', action: 'file', to: 'filed' },
    { from: 'filed', action: 'rule_upheld', to: 'upheld' },
    { from: 'filed', action: 'rule_narrowed', to: 'narrowed' },
    { from: 'filed', action: 'rule_vacated', to: 'vacated' },
    // An order upheld or narrowed may be challenged again (appeal, or a renewal application).
    { from: 'upheld', action: 'flag', to: 'flagged' },
    { from: 'narrowed', action: 'flag', to: 'flagged' },
  ],
};

export const PRESERVATION_STATES = ['none', 'active', 'extended', 'released'] as const;
export type PreservationState = (typeof PRESERVATION_STATES)[number];
export const PRESERVATION_ACTIONS = ['preserve', 'extend', 'release'] as const;
export type PreservationAction = (typeof PRESERVATION_ACTIONS)[number];

export const PRESERVATION_TRACK: Track<PreservationState, PreservationAction> = {
  name: 'preservation',
  states: PRESERVATION_STATES,
  actions: PRESERVATION_ACTIONS,
  rows: [
    { from: 'none', action: 'preserve', to: 'active' },
    // One extension on a renewed request (18 USC 2703(f)(2); Reg. 2023/1543 Art. 11): a second is refused.
    { from: 'active', action: 'extend', to: 'extended' },
    { from: 'active', action: 'release', to: 'released' },
    { from: 'extended', action: 'release', to: 'released' },
  ],
};

/** True once nothing more can happen on the main track. */
export function isClosed(state: MatterState): boolean {
  return state === 'closed';
}
