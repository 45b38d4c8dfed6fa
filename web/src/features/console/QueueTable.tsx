/** One page of the queue. On a narrow screen each row becomes a card (see styles.css). */
import type { DemandRow } from '../../lib/api-types.ts';
import { formatDate, formatDateTime, formatRelative } from '../../lib/format.ts';
import { Link } from '../../lib/router.tsx';
import { countryName, instrumentLabel, stateLabel } from '../../lib/vocabulary.ts';
import { DemandBadges } from './badges.tsx';

export function QueueTable({ rows, caption }: { rows: DemandRow[]; caption: string }) {
  const now = Date.now();
  return (
    <table className="table table-cards">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Reference</th>
          <th scope="col">Deadline</th>
          <th scope="col">Instrument</th>
          <th scope="col">Agency</th>
          <th scope="col">State</th>
          <th scope="col">Flags</th>
          <th scope="col">Received</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => (
          <tr key={d.id}>
            <th scope="row" data-label="Reference">
              <Link to={`/console/demands/${encodeURIComponent(d.reference)}`}>{d.reference}</Link>
            </th>
            <td data-label="Deadline">
              {d.responseDeadline ? (
                <>
                  <time dateTime={d.responseDeadline}>{formatDateTime(d.responseDeadline)}</time>
                  <span className="muted small"> ({formatRelative(d.responseDeadline, now)})</span>
                </>
              ) : (
                <span className="muted">None set</span>
              )}
            </td>
            <td data-label="Instrument">
              {instrumentLabel(d.instrument)} <span className="muted small">({countryName(d.jurisdiction)})</span>
            </td>
            <td data-label="Agency">{d.agencyName}</td>
            <td data-label="State">{stateLabel(d.state)}</td>
            <td data-label="Flags">
              <DemandBadges d={d} now={now} />
            </td>
            <td data-label="Received">
              <time dateTime={d.receivedAt}>{formatDate(d.receivedAt)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
