/** The customer's answer to a redirected demand; rendered only when the server offers the route. */
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { fillPath } from '../../lib/api-capabilities.ts';
import { humanize } from '../../lib/format.ts';
import { FieldGroup, TextArea } from '../../components/fields.tsx';
import { Notice } from '../../components/Status.tsx';
import { ANSWER_LABELS, findRespondRoute } from './respond-route.ts';

export function RespondControl({ reference }: { reference: string }) {
  const route = useQuery({
    queryKey: ['respond-route'],
    queryFn: findRespondRoute,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [answer, setAnswer] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState(false);
  const r = route.data;
  if (!r) return null;
  if (done) return <Notice>Thank you: your answer was recorded.</Notice>;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!answer) return setError('Choose how you will respond');
    try {
      await api(fillPath(r.operation.path, { ref: reference }), {
        method: 'POST',
        json: { answer, ...(r.acceptsNote && note.trim() ? { note: note.trim() } : {}) },
      });
      setDone(true);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <section className="card" aria-labelledby="respond-title">
      <h2 id="respond-title">How we will respond</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <FieldGroup id="respond-answer" legend="Your answer" error={error} required>
          {r.answers.map((a) => (
            <div className="field field-check" key={a}>
              <input
                type="radio"
                id={`answer-${a}`}
                name="answer"
                value={a}
                checked={answer === a}
                onChange={() => setAnswer(a)}
              />
              <label htmlFor={`answer-${a}`}>{ANSWER_LABELS[a] ?? humanize(a)}</label>
            </div>
          ))}
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
