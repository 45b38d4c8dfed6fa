/**
 * The policy engine's recommendation, as stored with the demand when it was made: the route, each
 * category of data, the customer notice, the flags, the dates, and the reasoning line by line, each
 * point with the provision it rests on.
 */
import type { Decision, Grounded } from '../../../../src/policy/types.ts';
import { formatDateTime, humanize } from '../../lib/format.ts';
import { NOTICE_MODE_LABELS, ROUTE_LABELS, categoryLabel, flagLabel } from '../../lib/vocabulary.ts';

function Grounds({ g }: { g: Grounded }) {
  return (
    <>
      {g.reason} <cite className="citation">{g.citation}</cite> <span className="rule-id">[{g.ruleId}]</span>
    </>
  );
}

export function DecisionPanel({ decision }: { decision: Decision | null | undefined }) {
  if (!decision) return <p className="muted">No policy decision is stored with this demand.</p>;
  const d = decision;
  return (
    <div className="decision">
      <p className="recommendation">
        <strong>Recommendation: {ROUTE_LABELS[d.route.route] ?? humanize(d.route.route)}.</strong>{' '}
        <Grounds g={d.route} />
      </p>
      <p className="muted small">
        A recommendation: a member of the legal team makes the final call. Evaluated {formatDateTime(d.evaluatedAt)}{' '}
        with {d.packs.map((p) => `${p.id}@${p.version}`).join(', ') || 'no packs'}.
      </p>

      <h3 className="subhead">Data asked for</h3>
      <ul className="plain-list">
        {d.categories.map((c) => (
          <li key={c.category}>
            <strong>{categoryLabel(c.category)}:</strong>{' '}
            {c.sufficient ? (
              'the instrument is sufficient'
            ) : (
              <strong className="text-danger">the instrument is NOT sufficient</strong>
            )}
            . <Grounds g={c} />
          </li>
        ))}
      </ul>

      <h3 className="subhead">Customer notice</h3>
      <p>
        <strong>{NOTICE_MODE_LABELS[d.notice.mode] ?? humanize(d.notice.mode)}</strong>
        {d.notice.mode === 'delayed'
          ? d.notice.until
            ? ` until ${formatDateTime(d.notice.until)}`
            : ' (no end date)'
          : ''}
        . <Grounds g={d.notice} />
      </p>

      {d.flags.length > 0 && (
        <>
          <h3 className="subhead">Flags</h3>
          <ul className="plain-list">
            {d.flags.map((f) => (
              <li key={`${f.code}:${f.ruleId}`}>
                <strong>{flagLabel(f.code)}:</strong> <Grounds g={f} />
              </li>
            ))}
          </ul>
        </>
      )}

      {(d.deadlines.length > 0 || d.preservation) && (
        <>
          <h3 className="subhead">Dates</h3>
          <ul className="plain-list">
            {d.deadlines.map((x) => (
              <li key={`${x.kind}:${x.ruleId}`}>
                <strong>{humanize(x.kind)}:</strong> {formatDateTime(x.at)}. <Grounds g={x} />
              </li>
            ))}
            {d.preservation && (
              <li>
                <strong>Preserve until:</strong> {formatDateTime(d.preservation.until)}. <Grounds g={d.preservation} />
              </li>
            )}
          </ul>
        </>
      )}

      <details className="explanation">
        <summary>Reasoning, in the order the rules ran ({d.explanation.length} steps)</summary>
        <ol>
          {d.explanation.map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the explanation is a fixed, ordered list in which a rule may appear twice
            <li key={i}>
              {l.text} <cite className="citation">{l.citation}</cite> <span className="rule-id">[{l.ruleId}]</span>
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}
