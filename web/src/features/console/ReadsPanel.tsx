/** Every recorded read of this demand's data, for administrators and auditors, loaded on request. */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { DemandRead } from '../../lib/api-types.ts';
import { formatDateTime } from '../../lib/format.ts';
import { ErrorMessage, Loading } from '../../components/Status.tsx';

export function ReadsPanel({ reference }: { reference: string }) {
  const [open, setOpen] = useState(false);
  const reads = useQuery({
    queryKey: ['console', 'reads', reference],
    queryFn: ({ signal }) =>
      api<{ items: DemandRead[] }>(`/api/v1/demands/${encodeURIComponent(reference)}/reads`, { signal }).then(
        (r) => r.items,
      ),
    enabled: open,
  });
  return (
    <section className="card" aria-labelledby="reads-title">
      <h2 id="reads-title">Who read this demand</h2>
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>Show every recorded read</summary>
        {reads.isError && <ErrorMessage error={reads.error} retry={() => void reads.refetch()} />}
        {open && reads.isPending && <Loading what="Loading the reads" />}
        {reads.data && (
          <table className="table">
            <caption className="visually-hidden">Reads of this demand, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {reads.data.map((r) => (
                <tr key={`${r.at}-${r.actor.id}-${r.what}`}>
                  <td>
                    <time dateTime={r.at}>{formatDateTime(r.at)}</time>
                  </td>
                  <td>{r.actor.name}</td>
                  <td>{r.what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
    </section>
  );
}
