/** Each earlier weighing of the demand, newest first, with what changed to make it weigh again. */
import type { CaseExtras } from '../../lib/api-types.ts';
import { formatDateTime, humanize } from '../../lib/format.ts';
import { ROUTE_LABELS } from '../../lib/vocabulary.ts';

const TRIGGERS: Record<string, string> = {
  intake: 'On receipt',
  requester_verified: 'The requester was verified',
  secrecy_order_changed: 'The secrecy order changed',
  targets_corrected: 'The accounts named were corrected',
  document_added: 'A document was added',
  manual: 'Weighed again by hand',
};

export function DecisionHistory({ history }: { history: NonNullable<CaseExtras['decisionHistory']> }) {
  if (history.length === 0) return null;
  return (
    <>
      <h3 className="subhead" id="decision-history-title">
        Decision history
      </h3>
      <ol className="decision-history" aria-labelledby="decision-history-title">
        {history.map((h, i) => (
          <li key={`${h.at}-${h.trigger}-${h.recommendation}`}>
            <p>
              <time dateTime={h.at}>{formatDateTime(h.at)}</time>: {TRIGGERS[h.trigger] ?? humanize(h.trigger)}.{' '}
              Recommendation: <strong>{ROUTE_LABELS[h.recommendation] ?? humanize(h.recommendation)}</strong>
              {i === 0 ? ' (current)' : ''}.
            </p>
            {h.changed.length > 0 && (
              <ul className="plain-list small">
                {h.changed.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
