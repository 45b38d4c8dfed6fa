/**
 * The legal team's queue: open demands, soonest deadline first, filtered and paged by the server
 * (50 rows a page over the API's cursor), so it stays fast however many demands there are.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../lib/api.ts';
import type { CustomerInfo, DemandRow, Page } from '../../lib/api-types.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Pager, usePager } from '../../components/Pager.tsx';
import { ErrorMessage, Loading } from '../../components/Status.tsx';
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
  const apply = (f: QueueFilters) => void navigate(`/console${searchOf(f)}`);
  const caption = filters.sort === 'deadline' ? 'Demands, soonest deadline first' : 'Demands, newest first';

  return (
    <>
      <PageHeading title="Queue" />
      <QueueFilterForm key={searchOf(filters)} initial={filters} customers={customerOptions} onApply={apply} />
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
            {page.data.items.length > 0 && <QueueTable rows={page.data.items} caption={caption} />}
            <Pager pager={pager} nextCursor={page.data.nextCursor} label="Queue" />
          </>
        )}
      </div>
    </>
  );
}
