/**
 * A bar chart that is also a real table: screen readers and keyboard users read the numbers, the
 * bars only draw them. Bar widths are set through the DOM, which the page's CSP allows.
 */
export function BarTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: [string, string];
  rows: { label: string; value: number }[];
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
            <th scope="row">{r.label}</th>
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
