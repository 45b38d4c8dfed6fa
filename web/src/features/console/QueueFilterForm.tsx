/** The queue's filter form: applied on submit (never on each keystroke), which keeps focus stable. */
import { useState, type FormEvent } from 'react';
import { FieldGroup, SelectField, TextField, type Option } from '../../components/fields.tsx';
import { COUNTRIES, INSTRUMENTS, MATTER_STATES, instrumentLabel, stateLabel } from '../../lib/vocabulary.ts';
import { NO_FILTERS, QUEUE_FLAGS, QUEUE_VIEWS, type QueueFilters } from './queue-filters.ts';

const STATE_OPTIONS: Option[] = [
  { value: '', label: 'All open demands' },
  ...MATTER_STATES.map((s) => ({ value: s, label: stateLabel(s) })),
  { value: 'any', label: 'Open and closed' },
];
const COUNTRY_OPTIONS: Option[] = COUNTRIES.map((c) => ({ value: c.code, label: c.name }));
const INSTRUMENT_OPTIONS: Option[] = INSTRUMENTS.map((i) => ({ value: i, label: instrumentLabel(i) }));
const SORT_OPTIONS: Option[] = [
  { value: 'deadline', label: 'Deadline, soonest first' },
  { value: 'received', label: 'Received, newest first' },
];

export function QueueFilterForm({
  initial,
  customers,
  staff,
  onApply,
}: {
  initial: QueueFilters;
  customers: Option[];
  staff: Option[];
  onApply: (f: QueueFilters) => void;
}) {
  const [f, setF] = useState(initial);
  const set = (k: keyof QueueFilters) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(f);
  };
  return (
    <form className="filters" onSubmit={submit} role="search" aria-label="Filter the queue">
      <TextField
        id="q-reference"
        label="Reference"
        value={f.reference}
        onChange={set('reference')}
        placeholder="e.g. WR-2026-000123"
        maxLength={64}
      />
      <SelectField id="q-state" label="State" value={f.state} onChange={set('state')} options={STATE_OPTIONS} />
      <SelectField
        id="q-country"
        label="Country"
        value={f.country}
        onChange={set('country')}
        options={COUNTRY_OPTIONS}
        placeholder="Any country"
      />
      <SelectField
        id="q-instrument"
        label="Instrument"
        value={f.instrument}
        onChange={set('instrument')}
        options={INSTRUMENT_OPTIONS}
        placeholder="Any instrument"
      />
      <SelectField
        id="q-customer"
        label="Customer"
        value={f.customer}
        onChange={set('customer')}
        options={customers}
        placeholder="Any customer"
      />
      <SelectField
        id="q-assignee"
        label="Owner"
        value={f.assignee}
        onChange={set('assignee')}
        options={[{ value: 'me', label: 'Me (my queue)' }, { value: 'none', label: 'Unassigned' }, ...staff]}
        placeholder="Anyone"
      />
      <SelectField
        id="q-view"
        label="Clock"
        value={f.view}
        onChange={set('view')}
        options={QUEUE_VIEWS}
        placeholder="Any"
      />
      <SelectField id="q-sort" label="Order" value={f.sort} onChange={set('sort')} options={SORT_OPTIONS} />
      <FieldGroup id="q-flags" legend="Flags (all must hold)">
        <div className="flag-checks">
          {QUEUE_FLAGS.map((o) => {
            const on = f.flags.split(',').includes(o.value);
            return (
              <span className="field-check" key={o.value}>
                <input
                  type="checkbox"
                  id={`q-flag-${o.value}`}
                  checked={on}
                  onChange={() => {
                    const rest = f.flags.split(',').filter((x) => x && x !== o.value);
                    const next = on ? rest : [...rest, o.value];
                    setF({
                      ...f,
                      flags: QUEUE_FLAGS.map((q) => q.value)
                        .filter((v) => next.includes(v))
                        .join(','),
                    });
                  }}
                />
                <label htmlFor={`q-flag-${o.value}`}>{o.label}</label>
              </span>
            );
          })}
        </div>
      </FieldGroup>
      <div className="filters-actions">
        <button type="submit" className="button-primary">
          Apply filters
        </button>
        <button type="button" onClick={() => onApply(NO_FILTERS)}>
          Clear
        </button>
      </div>
    </form>
  );
}
