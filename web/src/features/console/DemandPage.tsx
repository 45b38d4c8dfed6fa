/**
 * One demand for the legal team: what it asks, the documents, the policy decision with its
 * reasoning, the customer notice, the timeline, and the actions its state allows.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../lib/api.ts';
import type { AgencyInfo, CustomerInfo, StaffDemand } from '../../lib/api-types.ts';
import { DemandFacts } from '../../components/DemandFacts.tsx';
import { DocumentLinks } from '../../components/DocumentLinks.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ErrorMessage, Loading, Notice } from '../../components/Status.tsx';
import { stateLabel } from '../../lib/vocabulary.ts';
import { useSession } from '../../lib/session.tsx';
import { ActionsPanel } from './ActionsPanel.tsx';
import { NextStepCard } from './NextStepCard.tsx';
import { AssigneeCard } from './AssigneeCard.tsx';
import { mayAskAgency, mayReadReads } from './case-api.ts';
import { ClocksCard } from './ClocksCard.tsx';
import { DecisionHistory } from './DecisionHistory.tsx';
import { AskAgencyPanel } from './AskAgencyPanel.tsx';
import { NotesPanel } from './NotesPanel.tsx';
import { PackagePanel } from './PackagePanel.tsx';
import { ReadsPanel } from './ReadsPanel.tsx';
import { ReweighButton } from './ReweighButton.tsx';
import { DecisionPanel } from './DecisionPanel.tsx';
import { Timeline } from './Timeline.tsx';
import { TracksCard } from './TracksCard.tsx';
import { DemandBadges } from './badges.tsx';

interface Loaded {
  demand: StaffDemand;
  agency: AgencyInfo | null;
  customers: CustomerInfo[];
}

async function load(ref: string, signal: AbortSignal): Promise<Loaded> {
  const demand = await api<StaffDemand>(`/api/v1/demands/${encodeURIComponent(ref)}`, { signal });
  const customerIds = [...new Set(demand.targets.map((t) => t.customerId))];
  const [agency, customers] = await Promise.all([
    api<AgencyInfo>(`/api/v1/agencies/${demand.agencyId}`, { signal }).catch(() => null),
    Promise.all(customerIds.map((id) => api<CustomerInfo>(`/api/v1/customers/${id}`, { signal }).catch(() => null))),
  ]);
  return { demand, agency, customers: customers.filter((c): c is CustomerInfo => c !== null) };
}

export function DemandPage({ reference }: { reference: string }) {
  const res = useQuery({
    queryKey: ['console', 'demand', reference],
    queryFn: ({ signal }) => load(reference, signal),
  });
  const reload = () => void res.refetch();
  const [message, setMessage] = useState<string | null>(null);
  // The action whose form is open: the actions panel's buttons and the next-step card open one.
  const [openAction, setOpenAction] = useState<string | null>(null);
  const { me } = useSession();
  const changed = (m: string) => {
    setMessage(m);
    reload();
  };

  if (res.isError && !res.data) return <ErrorMessage error={res.error} retry={reload} />;
  if (!res.data) return <Loading what={`Loading ${reference}`} />;
  const { demand: d, agency, customers } = res.data;
  const customerOf = (id: string) => customers.find((c) => c.id === id)?.name ?? 'Unknown customer';

  return (
    <>
      <p className="breadcrumb">
        <Link to="/console">Queue</Link> / {d.reference}
      </p>
      <div className="demand-head">
        <PageHeading title={d.reference} />
        <span className="state-pill">{stateLabel(d.state)}</span>
        <DemandBadges
          d={{
            ...d,
            emergency: !!d.emergency,
            secrecyOrder: !!d.secrecyOrder,
            flags: d.decision?.flags.map((f) => f.code) ?? [],
          }}
        />
      </div>
      {message && <Notice>{message}</Notice>}
      {res.isError && <ErrorMessage error={res.error} retry={reload} />}
      <div className="demand-grid">
        <div className="demand-main">
          <section className="card" aria-labelledby="facts-title">
            <h2 id="facts-title">The demand</h2>
            <DemandFacts
              demand={d}
              extra={[
                ['Agency', agency ? agency.name : d.agencyId],
                ['Customers', [...new Set(d.targets.map((t) => customerOf(t.customerId)))].join(', ')],
                [
                  'Offence',
                  d.offence
                    ? `${d.offence.description}${d.offence.maxSentenceYears !== null ? ` (up to ${d.offence.maxSentenceYears} years)` : ''}`
                    : '—',
                ],
                ['Signed', d.signed ? 'Yes' : 'No'],
              ]}
            />
          </section>
          <section className="card" aria-labelledby="documents-title">
            <h2 id="documents-title">Documents</h2>
            <DocumentLinks reference={d.reference} documents={d.documents} />
          </section>
          <section className="card" aria-labelledby="decision-title">
            <h2 id="decision-title">Policy decision</h2>
            <DecisionPanel decision={d.decision} />
            <DecisionHistory history={d.decisionHistory ?? []} />
            <ReweighButton reference={d.reference} onDone={changed} />
          </section>
          <PackagePanel demand={d} onChanged={changed} />
          <NotesPanel reference={d.reference} onAdded={reload} />
          {mayAskAgency(me) && d.state !== 'closed' && <AskAgencyPanel reference={d.reference} onAsked={reload} />}
          <section className="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">Timeline</h2>
            <Timeline events={d.timeline ?? []} />
          </section>
        </div>
        <aside className="demand-side" aria-label="Status and actions">
          <ActionsPanel
            demand={d}
            open={openAction}
            onOpen={setOpenAction}
            onChanged={(m) => {
              setMessage(m);
              reload();
            }}
          />
          <NextStepCard demand={d} onOpen={setOpenAction} />
          <AssigneeCard key={d.assignee?.id ?? 'none'} demand={d} onChanged={changed} />
          {d.clocks && <ClocksCard clocks={d.clocks} />}
          <TracksCard demand={d} />
          {mayReadReads(me) && <ReadsPanel reference={d.reference} />}
        </aside>
      </div>
    </>
  );
}
