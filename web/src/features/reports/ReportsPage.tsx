/**
 * The transparency report for a period, from the app: its headline figures, and each published
 * format to download (JSON, the two CSV layouts, HTML and PDF), bound to a signed ledger checkpoint.
 */
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { api, downloadFile } from '../../lib/api.ts';
import { TextField } from '../../components/fields.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ErrorMessage, Loading } from '../../components/Status.tsx';

interface Figures {
  received: number;
  accountsSpecified: number;
  accountsAffected: number;
  open: number;
  closed: number;
  someDataProduced: { count: number; percent: number };
}
interface Report {
  period: { label: string; from: string; last: string };
  generatedAt: string;
  totals: Figures;
  privateRequests: Figures;
  emergency: Figures;
  preservation: Figures;
  ledger: { treeSize?: number; rootHash?: string } | null;
}

const FORMATS = [
  { format: 'pdf', label: 'PDF' },
  { format: 'html', label: 'HTML' },
  { format: 'csv', label: 'CSV (Google layout)' },
  { format: 'csv-microsoft', label: 'CSV (Microsoft layout)' },
  { format: 'json', label: 'JSON' },
];

/** The last complete half-year before today, e.g. "2026-H1" in the second half of 2026. */
function lastHalfYear(now = new Date()): string {
  const y = now.getUTCFullYear();
  return now.getUTCMonth() >= 6 ? `${y}-H1` : `${y - 1}-H2`;
}

export function ReportsPage() {
  const [query] = useSearchParams();
  const navigate = useNavigate();
  const period = query.get('period') || lastHalfYear();
  const [typed, setTyped] = useState(period);
  const [failure, setFailure] = useState<string | null>(null);
  const report = useQuery({
    queryKey: ['report', period],
    queryFn: ({ signal }) => api<Report>('/api/v1/reports', { query: { period, format: 'json' }, signal }),
  });

  const choose = (e: FormEvent) => {
    e.preventDefault();
    void navigate(`/console/reports?period=${encodeURIComponent(typed.trim())}`);
  };
  const download = async (format: string) => {
    setFailure(null);
    try {
      const url = `/api/v1/reports?period=${encodeURIComponent(period)}&format=${format}`;
      await downloadFile(url, `transparency-report-${period}.${format}`);
    } catch (err) {
      setFailure(`Could not download the report: ${(err as Error).message}`);
    }
  };

  const t = report.data?.totals;
  return (
    <>
      <PageHeading title="Transparency report" />
      <form className="filters" onSubmit={choose} aria-label="Choose the period">
        <TextField
          id="report-period"
          label="Period"
          hint="A half-year (2026-H1), a quarter (2026-Q3), a year (2026) or days (2026-01-01..2026-03-31)"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          maxLength={40}
        />
        <div className="filters-actions">
          <button type="submit" className="button-primary">
            Show the report
          </button>
        </div>
      </form>
      {report.isError && <ErrorMessage error={report.error} />}
      {report.isPending && <Loading what="Computing the report" />}
      {report.data && t && (
        <>
          <section className="card" aria-labelledby="figures-title">
            <h2 id="figures-title">Period {report.data.period.label}</h2>
            <p className="muted">
              From {report.data.period.from} to {report.data.period.last}. Government production demands; private
              parties' requests and preservation demands are counted apart.
            </p>
            <div className="stats">
              <Stat label="government demands received" value={t.received} />
              <Stat label="private requests (counted apart)" value={report.data.privateRequests.received} />
              <Stat label="accounts specified" value={t.accountsSpecified} />
              <Stat label="accounts with data disclosed" value={t.accountsAffected} />
              <Stat label="still open" value={t.open} />
              <Stat label="emergency demands" value={report.data.emergency.received} />
              <Stat label="preservation demands" value={report.data.preservation.received} />
            </div>
            <p>
              Some data disclosed in {t.someDataProduced.count} of {t.closed} closed demands (
              {t.someDataProduced.percent}%).
            </p>
          </section>
          <section className="card" aria-labelledby="downloads-title">
            <h2 id="downloads-title">Downloads</h2>
            <ul className="action-list">
              {FORMATS.map((f) => (
                <li key={f.format}>
                  <button type="button" onClick={() => void download(f.format)}>
                    Download {f.label}
                  </button>
                </li>
              ))}
            </ul>
            <p className="muted small">
              The public page: <a href={`/reports/${encodeURIComponent(period)}`}>/reports/{period}</a>. Anyone can
              recompute the figures from the public ledger.
            </p>
            {failure && (
              <p className="field-error" role="alert">
                {failure}
              </p>
            )}
          </section>
        </>
      )}
    </>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="stat stat-neutral">
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}
