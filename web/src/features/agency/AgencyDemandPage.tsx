/** One of the agency's demands: what it filed, the documents, and where the provider is with it. */
import { api } from '../../lib/api.ts';
import type { SharedDemand } from '../../lib/api-types.ts';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { DemandFacts } from '../../components/DemandFacts.tsx';
import { DocumentLinks } from '../../components/DocumentLinks.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ErrorMessage, Loading, Notice } from '../../components/Status.tsx';
import { AgencyRecord } from './AgencyRecord.tsx';

export function AgencyDemandPage({ reference }: { reference: string }) {
  const [query] = useSearchParams();
  const res = useQuery({
    queryKey: ['demand', reference],
    queryFn: ({ signal }) => api<SharedDemand>(`/api/v1/demands/${encodeURIComponent(reference)}`, { signal }),
  });
  if (res.status === 'error') return <ErrorMessage error={res.error} />;
  if (!res.data) return <Loading />;
  const d = res.data;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/agency">Your demands</Link> / {d.reference}
      </p>
      <PageHeading title={d.reference} />
      {query.get('submitted') && (
        <Notice>
          Demand filed as <strong>{d.reference}</strong>. Quote this reference in any message about it.
        </Notice>
      )}
      <section className="card" aria-labelledby="what-title">
        <h2 id="what-title">The demand</h2>
        <DemandFacts demand={d} />
      </section>
      <section className="card" aria-labelledby="docs-title">
        <h2 id="docs-title">Documents</h2>
        <DocumentLinks reference={d.reference} documents={d.documents ?? []} />
      </section>
      <AgencyRecord reference={d.reference} open={d.state !== 'closed'} />
    </>
  );
}
