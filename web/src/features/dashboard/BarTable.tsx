/**
 * A bar chart that is also a real table: screen readers and keyboard users read the numbers, the
 * bars only draw them. Bar widths are set through the DOM, which the page's CSP allows. A row with
 * `to` links its label to the demands behind the count.
 */
import { Link } from 'react-router';

export function BarTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: [string, string];
  rows: { label: string; value: number; to?: string }[];
}) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <table className="table bar-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head[0]}</th>
          <th scope="col">{head[1]}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <th scope="row">{r.to ? <Link to={r.to}>{r.label}</Link> : r.label}</th>
            <td>
              <span className="bar" aria-hidden="true" style={{ width: `${(r.value / max) * 100}%` }} />
              <span className="bar-value">{r.value}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
