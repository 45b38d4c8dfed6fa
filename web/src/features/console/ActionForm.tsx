/** The form of one action: its fields, checked before sending, then the server's answer. */
import { useState, type FormEvent } from 'react';
import { ApiError, api } from '../../lib/api.ts';
import type { StaffDemand } from '../../lib/api-types.ts';
import { CheckboxField, SelectField, TextArea, TextField } from '../../components/fields.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { validateAction, type ActionSpec, type FormValues } from './actions.ts';

const fieldId = (spec: ActionSpec, name: string) => `act-${spec.path.replace(/\W+/g, '-')}-${name}`;

export function ActionForm({
  demand,
  spec,
  onDone,
  onCancel,
}: {
  demand: StaffDemand;
  spec: ActionSpec;
  onDone: (message: string, updated: StaffDemand) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<FormValues>(() =>
    Object.fromEntries(
      spec.fields.map((f) => [
        f.name,
        f.kind === 'checkbox' ? false : f.kind === 'select' && f.options?.length === 1 ? f.options[0]!.value : '',
      ]),
    ),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAttempt((a) => a + 1);
    const found = validateAction(spec, values);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const updated = await api<StaffDemand>(`/api/v1/demands/${encodeURIComponent(demand.reference)}/${spec.path}`, {
        method: 'POST',
        json: spec.body(values),
      });
      onDone(spec.done, updated);
    } catch (err) {
      if (err instanceof ApiError) {
        // Field errors come back as JSON pointers into the body: "/reason" → the reason field.
        const byField = Object.fromEntries(
          Object.entries(err.fields).map(([ptr, msg]) => [ptr.split('/')[1] ?? '', msg]),
        );
        setErrors(byField);
        setFailure(err.status === 409 ? `Not possible now: ${err.message}` : err.message);
      } else setFailure((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const problems = Object.entries(errors)
    .filter(([name]) => spec.fields.some((f) => f.name === name))
    .map(([name, message]) => ({ fieldId: fieldId(spec, name), message }));

  return (
    <form className="action-form" onSubmit={(e) => void submit(e)} noValidate aria-label={spec.label}>
      <p>{spec.explain}</p>
      <ErrorSummary problems={problems} attempt={attempt} />
      {failure && !problems.length && (
        <p className="alert alert-danger" role="alert">
          {failure}
        </p>
      )}
      {spec.fields.map((f) => {
        const id = fieldId(spec, f.name);
        const common = { id, label: f.label, hint: f.hint, error: errors[f.name], required: f.required ?? false };
        const str = typeof values[f.name] === 'string' ? (values[f.name] as string) : '';
        const set = (v: string | boolean) => setValues((old) => ({ ...old, [f.name]: v }));
        switch (f.kind) {
          case 'checkbox':
            return (
              <CheckboxField
                key={f.name}
                id={id}
                label={f.label}
                checked={values[f.name] === true}
                onChange={(e) => set(e.target.checked)}
              />
            );
          case 'select':
            return (
              <SelectField
                key={f.name}
                {...common}
                value={str}
                onChange={(e) => set(e.target.value)}
                options={f.options ?? []}
                placeholder={f.options?.length === 1 ? undefined : 'Choose…'}
              />
            );
          case 'datetime':
            return (
              <TextField
                key={f.name}
                {...common}
                type="datetime-local"
                value={str}
                onChange={(e) => set(e.target.value)}
              />
            );
          case 'text':
            return <TextField key={f.name} {...common} value={str} onChange={(e) => set(e.target.value)} />;
          default:
            return <TextArea key={f.name} {...common} value={str} onChange={(e) => set(e.target.value)} />;
        }
      })}
      <div className="form-actions">
        <button type="submit" className={spec.tone === 'danger' ? 'button-danger' : 'button-primary'} disabled={busy}>
          {busy ? 'Sending…' : spec.label}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
