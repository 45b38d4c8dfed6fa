/**
 * The customer's view: the demands about its own accounts that it has been told of (a demand under
 * a secrecy order appears once its notice goes out), newest first, paged by the server.
 */
import { api } from '../../lib/api.ts';
import type { CustomerInfo, DemandRow, Page } from '../../lib/api-types.ts';
import { endSentence, formatDate } from '../../lib/format.ts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useSession } from '../../lib/session.tsx';
import { categoryLabel, countryName, instrumentLabel, stateLabel } from '../../lib/vocabulary.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Pager, usePager } from '../../components/Pager.tsx';
import { ErrorMessage, Loading } from '../../components/Status.tsx';

export function PortalListPage() {
  const { me } = useSession();
  const pager = usePager();
  const customerId = me?.kind === 'customer_admin' ? me.customerId : null;
  const customer = useQuery({
    queryKey: ['customer', customerId],
    queryFn: ({ signal }) => api<CustomerInfo>(`/api/v1/customers/${customerId}`, { signal }),
    enabled: !!customerId,
  });
  const page = useQuery({
    queryKey: ['demands', 'portal', pager.cursor],
    queryFn: ({ signal }) =>
      api<Page<DemandRow>>('/api/v1/demands', { query: { cursor: pager.cursor, limit: 25 }, signal }),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeading title="Demands about your accounts" />
      {customer.data && (
        <p className="muted">
          For {endSentence(customer.data.name)} You see each demand once you have been notified of it.
        </p>
      )}
      {page.status === 'error' && <ErrorMessage error={page.error} retry={() => void page.refetch()} />}
      {page.isPending && <Loading />}
      {page.data && (
        <>
          {page.data.items.length === 0 ? (
            <p role="status">No demand about your accounts has been notified to you.</p>
          ) : (
            <ul className="demand-cards">
              {page.data.items.map((d) => (
                <li key={d.id} className="card">
                  <h2 className="card-title">
                    <Link to={`/portal/demands/${encodeURIComponent(d.reference)}`}>{d.reference}</Link>
                  </h2>
                  <p>
                    <strong>{instrumentLabel(d.instrument)}</strong> from {d.agencyName} ({countryName(d.jurisdiction)}
                    ), received {formatDate(d.receivedAt)}.
                  </p>
                  <p>Asks for: {d.dataCategories.map(categoryLabel).join(', ')}.</p>
                  <p className="muted">Status: {stateLabel(d.state)}</p>
                </li>
              ))}
            </ul>
          )}
          <Pager pager={pager} nextCursor={page.data.nextCursor} label="Demands" />
        </>
      )}
    </>
  );
}
