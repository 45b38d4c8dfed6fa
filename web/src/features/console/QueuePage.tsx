/**
 * The legal team's queue: open demands, soonest deadline first, filtered and paged by the server
 * (50 rows a page over the API's cursor), so it stays fast however many demands there are.
 */
import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { RowSelectionState } from '@tanstack/react-table';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../lib/api.ts';
import type { CustomerInfo, DemandRow, Page } from '../../lib/api-types.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Pager, usePager } from '../../components/Pager.tsx';
import { ErrorMessage, Loading, Notice } from '../../components/Status.tsx';
import { useSession } from '../../lib/session.tsx';
import { BulkAssign } from './BulkAssign.tsx';
import { mayAssign, useStaff } from './case-api.ts';
import { SavedViews } from './SavedViews.tsx';
import { QueueFilterForm } from './QueueFilterForm.tsx';
import { QueueTable } from './QueueTable.tsx';
import { apiQuery, filtersFrom, searchOf, type QueueFilters } from './queue-filters.ts';

export function QueuePage() {
  const [query] = useSearchParams();
  const navigate = useNavigate();
  const filters = filtersFrom(query);
  const pager = usePager();
  const page = useQuery({
    queryKey: ['queue', searchOf(filters), pager.cursor],
    queryFn: ({ signal }) =>
      api<Page<DemandRow>>('/api/v1/demands', { query: apiQuery(filters, pager.cursor), signal }),
    // Keep showing the previous rows while the next load: no flicker between pages.
    placeholderData: keepPreviousData,
  });
  const customers = useQuery({
    queryKey: ['customers'],
    queryFn: ({ signal }) => api<{ items: CustomerInfo[] }>('/api/v1/customers', { query: { limit: 500 }, signal }),
  });
  const customerOptions = (customers.data?.items ?? [])
    .map((c) => ({ value: c.id, label: c.name }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const { me } = useSession();
  const staff = useStaff();
  const staffOptions = (staff.data ?? []).map((s) => ({ value: s.id, label: s.name }));
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [message, setMessage] = useState<string | null>(null);
  const selected = Object.keys(selection).filter((r) => selection[r]);
  // Another page of rows: what was selected on the last one is not on this one.
  const shown = searchOf(filters) + (pager.cursor ?? '');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `shown` names the rows on screen
  useEffect(() => setSelection({}), [shown]);
  const apply = (f: QueueFilters) => {
    setSelection({});
    void navigate(`/console${searchOf(f)}`);
  };
  const caption = filters.sort === 'deadline' ? 'Demands, soonest deadline first' : 'Demands, newest first';

  return (
    <>
      <PageHeading title="Queue" />
      <SavedViews current={searchOf(filters)} />
      <QueueFilterForm
        key={searchOf(filters)}
        initial={filters}
        customers={customerOptions}
        staff={staffOptions}
        onApply={apply}
      />
      {message && <Notice>{message}</Notice>}
      {mayAssign(me) && selected.length > 0 && (
        <BulkAssign
          references={selected}
          staff={staffOptions}
          onDone={(m) => {
            setMessage(m);
            setSelection({});
            void page.refetch();
          }}
        />
      )}
      <div aria-busy={page.isFetching} className="queue-results">
        {page.isError && <ErrorMessage error={page.error} retry={() => void page.refetch()} />}
        {page.isPending && <Loading what="Loading the queue" />}
        {page.data && (
          <>
            <p className="muted" role="status">
              {page.data.items.length === 0
                ? 'No demand matches these filters.'
                : `Showing ${page.data.items.length} demands${page.data.nextCursor ? ', more on the next page' : ''}.`}
            </p>
            {page.data.items.length > 0 &&
              (mayAssign(me) ? (
                <QueueTable
                  rows={page.data.items}
                  caption={caption}
                  selection={selection}
                  onSelectionChange={setSelection}
                />
              ) : (
                <QueueTable rows={page.data.items} caption={caption} />
              ))}
            <Pager pager={pager} nextCursor={page.data.nextCursor} label="Queue" />
          </>
        )}
      </div>
    </>
  );
}
