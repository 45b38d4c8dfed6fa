/** The customer's answer to a redirected demand; rendered only when the server offers the route. */
import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { fillPath } from '../../lib/api-capabilities.ts';
import { formatDateTime, humanize } from '../../lib/format.ts';
import { FieldGroup, RadioChoices, TextArea } from '../../components/fields.tsx';
import { Notice } from '../../components/Status.tsx';
import { ANSWER_LABELS, findRespondRoute } from './respond-route.ts';

/** The customer's last answer, if it gave one: shown instead of a blank form (after a reload too). */
export interface GivenAnswer {
  at: string;
  answer: string;
  note: string | null;
}

export function RespondControl({ reference, given }: { reference: string; given: GivenAnswer | null }) {
  const queries = useQueryClient();
  const route = useQuery({
    queryKey: ['respond-route'],
    queryFn: findRespondRoute,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [answer, setAnswer] = useState(given?.answer ?? '');
  const [note, setNote] = useState(given?.note ?? '');
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState(false);
  const [changing, setChanging] = useState(false);
  const r = route.data;
  if (!r) return null;
  if (done) return <Notice>Thank you: your answer was recorded.</Notice>;
  if (given && !changing)
    return (
      <section className="card" aria-labelledby="respond-title">
        <h2 id="respond-title">How we will respond</h2>
        <p>
          You answered on {formatDateTime(given.at)}:{' '}
          <strong>{ANSWER_LABELS[given.answer] ?? humanize(given.answer)}</strong>
          {given.note ? <> — “{given.note}”</> : null}
        </p>
        <button type="button" onClick={() => setChanging(true)}>
          Change our answer
        </button>
      </section>
    );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!answer) return setError('Choose how you will respond');
    try {
      await api(fillPath(r.operation.path, { ref: reference }), {
        method: 'POST',
        json: { answer, ...(r.acceptsNote && note.trim() ? { note: note.trim() } : {}) },
      });
      setDone(true);
      // The record (answers, timeline) now holds the answer: a reload shows it, not a blank form.
      void queries.invalidateQueries({ queryKey: ['demand', reference] });
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <section className="card" aria-labelledby="respond-title">
      <h2 id="respond-title">How we will respond</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <FieldGroup id="respond-answer" legend="Your answer" error={error} required>
          <RadioChoices
            name="answer"
            options={r.answers.map((a) => [a, ANSWER_LABELS[a] ?? humanize(a)])}
            value={answer}
            onChange={setAnswer}
          />
        </FieldGroup>
        {r.acceptsNote && (
          <TextArea
            id="respond-note"
            label="Note to the provider's legal team"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={5000}
          />
        )}
        <button type="submit" className="button-primary">
          Send our answer
        </button>
      </form>
    </section>
  );
}
