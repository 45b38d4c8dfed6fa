/**
 * One page of the queue (TanStack Table over the rows the server sent: it sorts and pages, the
 * table lays them out and keeps which rows are selected for a bulk assignment). On a narrow screen
 * each row becomes a card (see styles.css).
 */
import {
  createColumnHelper,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type OnChangeFn,
  type RowSelectionState,
} from '@tanstack/react-table';
import { Link } from 'react-router';
import { DataTable } from '../../components/DataTable.tsx';
import type { DemandRow } from '../../lib/api-types.ts';
import { formatDate, formatDateTime, formatRelative } from '../../lib/format.ts';
import { countryName, instrumentLabel, stateLabel } from '../../lib/vocabulary.ts';
import { hoursLeft } from './case-api.ts';
import { DemandBadges } from './badges.tsx';

const col = createColumnHelper<DemandRow>();

const select: ColumnDef<DemandRow, unknown> = {
  id: 'select',
  header: ({ table }) => (
    <input
      type="checkbox"
      aria-label="Select every demand on this page"
      checked={table.getIsAllRowsSelected()}
      ref={(el) => {
        if (el) el.indeterminate = table.getIsSomeRowsSelected();
      }}
      onChange={table.getToggleAllRowsSelectedHandler()}
    />
  ),
  cell: ({ row }) => (
    <input
      type="checkbox"
      aria-label={`Select ${row.original.reference}`}
      checked={row.getIsSelected()}
      onChange={row.getToggleSelectedHandler()}
    />
  ),
};

function columns(now: number) {
  return [
    col.accessor('reference', {
      header: 'Reference',
      cell: (c) => <Link to={`/console/demands/${encodeURIComponent(c.getValue())}`}>{c.getValue()}</Link>,
    }),
    col.accessor((d) => d.nextDeadline ?? null, {
      id: 'deadline',
      header: 'Next deadline',
      cell: (c) => {
        const next = c.getValue();
        if (next)
          return (
            <>
              <span className="small">{next.label}</span>
              <br />
              <time dateTime={next.dueAt}>{formatDateTime(next.dueAt)}</time>
              <span className={next.hours ? 'clock-live small' : 'muted small'}>
                {' '}
                ({next.hours ? hoursLeft(next.dueAt, now) : formatRelative(next.dueAt, now)})
              </span>
            </>
          );
        const due = c.row.original.responseDeadline;
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
    col.accessor((d) => d.assignee?.name ?? '', {
      id: 'assignee',
      header: 'Owner',
      cell: (c) => c.getValue() || <span className="muted">Unassigned</span>,
    }),
    col.accessor('state', { header: 'State', cell: (c) => stateLabel(c.getValue()) }),
    col.display({ id: 'flags', header: 'Flags', cell: (c) => <DemandBadges d={c.row.original} now={now} /> }),
    col.accessor('receivedAt', {
      header: 'Received',
      cell: (c) => <time dateTime={c.getValue()}>{formatDate(c.getValue())}</time>,
    }),
  ];
}

export function QueueTable({
  rows,
  caption,
  selection,
  onSelectionChange,
}: {
  rows: DemandRow[];
  caption: string;
  /** Given, the rows can be selected (by reference). */
  selection?: RowSelectionState;
  onSelectionChange?: OnChangeFn<RowSelectionState>;
}) {
  const now = Date.now();
  const selectable = selection !== undefined;
  const table = useReactTable<DemandRow>({
    data: rows,
    columns: selectable ? [select, ...(columns(now) as ColumnDef<DemandRow, unknown>[])] : columns(now),
    getCoreRowModel: getCoreRowModel(),
    getRowId: (d) => d.reference,
    enableRowSelection: selectable,
    state: { rowSelection: selection ?? {} },
    ...(onSelectionChange ? { onRowSelectionChange: onSelectionChange } : {}),
  });
  return <DataTable table={table} caption={caption} rowHeader="reference" narrowColumns={['select']} />;
}
