/**
 * Labelled form controls. Each has a visible label; a hint and an error are tied to the control
 * with aria-describedby, and an error also sets aria-invalid, so a screen reader reads them with it.
 */
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

interface Common {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Label({ id, label, required }: { id: string; label: ReactNode; required?: boolean | undefined }) {
  return (
    <label htmlFor={id} className="field-label">
      {label}
      {required ? <span className="required"> (required)</span> : null}
    </label>
  );
}

function Extra({ id, hint, error }: { id: string; hint?: ReactNode; error?: string | undefined }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </>
  );
}

export function TextField({
  id,
  label,
  hint,
  error,
  required,
  className,
  ...input
}: Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  return (
    <div className={`field ${error ? 'field-invalid' : ''} ${className ?? ''}`}>
      <Label id={id} label={label} required={required} />
      <Extra id={id} hint={hint} error={error} />
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
    </div>
  );
}

export function TextArea({
  id,
  label,
  hint,
  error,
  required,
  ...area
}: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>) {
  return (
    <div className={`field ${error ? 'field-invalid' : ''}`}>
      <Label id={id} label={label} required={required} />
      <Extra id={id} hint={hint} error={error} />
      <textarea
        id={id}
        rows={3}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...area}
      />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  id,
  label,
  hint,
  error,
  required,
  options,
  placeholder,
  className,
  ...select
}: Common & { options: Option[]; placeholder?: string } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>) {
  return (
    <div className={`field ${error ? 'field-invalid' : ''} ${className ?? ''}`}>
      <Label id={id} label={label} required={required} />
      <Extra id={id} hint={hint} error={error} />
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...select}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CheckboxField({
  id,
  label,
  hint,
  error,
  ...input
}: Omit<Common, 'required'> & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'>) {
  return (
    <div className={`field field-check ${error ? 'field-invalid' : ''}`}>
      <input
        id={id}
        type="checkbox"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
      <label htmlFor={id}>{label}</label>
      <Extra id={id} hint={hint} error={error} />
    </div>
  );
}

/** A group of related controls (checkboxes, a repeated row) with its legend and group error. */
export function FieldGroup({
  id,
  legend,
  hint,
  error,
  children,
  required,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
  required?: boolean;
}) {
  return (
    <fieldset
      id={id}
      className={`fieldset ${error ? 'field-invalid' : ''}`}
      aria-describedby={describedBy(id, hint, error)}
      tabIndex={error ? -1 : undefined}
    >
      <legend>
        {legend}
        {required ? <span className="required"> (required)</span> : null}
      </legend>
      <Extra id={id} hint={hint} error={error} />
      {children}
    </fieldset>
  );
}

/** Radio buttons for one choice among `options` ([value, label] pairs), inside a FieldGroup. */
export function RadioChoices({
  name,
  options,
  value,
  onChange,
}: {
  name: string;
  options: [string, string][];
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <>
      {options.map(([v, label]) => (
        <div className="field field-check" key={v}>
          <input
            type="radio"
            id={`${name}-${v}`}
            name={name}
            value={v}
            checked={value === v}
            onChange={() => onChange(v)}
          />
          <label htmlFor={`${name}-${v}`}>{label}</label>
        </div>
      ))}
    </>
  );
}
