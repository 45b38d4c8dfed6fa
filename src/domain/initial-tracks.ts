/**
 * Where a new demand starts on each track, from the requester's standing and the policy decision.
 * Pure, so that the rule reads in one place and is tested without a database.
 */
import type { ChallengeState, MatterState, NoticeState, PreservationState } from './matter-state.ts';

export interface TrackDecision {
  notice: { mode: 'now' | 'delayed' | 'after_emergency' | 'never'; until: string | null };
  flags: string[];
  preservationUntil: string | null;
}

export interface InitialTracks {
  state: MatterState;
  noticeState: NoticeState;
  noticeHeldUntil: string | null;
  challengeState: ChallengeState;
  preservationState: PreservationState;
  preservedUntil: string | null;
}

export function initialTracks(requesterVerified: boolean, decision: TrackDecision): InitialTracks {
  const mustVerify = !requesterVerified || decision.flags.includes('requester_verification_required');
  const hold = decision.notice.mode !== 'now';
  return {
    state: mustVerify ? 'verifying_requester' : 'legal_review',
    noticeState: hold ? 'held' : 'pending',
    noticeHeldUntil: hold ? decision.notice.until : null,
    challengeState: decision.flags.includes('secrecy_order_challenge') ? 'flagged' : 'none',
    preservationState: decision.preservationUntil ? 'active' : 'none',
    preservedUntil: decision.preservationUntil,
  };
}
