/**
 * The agency's record of one of its demands (status history, the legal team's open question,
 * letters sent to it, packages prepared for it), the officer's message to the legal team (an answer
 * to a request for clarification, or the withdrawal of the demand) and a supplementary document.
 */
import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { formatDateTime, humanize } from '../../lib/format.ts';
import { dispositionLabel } from '../../lib/vocabulary.ts';
import { FieldGroup, RadioChoices, TextArea, TextField } from '../../components/fields.tsx';
import { ACCEPTED_DOCUMENTS } from './intake-form.ts';
import { Notice } from '../../components/Status.tsx';

interface AgencyRecordData {
  history: {
    eventId: string;
    type: string;
    at: string;
    disposition?: string;
    kind?: string;
    text?: string;
    answerBy?: string | null;
  }[];
  openQuestion: { at: string; text: string; answerBy: string | null } | null;
  letters: { at: string; documentId: string; href: string }[];
  packages: { at: string; packageId: string; files: number }[];
}

const STEP: Record<string, string> = {
  'demand.received': 'The provider received the demand',
  'demand.redirected': 'The provider redirected you to the customer',
  'demand.accepted': 'The provider accepted the demand as binding',
  'demand.rejected': 'The provider refused the demand',
  'demand.approved': 'Disclosure approved',
  'demand.produced': 'Data produced',
  'demand.reopened': 'The demand was reopened',
  'redirect.letter_sent': 'The provider sent you a letter',
  'redirect.agency_answered': 'You answered the redirect',
  'disclosure.package_prepared': 'A package was prepared for you',
  'disclosure.link_issued': 'A download link was issued',
  'disclosure.downloaded': 'The package was downloaded',
  'demand.document_added': 'A document was added to the demand',
};

function stepText(h: AgencyRecordData['history'][number]): string {
  if (h.type === 'demand.closed') return `Closed: ${dispositionLabel(h.disposition ?? '')}`;
  if (h.type === 'agency.clarification_requested') return `The legal team asked: “${h.text}”`;
  if (h.type === 'agency.message_received')
    return `${h.kind === 'withdrawal' ? 'You withdrew the demand' : 'You answered a request for clarification'}: “${h.text}”`;
  return STEP[h.type] ?? humanize(h.type);
}

export function AgencyRecord({ reference, open }: { reference: string; open: boolean }) {
  const queries = useQueryClient();
  const path = `/api/v1/demands/${encodeURIComponent(reference)}`;
  const rec = useQuery({
    queryKey: ['demand', reference, 'agency-record'],
    queryFn: ({ signal }) => api<AgencyRecordData>(`${path}/agency-record`, { signal }),
  });
  const [kind, setKind] = useState('clarification');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [sent, setSent] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [added, setAdded] = useState<string | null>(null);
  const upload = async (e: FormEvent) => {
    e.preventDefault();
    setAdded(null);
    if (!file) return setFileError('Choose the document first');
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      await api(`${path}/documents`, { method: 'POST', form });
      setFileError(undefined);
      setAdded(file.name);
      setFile(null);
      void queries.invalidateQueries({ queryKey: ['demand', reference] });
    } catch (err) {
      setFileError((err as Error).message);
    }
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return setError('Write your message');
    try {
      await api(`${path}/agency-messages`, { method: 'POST', json: { kind, text: text.trim() } });
      setSent(true);
      setText('');
      void queries.invalidateQueries({ queryKey: ['demand', reference] });
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const r = rec.data;
  const question = r?.openQuestion;
  return (
    <>
      {open && question && (
        <section className="card card-attention" aria-labelledby="question-title">
          <h2 id="question-title">The legal team asks</h2>
          <p className="note-text">{question.text}</p>
          <p className="muted small">
            Asked <time dateTime={question.at}>{formatDateTime(question.at)}</time>
            {question.answerBy && (
              <>
                ; answer wanted by <time dateTime={question.answerBy}>{formatDateTime(question.answerBy)}</time>
              </>
            )}
            . Answer it below as “An answer to a request for clarification”.
          </p>
        </section>
      )}
      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">Status history</h2>
        <ol>
          {r?.history.map((h) => (
            <li key={h.eventId}>
              <time dateTime={h.at}>{formatDateTime(h.at)}</time> {stepText(h)}
            </li>
          ))}
        </ol>
      </section>
      <section className="card" aria-labelledby="letters-title">
        <h2 id="letters-title">Letters to you and packages</h2>
        {r && !r.letters.length && !r.packages.length && <p>No letter or package yet.</p>}
        <ul>
          {r?.letters.map((l) => (
            <li key={l.documentId}>
              <a href={l.href}>Letter of {formatDateTime(l.at)}</a>
            </li>
          ))}
          {r?.packages.map((p) => (
            <li key={p.packageId}>
              Package of {formatDateTime(p.at)}: {p.files} file(s), ready for a download link
            </li>
          ))}
        </ul>
      </section>
      {open && (
        <section className="card" aria-labelledby="write-title">
          <h2 id="write-title">Write to the legal team</h2>
          {sent && <Notice>Your message was sent to the legal team.</Notice>}
          <form onSubmit={(e) => void submit(e)} noValidate>
            <FieldGroup id="message-kind" legend="Your message is" error={error} required>
              <RadioChoices
                name="kind"
                options={[
                  ['clarification', 'An answer to a request for clarification'],
                  ['withdrawal', 'The withdrawal of this demand'],
                ]}
                value={kind}
                onChange={setKind}
              />
            </FieldGroup>
            <TextArea
              id="message-text"
              label="Message"
              value={text}
              onChange={(e) => setText(e.target.value)}
              maxLength={5000}
            />
            <button type="submit" className="button-primary">
              Send
            </button>
          </form>
        </section>
      )}
      {open && (
        <section className="card" aria-labelledby="supplement-title">
          <h2 id="supplement-title">Add a supplementary document</h2>
          {added && <Notice>{added} was added; the legal team is told.</Notice>}
          <form onSubmit={(e) => void upload(e)} noValidate>
            <TextField
              id="supplement-file"
              label="Supplementary document"
              type="file"
              accept={ACCEPTED_DOCUMENTS.join(',')}
              hint="PDF, PNG or JPEG: an amended order, a signed original, an answer the legal team asked for."
              error={fileError}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
            <button type="submit" className="button-primary">
              Add the document
            </button>
          </form>
        </section>
      )}
    </>
  );
}
