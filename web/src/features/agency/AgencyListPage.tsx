/** An officer follows its agency's demands, newest first, paged by the server. */
import { api } from '../../lib/api.ts';
import type { DemandRow, Page } from '../../lib/api-types.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { categoryLabel, dispositionLabel, instrumentLabel, stateLabel } from '../../lib/vocabulary.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Pager, usePager } from '../../components/Pager.tsx';
import { ErrorMessage, Loading } from '../../components/Status.tsx';

export function AgencyListPage() {
  const pager = usePager();
  const page = useQuery({
    queryKey: ['demands', 'agency', pager.cursor],
    queryFn: ({ signal }) =>
      api<Page<DemandRow>>('/api/v1/demands', { query: { cursor: pager.cursor, limit: 50 }, signal }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeading title="Your agency's demands" />
      <p>
        <Link to="/agency/new" className="button button-primary">
          Submit a demand
        </Link>
      </p>
      {page.status === 'error' && <ErrorMessage error={page.error} retry={() => void page.refetch()} />}
      {page.isPending && <Loading />}
      {page.data &&
        (page.data.items.length === 0 ? (
          <p role="status">Your agency has not filed a demand yet.</p>
        ) : (
          <table className="table table-cards">
            <caption className="visually-hidden">Demands filed by your agency, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Received</th>
                <th scope="col">Instrument</th>
                <th scope="col">Data asked for</th>
                <th scope="col">Status</th>
                <th scope="col">Deadline</th>
              </tr>
            </thead>
            <tbody>
              {page.data.items.map((d) => (
                <tr key={d.id}>
                  <th scope="row" data-label="Reference">
                    <Link to={`/agency/demands/${encodeURIComponent(d.reference)}`}>{d.reference}</Link>
                  </th>
                  <td data-label="Received">{formatDate(d.receivedAt)}</td>
                  <td data-label="Instrument">{instrumentLabel(d.instrument)}</td>
                  <td data-label="Data asked for">{d.dataCategories.map(categoryLabel).join(', ')}</td>
                  <td data-label="Status">
                    {d.disposition ? `${stateLabel(d.state)}: ${dispositionLabel(d.disposition)}` : stateLabel(d.state)}
                  </td>
                  <td data-label="Deadline">{formatDateTime(d.responseDeadline)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {page.data && <Pager pager={pager} nextCursor={page.data.nextCursor} label="Demands" />}
    </>
  );
}
