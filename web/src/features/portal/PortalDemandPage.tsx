/**
 * One demand as the customer follows it: who demanded what of which of its accounts, the steps as
 * the customer may see them (each with its ledger proof, verified in the browser), every message
 * sent to it, its own answers, and what was disclosed when.
 */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../lib/api.ts';
import type { SharedDemand } from '../../lib/api-types.ts';
import { formatDateTime } from '../../lib/format.ts';
import { categoryLabel, countryName } from '../../lib/vocabulary.ts';
import { DemandFacts, Facts } from '../../components/DemandFacts.tsx';
import { DocumentLinks } from '../../components/DocumentLinks.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ErrorMessage, Loading } from '../../components/Status.tsx';
import type { CustomerRecord } from './customer-record.ts';
import { RespondControl } from './RespondControl.tsx';
import { ANSWER_LABELS } from './respond-route.ts';
import { VerifyProof } from './VerifyProof.tsx';

const COPY_WITHHELD = {
  other_customers_accounts:
    "The documents the agency served also name other people's accounts, which are their data, so we do not show them. What was demanded above is the legal process as it concerns you.",
  no_documents: 'The agency served no document beyond what is stated above.',
};

export function PortalDemandPage({ reference }: { reference: string }) {
  const path = `/api/v1/demands/${encodeURIComponent(reference)}`;
  const res = useQuery({
    queryKey: ['demand', reference],
    queryFn: ({ signal }) => api<SharedDemand>(path, { signal }),
  });
  const record = useQuery({
    queryKey: ['demand', reference, 'customer-record'],
    queryFn: ({ signal }) => api<CustomerRecord>(`${path}/customer-record`, { signal }),
  });
  if (res.status === 'error') return <ErrorMessage error={res.error} />;
  if (record.status === 'error') return <ErrorMessage error={record.error} />;
  if (!res.data || !record.data) return <Loading />;
  const d = res.data;
  const r = record.data;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/portal">Demands</Link> / {d.reference}
      </p>
      <PageHeading title={d.reference} />
      <section className="card" aria-labelledby="what-title">
        <h2 id="what-title">What was demanded</h2>
        <Facts items={[['Agency', `${r.agency.name} (${countryName(r.agency.country)})`]]} />
        <DemandFacts demand={d} />
      </section>
      <section className="card" aria-labelledby="copy-title">
        <h2 id="copy-title">Copy of the legal process</h2>
        {r.legalProcess.withheld === null ? (
          <>
            <p>The documents the agency served, as we received them:</p>
            <DocumentLinks reference={d.reference} documents={r.legalProcess.documents} />
          </>
        ) : (
          <p>{COPY_WITHHELD[r.legalProcess.withheld]}</p>
        )}
      </section>
      {d.state === 'redirected' && <RespondControl reference={d.reference} given={r.answers.at(-1) ?? null} />}
      {r.answers.length > 0 && (
        <section className="card" aria-labelledby="answers-title">
          <h2 id="answers-title">Your answers</h2>
          <ul>
            {r.answers.map((a) => (
              <li key={a.eventId}>
                {formatDateTime(a.at)}: {ANSWER_LABELS[a.answer] ?? a.answer}
                {a.note ? ` — “${a.note}”` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="card" aria-labelledby="disclosed-title">
        <h2 id="disclosed-title">What was disclosed</h2>
        {r.disclosures.length ? (
          <ul>
            {r.disclosures.map((x) => (
              <li key={x.eventId}>
                {formatDateTime(x.at)}: {x.dataCategories.map(categoryLabel).join(', ')} of{' '}
                {x.accounts.map((a) => a.value).join(', ')}
              </li>
            ))}
          </ul>
        ) : (
          <p>Nothing has been disclosed.</p>
        )}
      </section>
      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        <ol className="customer-timeline">
          {r.timeline.map((e) => (
            <li key={e.eventId} data-event={e.eventId}>
              <time dateTime={e.at}>{formatDateTime(e.at)}</time> {e.summary}{' '}
              <VerifyProof eventId={e.eventId} expected={{ type: e.type, time: e.at, demandId: d.id }} />
            </li>
          ))}
        </ol>
      </section>
      <section className="card" aria-labelledby="messages-title">
        <h2 id="messages-title">Messages we sent you</h2>
        {r.messages.length ? (
          <ul>
            {r.messages.map((m) => (
              <li key={m.key}>
                <strong>{m.label}</strong>, {formatDateTime(m.firstSentAt)}: to{' '}
                {m.recipients.map((x) => `${x.to} (${x.channel === 'email' ? 'e-mail' : 'webhook'})`).join(', ')}
              </li>
            ))}
          </ul>
        ) : (
          <p>No message is on record yet.</p>
        )}
      </section>
    </>
  );
}
