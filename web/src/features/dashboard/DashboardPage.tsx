/** The legal team's workload: deadlines at risk first, then open demands by state, then intake per week. */
import { api } from '../../lib/api.ts';
import type { Workload } from '../../lib/api-types.ts';
import { formatDate, formatDateTime, formatRelative } from '../../lib/format.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { instrumentLabel, stateLabel } from '../../lib/vocabulary.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ErrorMessage, Loading } from '../../components/Status.tsx';
import { BarTable } from './BarTable.tsx';

/** A count; given `to`, it leads to the queue of the demands behind it. */
function Stat({
  label,
  value,
  tone,
  to,
}: {
  label: string;
  value: number;
  tone: 'danger' | 'warn' | 'neutral';
  to?: string;
}) {
  const body = (
    <>
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
    </>
  );
  return (
    <div className={`stat stat-${value > 0 ? tone : 'neutral'}`}>
      {to ? (
        <Link to={to} className="stat-link">
          {body}
        </Link>
      ) : (
        body
      )}
    </div>
  );
}

export function DashboardPage() {
  const res = useQuery({
    queryKey: ['workload'],
    queryFn: ({ signal }) => api<Workload>('/api/v1/stats/workload', { signal }),
  });
  if (res.status === 'error') return <ErrorMessage error={res.error} retry={() => void res.refetch()} />;
  if (!res.data) return <Loading what="Loading the workload" />;
  const w = res.data;
  const open = Object.entries(w.openByState).map(([s, n]) => ({
    label: stateLabel(s),
    value: n,
    to: `/console?state=${s}`,
  }));
  const totalOpen = open.reduce((s, r) => s + r.value, 0);

  return (
    <>
      <PageHeading title="Workload" />
      <p className="muted">
        As of {formatDateTime(w.asOf)}. {totalOpen} demands open.
      </p>
      <section aria-labelledby="deadlines-title" className="card">
        <h2 id="deadlines-title">Deadlines at risk</h2>
        <div className="stats">
          <Stat label="past their deadline" value={w.deadlines.overdue} tone="danger" to="/console?view=overdue" />
          <Stat label="due within 24 hours" value={w.deadlines.within24h} tone="warn" to="/console?view=due_soon" />
          <Stat label="due within 72 hours" value={w.deadlines.within72h} tone="warn" />
        </div>
        {w.atRisk.length > 0 ? (
          <table className="table table-cards">
            <caption>Nearest deadlines of demands still owing an answer</caption>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Deadline</th>
                <th scope="col">State</th>
                <th scope="col">Instrument</th>
                <th scope="col">Agency</th>
              </tr>
            </thead>
            <tbody>
              {w.atRisk.map((d) => (
                <tr key={d.reference}>
                  <th scope="row" data-label="Reference">
                    <Link to={`/console/demands/${encodeURIComponent(d.reference)}`}>{d.reference}</Link>
                  </th>
                  <td data-label="Deadline">
                    {formatDateTime(d.responseDeadline)}{' '}
                    <span className="muted small">({formatRelative(d.responseDeadline)})</span>
                  </td>
                  <td data-label="State">{stateLabel(d.state)}</td>
                  <td data-label="Instrument">{instrumentLabel(d.instrument)}</td>
                  <td data-label="Agency">{d.agencyName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">No open demand has a deadline.</p>
        )}
      </section>
      <div className="two-col">
        <section className="card" aria-label="Open demands by state">
          <BarTable caption="Open demands by state" head={['State', 'Demands']} rows={open} />
        </section>
        <section className="card" aria-label="Demands received per week">
          <BarTable
            caption="Received per week"
            head={['Week of', 'Demands']}
            rows={w.receivedPerWeek.map((r) => ({ label: formatDate(r.weekStart), value: r.count }))}
          />
        </section>
      </div>
    </>
  );
}
