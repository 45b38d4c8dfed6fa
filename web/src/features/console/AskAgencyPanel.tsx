/**
 * Ask the agency to clarify its demand: the question is e-mailed to the requester and waits in the
 * agency portal until the officer answers it there; both are on the timeline.
 */
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../lib/api.ts';
import { localToIso } from '../../lib/format.ts';
import { TextArea, TextField } from '../../components/fields.tsx';
import { Notice } from '../../components/Status.tsx';

export function AskAgencyPanel({ reference, onAsked }: { reference: string; onAsked: () => void }) {
  const [text, setText] = useState('');
  const [answerBy, setAnswerBy] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return setErrors({ '/text': 'Write the question first' });
    setBusy(true);
    setErrors({});
    setSent(false);
    try {
      await api(`/api/v1/demands/${encodeURIComponent(reference)}/clarification-requests`, {
        method: 'POST',
        json: { text: text.trim(), answerBy: answerBy ? localToIso(answerBy) : null },
      });
      setText('');
      setAnswerBy('');
      setSent(true);
      onAsked();
    } catch (err) {
      setErrors(
        err instanceof ApiError ? { '/text': err.message, ...err.fields } : { '/text': (err as Error).message },
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="ask-agency-title">
      <h2 id="ask-agency-title">Ask the agency</h2>
      <p className="muted small">
        The agency reads this: it is e-mailed to the requester and shown in the agency portal until answered.
      </p>
      {sent && <Notice>The question was sent to the agency.</Notice>}
      <form onSubmit={(e) => void submit(e)} aria-label="Ask the agency" noValidate>
        <TextArea
          id="ask-agency-text"
          label="Question"
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={5000}
          error={errors['/text']}
        />
        <TextField
          id="ask-agency-by"
          label="Answer wanted by (optional)"
          type="datetime-local"
          value={answerBy}
          onChange={(e) => setAnswerBy(e.target.value)}
          error={errors['/answerBy']}
        />
        <button type="submit" className="button-primary" disabled={busy}>
          Send the question
        </button>
      </form>
    </section>
  );
}
