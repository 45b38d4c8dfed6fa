/**
 * The secrecy orders on open demands: which are in force and until when, each challenge with its
 * state and draft, and what notice each order holds back from whom.
 */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../lib/api.ts';
import type { SecrecyOrderRow } from '../../lib/api-types.ts';
import { formatDate, formatDateTime, formatRelative, humanize } from '../../lib/format.ts';
import { Badge } from '../../components/Badge.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ErrorMessage, Loading } from '../../components/Status.tsx';

export function SecrecyOrdersPage() {
  const orders = useQuery({
    queryKey: ['secrecy-orders'],
    queryFn: ({ signal }) =>
      api<{ items: SecrecyOrderRow[] }>('/api/v1/secrecy-orders', { signal }).then((r) => r.items),
  });
  const now = Date.now();
  const inForce = orders.data?.filter((o) => o.state === 'in_force') ?? [];
  return (
    <>
      <PageHeading title="Secrecy orders" />
      <p className="muted">
        Orders that forbid telling the customer of a demand, on demands still open: soonest end first. An order with no
        end date holds until a court lifts it.
      </p>
      {orders.isError && <ErrorMessage error={orders.error} retry={() => void orders.refetch()} />}
      {orders.isPending && <Loading what="Loading the secrecy orders" />}
      {orders.data && (
        <>
          <p role="status">
            {inForce.length} in force, {orders.data.length - inForce.length} lapsed.
          </p>
          {orders.data.length > 0 && (
            <table className="table table-cards">
              <caption className="visually-hidden">Secrecy orders on open demands</caption>
              <thead>
                <tr>
                  <th scope="col">Demand</th>
                  <th scope="col">Order</th>
                  <th scope="col">Ends</th>
                  <th scope="col">Challenge</th>
                  <th scope="col">Holds back</th>
                </tr>
              </thead>
              <tbody>
                {orders.data.map((o) => (
                  <tr key={o.reference}>
                    <th scope="row" data-label="Demand">
                      <Link to={`/console/demands/${encodeURIComponent(o.reference)}`}>{o.reference}</Link>
                    </th>
                    <td data-label="Order">
                      {o.basis}{' '}
                      {o.state === 'in_force' ? (
                        <Badge tone="info">In force</Badge>
                      ) : (
                        <Badge tone="neutral">Lapsed</Badge>
                      )}
                    </td>
                    <td data-label="Ends">
                      {o.endsAt ? (
                        <>
                          <time dateTime={o.endsAt}>{formatDateTime(o.endsAt)}</time>{' '}
                          <span className="muted small">({formatRelative(o.endsAt, now)})</span>
                        </>
                      ) : (
                        'Until further order'
                      )}
                    </td>
                    <td data-label="Challenge">
                      {o.challenge ? (
                        <>
                          {humanize(o.challenge.state)}
                          {o.challenge.filedAt && <>, filed {formatDate(o.challenge.filedAt)}</>}
                          {o.challenge.draftDocumentId && (
                            <>
                              {' '}
                              (
                              <Link to={`/console/demands/${encodeURIComponent(o.reference)}#documents-title`}>
                                draft application
                              </Link>
                              )
                            </>
                          )}
                        </>
                      ) : (
                        <span className="muted">None</span>
                      )}
                    </td>
                    <td data-label="Holds back">{o.holdsBack}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}
