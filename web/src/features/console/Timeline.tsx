/** Everything that happened to the demand, oldest first, in the plain words the API gives. */
import type { TimelineEvent } from '../../lib/api-types.ts';
import { formatDateTime } from '../../lib/format.ts';

export function Timeline({ events }: { events: TimelineEvent[] }) {
  if (!events.length) return <p className="muted">Nothing recorded yet.</p>;
  return (
    <ol className="timeline">
      {events.map((e) => (
        <li key={e.id}>
          <div className="timeline-head">
            <strong>{e.summary}</strong>{' '}
            <time className="muted small" dateTime={e.at}>
              {formatDateTime(e.at)}
            </time>{' '}
            <span className="muted small">by {e.actor.name}</span>
          </div>
          {e.details.length > 0 && (
            <dl className="timeline-details">
              {e.details.map((d) => (
                <div key={d.label}>
                  <dt>{d.label}</dt>
                  <dd>{d.value}</dd>
                </div>
              ))}
            </dl>
          )}
        </li>
      ))}
    </ol>
  );
}
