/**
 * Demands received by e-mail and not yet decided: each with who sent it (authenticated or not),
 * what was read from it, and how many problems the reading found.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ErrorMessage, Loading } from '../../components/Status.tsx';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { DraftSummary } from './drafts-api.ts';

export function DraftsPage() {
  const [state, setState] = useState<'open' | 'all'>('open');
  const q = useQuery({
    queryKey: ['mail', 'drafts', state],
    queryFn: ({ signal }) => api<{ items: DraftSummary[] }>('/api/v1/drafts', { query: { state }, signal }),
    refetchInterval: 5000,
  });
  return (
    <>
      <PageHeading title="Mail intake" />
      <p className="muted">
        Demands e-mailed to the legal-process address. Nothing is decided until you confirm a draft.
      </p>
      <p>
        <label>
          <input
            type="checkbox"
            checked={state === 'all'}
            onChange={(e) => setState(e.target.checked ? 'all' : 'open')}
          />{' '}
          Show confirmed and set-aside drafts too
        </label>
      </p>
      {q.isError && <ErrorMessage error={q.error} retry={() => void q.refetch()} />}
      {q.isPending && <Loading what="Loading the drafts" />}
      {q.data &&
        (q.data.items.length === 0 ? (
          <p className="muted">No draft waits for review.</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">Drafts read from received e-mail</caption>
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">Subject</th>
                <th scope="col">Sender</th>
                <th scope="col">Read as</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {q.data.items.map((d) => (
                <tr key={d.id}>
                  <td>{formatDateTime(d.receivedAt)}</td>
                  <td>
                    <Link to={`/console/mail/${d.id}`}>{d.subject ?? '(no subject)'}</Link>
                    <div className="muted small">{d.from}</div>
                  </td>
                  <td className={d.sender.verdict === 'verified_agency' ? '' : 'warn'}>{d.sender.label}</td>
                  <td>{d.instrument ?? '—'}</td>
                  <td>
                    {d.demand ? (
                      <Link to={`/console/demands/${d.demand.reference}`}>{d.demand.reference}</Link>
                    ) : (
                      d.state
                    )}
                    {d.problems > 0 && <div className="muted small">{d.problems} problem(s)</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </>
  );
}
