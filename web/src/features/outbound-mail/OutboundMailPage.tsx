/**
 * The demo's local mailbox: every notice, letter, alert and reminder Writ sent while no mail relay
 * is configured, newest first (TanStack Table over the rows the server sent). Opening one shows
 * its text, its HTML and its attachments.
 */
import { useQuery } from '@tanstack/react-query';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { Link } from 'react-router';
import { Badge } from '../../components/Badge.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ErrorMessage, Loading } from '../../components/Status.tsx';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { mailPath, type OutboundMailRow } from './outbound-mail-api.ts';

const col = createColumnHelper<OutboundMailRow>();

const COLUMNS = [
  col.accessor('subject', {
    header: 'Subject',
    cell: (c) => <Link to={mailPath(c.row.original.id)}>{c.getValue() || '(no subject)'}</Link>,
  }),
  col.accessor('kindLabel', { header: 'Kind', cell: (c) => <Badge tone="neutral">{c.getValue()}</Badge> }),
  col.accessor('to', { header: 'To' }),
  col.accessor('at', {
    header: 'Sent',
    cell: (c) => <time dateTime={c.getValue()}>{formatDateTime(c.getValue())}</time>,
  }),
];

export function OutboundMailPage() {
  const mail = useQuery({
    queryKey: ['outbound-mail'],
    queryFn: ({ signal }) =>
      api<{ items: OutboundMailRow[] }>('/api/v1/outbound-mail', { query: { limit: 200 }, signal }).then(
        (r) => r.items,
      ),
    // Notices and letters go out while the page is open.
    refetchInterval: 5000,
  });
  const table = useReactTable({
    data: mail.data ?? [],
    columns: COLUMNS,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (m) => m.id,
  });
  return (
    <>
      <PageHeading title="Outbound mail" />
      <p className="muted">
        With no mail relay configured, Writ keeps what it sends here instead: customer notices, redirect letters, alerts
        to staff and deadline reminders, newest first. Nothing waits for a relay.
      </p>
      {mail.isError && <ErrorMessage error={mail.error} retry={() => void mail.refetch()} />}
      {mail.isPending && <Loading what="Loading the outbound mail" />}
      {mail.data && (
        <>
          <p role="status">
            {mail.data.length === 0
              ? 'Nothing has been sent yet.'
              : `${mail.data.length} message${mail.data.length === 1 ? '' : 's'}.`}
          </p>
          {mail.data.length > 0 && (
            <DataTable table={table} caption="Mail Writ sent, newest first" rowHeader="subject" />
          )}
        </>
      )}
    </>
  );
}
