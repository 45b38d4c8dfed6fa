/**
 * One endpoint's delivery log: every message Writ sent there (notices and tests), newest first,
 * with the answer it got, paged by the server's cursor. A test sent from here appears at the top.
 */
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format.ts';
import { useSession } from '../../lib/session.tsx';
import { Badge } from '../../components/Badge.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Pager, usePager } from '../../components/Pager.tsx';
import { ErrorMessage, Loading } from '../../components/Status.tsx';
import { EndpointStatus } from './EndpointStatus.tsx';
import { TestButton } from './TestButton.tsx';
import { deliveries, getEndpoint } from './webhooks-api.ts';

export function WebhookLogPage({ endpointId }: { endpointId: string }) {
  const { me } = useSession();
  const customerId = me?.kind === 'customer_admin' ? me.customerId : null;
  const pager = usePager();
  const [sent, setSent] = useState(0);
  const endpoint = useQuery({
    queryKey: ['webhook', customerId, endpointId, sent],
    queryFn: ({ signal }) => getEndpoint(customerId!, endpointId, signal),
    enabled: !!customerId,
    placeholderData: keepPreviousData,
  });
  const log = useQuery({
    queryKey: ['webhook-log', customerId, endpointId, pager.cursor, sent],
    queryFn: ({ signal }) => deliveries(customerId!, endpointId, pager.cursor, signal),
    enabled: !!customerId,
    placeholderData: keepPreviousData,
  });

  if (endpoint.status === 'error') return <ErrorMessage error={endpoint.error} />;
  if (!endpoint.data) return <Loading />;
  const ep = endpoint.data;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/portal/webhooks">Webhooks</Link> / Delivery log
      </p>
      <PageHeading title="Delivery log" />
      <p>
        <code>{ep.url}</code>
        {ep.description ? ` (${ep.description})` : ''}: <EndpointStatus endpoint={ep} />
      </p>
      {ep.status !== 'removed' && customerId && (
        <div className="form-actions">
          <TestButton
            customerId={customerId}
            endpointId={ep.id}
            onSent={() => (pager.cursor ? pager.first() : setSent((n) => n + 1))}
          />
        </div>
      )}
      {log.status === 'error' && <ErrorMessage error={log.error} retry={() => void log.refetch()} />}
      {log.isLoading && <Loading />}
      {log.data &&
        (log.data.items.length === 0 ? (
          <p role="status">Nothing has been sent to this endpoint yet.</p>
        ) : (
          <table className="table table-cards">
            <caption className="visually-hidden">Messages sent to this endpoint, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Sent</th>
                <th scope="col">Message</th>
                <th scope="col">Result</th>
                <th scope="col">HTTP status</th>
                <th scope="col">Error</th>
                <th scope="col">Message id</th>
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((d) => (
                <tr key={d.id}>
                  <th scope="row" data-label="Sent">
                    <time dateTime={d.at}>{formatDateTime(d.at)}</time>
                  </th>
                  <td data-label="Message">{d.kind === 'ping' ? 'Test (ping)' : 'Notice of a demand'}</td>
                  <td data-label="Result">
                    <Badge tone={d.ok ? 'ok' : 'danger'}>{d.ok ? 'Delivered' : 'Failed'}</Badge>{' '}
                    <span className="muted small">{d.durationMs} ms</span>
                  </td>
                  <td data-label="HTTP status">{d.statusCode ?? 'No answer'}</td>
                  <td data-label="Error">{d.error ?? '—'}</td>
                  <td data-label="Message id">
                    <code>{d.messageId}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {log.data && <Pager pager={pager} nextCursor={log.data.nextCursor} label="Delivery log" />}
    </>
  );
}
