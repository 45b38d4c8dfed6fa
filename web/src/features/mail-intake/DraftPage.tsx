/**
 * One draft read from an e-mail: the sender's checks, the document beside the fields read from
 * it (choosing a field marks where it was found in the page's text), and the demand to confirm,
 * pre-filled from the fields and corrected here. Confirming sends it through intake and the
 * policy engine; setting it aside keeps the message with the reason.
 */
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { FieldsReadTable, PageText } from '../../components/DocumentReading.tsx';
import { TextArea } from '../../components/fields.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { PdfViewer } from '../../components/PdfViewer.tsx';
import { ErrorMessage, Loading } from '../../components/Status.tsx';
import { ApiError, api, downloadFile } from '../../lib/api.ts';
import { evidenceOf } from '../../lib/document-reading.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { Draft } from './drafts-api.ts';

export function DraftPage({ id }: { id: string }) {
  const navigate = useNavigate();
  const q = useQuery({
    queryKey: ['mail', 'draft', id],
    queryFn: ({ signal }) => api<Draft>(`/api/v1/drafts/${id}`, { signal }),
    refetchInterval: (query) => (query.state.data?.state === 'reading' ? 2000 : false),
  });
  const [marked, setMarked] = useState<string | null>(null);
  const [demand, setDemand] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (q.isError) return <ErrorMessage error={q.error} retry={() => void q.refetch()} />;
  if (q.isPending) return <Loading what="Loading the draft" />;
  const d = q.data;
  const text = demand ?? JSON.stringify(d.suggested, null, 2);
  const marks = evidenceOf(d.fields, marked);
  const primary = d.documents.find((x) => x.primary);
  const open = d.state === 'ready' || d.state === 'unreadable';

  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return setError('The demand is not valid JSON');
    }
    setBusy(true);
    try {
      const r = await api<{ reference: string }>(`/api/v1/drafts/${id}/confirm`, {
        method: 'POST',
        json: { demand: parsed },
      });
      navigate(`/console/demands/${r.reference}`);
    } catch (err) {
      setError(
        err instanceof ApiError
          ? [err.message, ...Object.entries(err.fields).map(([k, v]) => `${k}: ${v}`)].join('; ')
          : (err as Error).message,
      );
    } finally {
      setBusy(false);
    }
  };
  const discard = async () => {
    if (reason.trim().length < 3) return setError('Say why the draft is not a demand');
    setBusy(true);
    try {
      await api(`/api/v1/drafts/${id}/discard`, { method: 'POST', json: { reason: reason.trim() } });
      await q.refetch();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading title={d.subject ?? '(no subject)'} />
      <p className="muted">
        From {d.from ?? 'an unknown sender'}, received {formatDateTime(d.receivedAt)}
        {d.via ? ` by ${d.via.toUpperCase()}` : ''}. <Link to="/console/mail">All drafts</Link>
      </p>
      <section
        className={`card ${d.sender.verdict === 'verified_agency' ? '' : 'alert alert-warn'}`}
        aria-labelledby="sender-title"
      >
        <h2 id="sender-title">Sender: {d.sender.label}</h2>
        {d.sender.reasons.length > 0 && (
          <ul>
            {d.sender.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        )}
        <p className="small muted">
          DMARC {d.sender.authentication.dmarc.result} · SPF {d.sender.authentication.spf.result} · DKIM{' '}
          {d.sender.authentication.dkim.map((k) => `${k.domain ?? '?'} ${k.result}`).join(', ') || 'none'} · ARC{' '}
          {d.sender.authentication.arc.result}
        </p>
        <button
          type="button"
          className="link"
          onClick={() => void downloadFile(`/api/v1/drafts/${id}/message`, `${id}.eml`)}
        >
          Download the message as received
        </button>
      </section>
      {d.problems.length > 0 && (
        <section className="card" aria-labelledby="problems-title">
          <h2 id="problems-title">What could not be read</h2>
          <ul>
            {d.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </section>
      )}
      {d.state === 'reading' && <Loading what="Reading the message" />}
      {d.demand && (
        <p>
          Confirmed as <Link to={`/console/demands/${d.demand.reference}`}>{d.demand.reference}</Link>.
        </p>
      )}
      {d.discardReason && <p>Set aside: {d.discardReason}</p>}
      <div className="two-columns">
        <div>
          {primary && primary.mediaType === 'application/pdf' && (
            <PdfViewer url={`/api/v1/drafts/${id}/documents/${primary.index}`} name={primary.filename} />
          )}
          {d.pages.map((p) => (
            <PageText key={p.page} page={p} marks={marks} />
          ))}
        </div>
        <div>
          {d.fields && (
            <section className="card" aria-labelledby="fields-title">
              <h2 id="fields-title">Fields read</h2>
              <FieldsReadTable
                fields={d.fields}
                marked={marked}
                onMark={setMarked}
                identifierNote={(f) => (f.match ? `customer: ${f.match.customerName}` : 'not a customer account')}
              />
            </section>
          )}
          {open && (
            <form className="card" onSubmit={confirm} aria-labelledby="confirm-title">
              <h2 id="confirm-title">The demand to register</h2>
              <TextArea
                id="draft-demand"
                label="Demand (correct any field; the agency, country and categories must be set)"
                value={text}
                onChange={(e) => setDemand(e.target.value)}
                rows={18}
                spellCheck={false}
                error={error ?? undefined}
              />
              <button type="submit" disabled={busy}>
                Confirm and register the demand
              </button>
              <h3>Not a demand?</h3>
              <TextArea
                id="draft-reason"
                label="Why it is set aside"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                rows={2}
              />
              <button type="button" className="secondary" disabled={busy} onClick={() => void discard()}>
                Set aside
              </button>
            </form>
          )}
        </div>
      </div>
    </>
  );
}
