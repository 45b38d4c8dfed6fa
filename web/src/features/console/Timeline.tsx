/** Everything that happened to the demand, oldest first, from its append-only events. */
import type { TimelineEvent } from '../../lib/api-types.ts';
import { formatDateTime, humanize } from '../../lib/format.ts';

const EVENT_LABELS: Record<string, string> = {
  'demand.received': 'Demand received',
  'demand.decision_recorded': 'Policy recommendation recorded',
  'demand.verification_requested': 'Requester verification requested',
  'demand.review_started': 'Legal review started',
  'demand.callback_recorded': 'Call-back to the agency recorded',
  'demand.rejected': 'Rejected',
  'demand.redirected': 'Redirected to the customer',
  'demand.accepted': 'Accepted as compelled',
  'demand.reopened': 'Reopened',
  'demand.approval_recorded': 'Disclosure approval recorded',
  'demand.approved': 'Disclosure approved',
  'demand.produced': 'Data produced',
  'demand.closed': 'Closed',
  'notice.queued': 'Customer notice queued',
  'notice.held': 'Customer notice held',
  'notice.release_moved': 'Notice release date moved',
  'notice.released': 'Customer notice released',
  'notice.sent': 'Customer notice sent',
  'notice.waived': 'Customer notice not required',
  'challenge.changed': 'Secrecy-order challenge',
  'preservation.started': 'Preservation started',
  'preservation.extended': 'Preservation extended',
  'preservation.released': 'Preservation released',
  'redirect.letter_sent': 'Redirect letter sent',
  'redirect.agency_answered': 'The agency answered the redirect',
  'redirect.customer_answered': 'The customer answered the redirect',
  'disclosure.follow_up_required': 'Follow-up legal process required',
  'disclosure.follow_up_received': 'Follow-up legal process received',
  'deadline.reminder_sent': 'Deadline reminder sent',
  'delivery.failed': 'Delivery failed',
};

/** Payload members worth a line; ids and counts that only machines read are left out. */
const SHOWN = [
  'reason',
  'note',
  'callbackNote',
  'disposition',
  'from',
  'to',
  'until',
  'route',
  'flags',
  'grounds',
  'channels',
  'recipients',
  'answer',
  'legalBasis',
  'phone',
  'process',
  'deadline',
  'error',
];

function show(v: unknown): string {
  if (Array.isArray(v)) return v.map(String).join(', ');
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return formatDateTime(v);
  return String(v);
}

export function Timeline({ events }: { events: TimelineEvent[] }) {
  if (!events.length) return <p className="muted">Nothing recorded yet.</p>;
  return (
    <ol className="timeline">
      {events.map((e) => {
        const details = SHOWN.filter(
          (k) => e[k] !== undefined && e[k] !== null && !(Array.isArray(e[k]) && (e[k] as unknown[]).length === 0),
        );
        return (
          <li key={e.id}>
            <div className="timeline-head">
              <strong>{EVENT_LABELS[e.type] ?? humanize(e.type)}</strong>{' '}
              <time className="muted small" dateTime={e.at}>
                {formatDateTime(e.at)}
              </time>{' '}
              <span className="muted small">by {e.actor}</span>
            </div>
            {details.length > 0 && (
              <dl className="timeline-details">
                {details.map((k) => (
                  <div key={k}>
                    <dt>{humanize(k)}</dt>
                    <dd>{show(e[k])}</dd>
                  </div>
                ))}
              </dl>
            )}
          </li>
        );
      })}
    </ol>
  );
}
