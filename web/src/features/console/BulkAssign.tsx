/** Assign (or unassign) every selected demand of the queue at once: all or none. */
import { useState, type FormEvent } from 'react';
import type { Option } from '../../components/fields.tsx';
import { SelectField } from '../../components/fields.tsx';
import { assign } from './case-api.ts';

export function BulkAssign({
  references,
  staff,
  onDone,
}: {
  references: string[];
  staff: Option[];
  onDone: (message: string) => void;
}) {
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const n = references.length;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await assign(references, to || null);
      const who = staff.find((s) => s.value === to)?.label;
      onDone(`${n} ${n === 1 ? 'demand' : 'demands'} ${who ? `assigned to ${who}` : 'unassigned'}.`);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="bulk-bar" onSubmit={(e) => void submit(e)} aria-label="Assign the selected demands">
      <p className="bulk-count" aria-live="polite">
        {n} selected
      </p>
      <SelectField
        id="bulk-assignee"
        label="Assign the selected to"
        value={to}
        onChange={(e) => setTo(e.target.value)}
        options={staff}
        placeholder="No one (unassign)"
      />
      <button type="submit" className="button-primary" disabled={busy || n === 0}>
        Assign {n} {n === 1 ? 'demand' : 'demands'}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
