/**
 * One page of the queue (TanStack Table over the rows the server sent: it sorts and pages, the
 * table only lays them out). On a narrow screen each row becomes a card (see styles.css).
 */
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { Link } from 'react-router';
import type { DemandRow } from '../../lib/api-types.ts';
import { formatDate, formatDateTime, formatRelative } from '../../lib/format.ts';
import { countryName, instrumentLabel, stateLabel } from '../../lib/vocabulary.ts';
import { DemandBadges } from './badges.tsx';

const col = createColumnHelper<DemandRow>();

function columns(now: number) {
  return [
    col.accessor('reference', {
      header: 'Reference',
      cell: (c) => <Link to={`/console/demands/${encodeURIComponent(c.getValue())}`}>{c.getValue()}</Link>,
    }),
    col.accessor('responseDeadline', {
      header: 'Deadline',
      cell: (c) => {
        const due = c.getValue();
        return due ? (
          <>
            <time dateTime={due}>{formatDateTime(due)}</time>
            <span className="muted small"> ({formatRelative(due, now)})</span>
          </>
        ) : (
          <span className="muted">None set</span>
        );
      },
    }),
    col.accessor('instrument', {
      header: 'Instrument',
      cell: (c) => (
        <>
          {instrumentLabel(c.getValue())}{' '}
          <span className="muted small">({countryName(c.row.original.jurisdiction)})</span>
        </>
      ),
    }),
    col.accessor('agencyName', { header: 'Agency' }),
    col.accessor('state', { header: 'State', cell: (c) => stateLabel(c.getValue()) }),
    col.display({ id: 'flags', header: 'Flags', cell: (c) => <DemandBadges d={c.row.original} now={now} /> }),
    col.accessor('receivedAt', {
      header: 'Received',
      cell: (c) => <time dateTime={c.getValue()}>{formatDate(c.getValue())}</time>,
    }),
  ];
}

export function QueueTable({ rows, caption }: { rows: DemandRow[]; caption: string }) {
  const now = Date.now();
  const table = useReactTable({
    data: rows,
    columns: columns(now),
    getCoreRowModel: getCoreRowModel(),
    getRowId: (d) => d.id,
  });
  return (
    <table className="table table-cards">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        {table.getHeaderGroups().map((g) => (
          <tr key={g.id}>
            {g.headers.map((h) => (
              <th key={h.id} scope="col">
                {flexRender(h.column.columnDef.header, h.getContext())}
              </th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id}>
            {row.getVisibleCells().map((cell) => {
              const label = String(cell.column.columnDef.header);
              const content = flexRender(cell.column.columnDef.cell, cell.getContext());
              // The reference names the row for assistive technology.
              return cell.column.id === 'reference' ? (
                <th key={cell.id} scope="row" data-label={label}>
                  {content}
                </th>
              ) : (
                <td key={cell.id} data-label={label}>
                  {content}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
