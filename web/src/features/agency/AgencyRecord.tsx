/**
 * The agency's record of one of its demands (status history, letters sent to it, packages
 * prepared for it) and the officer's message to the legal team: an answer to a request for
 * clarification, or the withdrawal of the demand.
 */
import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { formatDateTime, humanize } from '../../lib/format.ts';
import { dispositionLabel } from '../../lib/vocabulary.ts';
import { FieldGroup, RadioChoices, TextArea } from '../../components/fields.tsx';
import { Notice } from '../../components/Status.tsx';

interface AgencyRecordData {
  history: { eventId: string; type: string; at: string; disposition?: string; kind?: string; text?: string }[];
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
};

function stepText(h: AgencyRecordData['history'][number]): string {
  if (h.type === 'demand.closed') return `Closed: ${dispositionLabel(h.disposition ?? '')}`;
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
  return (
    <>
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
    </>
  );
}
