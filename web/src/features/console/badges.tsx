/**
 * The flags a reviewer must see at a glance: emergency, secrecy order, overbroad, requester not
 * verified, deadline within 24 hours (or passed).
 */
import { Badge } from '../../components/Badge.tsx';
import { DAY } from '../../lib/format.ts';

export interface Flagged {
  emergency: boolean;
  secrecyOrder: boolean;
  flags?: string[] | undefined;
  requesterVerification?: string | undefined;
  responseDeadline: string | null;
  state: string;
}

/** Is the deadline still to be met (the demand not yet answered or delivered)? */
const OWES_ANSWER = new Set(['received', 'verifying_requester', 'legal_review', 'awaiting_disclosure', 'approved']);

export function deadlineUrgency(
  d: Pick<Flagged, 'responseDeadline' | 'state'>,
  now = Date.now(),
): 'overdue' | 'soon' | null {
  if (!d.responseDeadline || !OWES_ANSWER.has(d.state)) return null;
  const left = new Date(d.responseDeadline).getTime() - now;
  return left < 0 ? 'overdue' : left < DAY ? 'soon' : null;
}

export function DemandBadges({ d, now }: { d: Flagged; now?: number }) {
  const urgency = deadlineUrgency(d, now);
  const unverified = d.requesterVerification !== undefined && d.requesterVerification !== 'verified';
  return (
    <span className="badges">
      {d.emergency && <Badge tone="danger">Emergency</Badge>}
      {urgency === 'overdue' && <Badge tone="danger">Deadline passed</Badge>}
      {urgency === 'soon' && <Badge tone="warn">Due within 24 h</Badge>}
      {d.secrecyOrder && <Badge tone="info">Secrecy order</Badge>}
      {d.flags?.includes('overbroad') && <Badge tone="warn">Overbroad</Badge>}
      {unverified && (
        <Badge tone="warn" title={`Requester: ${d.requesterVerification}`}>
          Unverified requester
        </Badge>
      )}
    </span>
  );
}
