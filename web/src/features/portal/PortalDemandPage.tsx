/** One demand as the customer sees it: what was demanded of which of its accounts, and where it stands. */
import { api } from '../../lib/api.ts';
import type { SharedDemand } from '../../lib/api-types.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { DemandFacts } from '../../components/DemandFacts.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ErrorMessage, Loading } from '../../components/Status.tsx';
import { RespondControl } from './RespondControl.tsx';

export function PortalDemandPage({ reference }: { reference: string }) {
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
        <Link to="/portal">Demands</Link> / {d.reference}
      </p>
      <PageHeading title={d.reference} />
      <section className="card" aria-labelledby="what-title">
        <h2 id="what-title">What was demanded</h2>
        <DemandFacts demand={d} />
      </section>
      {d.state === 'redirected' && <RespondControl reference={d.reference} />}
    </>
  );
}
