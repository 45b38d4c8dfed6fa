/**
 * The legal team's internal notes on a demand, oldest first: added, never edited or deleted, and
 * never shown to a customer or an agency.
 */
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../lib/api.ts';
import type { DemandNote } from '../../lib/api-types.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useSession } from '../../lib/session.tsx';
import { TextArea } from '../../components/fields.tsx';
import { ErrorMessage, Loading } from '../../components/Status.tsx';
import { mayNote } from './case-api.ts';

const MAX_NOTE = 10_000;

export function NotesPanel({ reference, onAdded }: { reference: string; onAdded: () => void }) {
  const { me } = useSession();
  const path = `/api/v1/demands/${encodeURIComponent(reference)}/notes`;
  const notes = useQuery({
    queryKey: ['console', 'notes', reference],
    queryFn: ({ signal }) => api<{ items: DemandNote[] }>(path, { signal }).then((r) => r.items),
  });
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return setError('Write the note first');
    setBusy(true);
    setError(undefined);
    try {
      await api<DemandNote>(path, { method: 'POST', json: { text: text.trim() } });
      setText('');
      await notes.refetch();
      onAdded();
    } catch (err) {
      setError(err instanceof ApiError ? (err.fields['/text'] ?? err.message) : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="notes-title">
      <h2 id="notes-title">Internal notes</h2>
      <p className="muted small">For the legal team only: never shown to the customer or the agency.</p>
      {notes.isError && <ErrorMessage error={notes.error} retry={() => void notes.refetch()} />}
      {notes.isPending && <Loading what="Loading the notes" />}
      {notes.data &&
        (notes.data.length === 0 ? (
          <p className="muted">No note yet.</p>
        ) : (
          <ol className="notes">
            {notes.data.map((n) => (
              <li key={n.id} className="note">
                <p className="note-head">
                  <strong>{n.author.name}</strong>,{' '}
                  <time dateTime={n.at} className="muted">
                    {formatDateTime(n.at)}
                  </time>
                </p>
                <p className="note-text">{n.text}</p>
              </li>
            ))}
          </ol>
        ))}
      {mayNote(me) && (
        <form onSubmit={(e) => void submit(e)} aria-label="Add a note" noValidate>
          <TextArea
            id="note-text"
            label="New note"
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={MAX_NOTE}
            error={error}
          />
          <button type="submit" className="button-primary" disabled={busy}>
            Add note
          </button>
        </form>
      )}
    </section>
  );
}
