/** The accounts a demand names: one row per identifier, rows added and removed with buttons. */
import type { ReactNode } from 'react';
import { FieldGroup, SelectField, TextField } from '../../components/fields.tsx';
import { IDENTIFIER_KINDS, IDENTIFIER_LABELS } from '../../lib/vocabulary.ts';
import type { IntakeForm, IntakeProblems } from './intake-form.ts';

const KIND_OPTIONS = IDENTIFIER_KINDS.map((k) => ({ value: k, label: IDENTIFIER_LABELS[k] }));

export function TargetsFieldset({
  targets,
  problems,
  onChange,
  mark,
}: {
  targets: IntakeForm['targets'];
  problems: IntakeProblems;
  onChange: (t: IntakeForm['targets']) => void;
  /** Where the identifiers came from, when the form was filled in from the document. */
  mark?: ReactNode;
}) {
  const set = (i: number, patch: Partial<IntakeForm['targets'][number]>) =>
    onChange(targets.map((t, j) => (j === i ? { ...t, ...patch } : t)));
  const remove = (i: number) => {
    onChange(targets.filter((_, j) => j !== i));
    // Keep the keyboard user in the list: focus the row that took this one's place, or "Add".
    setTimeout(() =>
      document.getElementById(targets.length > 1 ? `f-targets-${Math.max(0, i - 1)}-value` : 'add-target')?.focus(),
    );
  };
  const add = () => {
    onChange([...targets, { kind: 'email', value: '' }]);
    setTimeout(() => document.getElementById(`f-targets-${targets.length}-value`)?.focus());
  };
  return (
    <FieldGroup
      id="f-targets"
      legend="Accounts named"
      hint={<>The identifiers exactly as the legal document states them. {mark}</>}
      error={problems['/targets']}
      required
    >
      {targets.map((t, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are addressed by position (their field ids and error paths are targets.N)
        <div className="target-row" key={i}>
          <SelectField
            id={`f-targets-${i}-kind`}
            label={`Identifier ${i + 1}: kind`}
            value={t.kind}
            options={KIND_OPTIONS}
            onChange={(e) => set(i, { kind: e.target.value })}
            error={problems[`/targets/${i}/kind`]}
          />
          <TextField
            id={`f-targets-${i}-value`}
            label={`Identifier ${i + 1}`}
            value={t.value}
            onChange={(e) => set(i, { value: e.target.value })}
            error={problems[`/targets/${i}/value`] ?? problems[`/targets/${i}`]}
            autoComplete="off"
            spellCheck={false}
            maxLength={320}
            className="grow"
          />
          <TextField
            id={`f-targets-${i}-locatedIn`}
            label={`Identifier ${i + 1}: person located in`}
            hint="Country code, if the order states it."
            value={t.locatedIn ?? ''}
            onChange={(e) => set(i, { locatedIn: e.target.value })}
            error={problems[`/targets/${i}/locatedIn`]}
            autoComplete="off"
            spellCheck={false}
            maxLength={2}
          />
          {targets.length > 1 && (
            <button
              type="button"
              className="button-quiet"
              onClick={() => remove(i)}
              aria-label={`Remove identifier ${i + 1}`}
            >
              Remove
            </button>
          )}
        </div>
      ))}
      <button type="button" id="add-target" onClick={add}>
        Add another identifier
      </button>
    </FieldGroup>
  );
}
