/**
 * What Writ read from a legal document, shown the same way wherever a form is filled from one
 * (a mail draft, the agency's demand form): the fields with their confidence, each a button that
 * marks where it was found in the page's text, the pages' text, and the mark a pre-filled form
 * field carries.
 */
import { Fragment, type ReactNode } from 'react';
import {
  type Evidence,
  FIELD_LABELS,
  type FieldView,
  type FieldsRead,
  type IdentifierView,
  type PageRead,
  percent,
  show,
} from '../lib/document-reading.ts';

/** One page's text, the chosen field's evidence marked. */
export function PageText({ page, marks }: { page: PageRead; marks: Evidence[] }) {
  const spans = marks.filter((m) => m.page === page.page).sort((a, b) => a.start - b.start);
  const parts: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    parts.push(
      { text: page.text.slice(at, s.start), mark: false },
      { text: page.text.slice(s.start, s.end), mark: true },
    );
    at = s.end;
  }
  parts.push({ text: page.text.slice(at), mark: false });
  return (
    <section aria-label={`Text of page ${page.page}`} className="card">
      <h3>
        Page {page.page}{' '}
        <span className="muted small">
          {page.source === 'ocr' ? `read by OCR, confidence ${percent(page.confidence)}` : 'text layer'}
        </span>
      </h3>
      <pre className="page-text">
        {parts.map((p, i) =>
          p.mark ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: the parts are a fixed split of one text
            <mark key={i}>{p.text}</mark>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: the parts are a fixed split of one text
            <Fragment key={i}>{p.text}</Fragment>
          ),
        )}
      </pre>
    </section>
  );
}

/**
 * The fields read, with their confidence; choosing one marks its evidence (`onMark` with the
 * field's key, or "id:<n>" for the n-th identifier). `identifierNote` adds a line under an
 * identifier (whose account it is, where the reader may know).
 */
export function FieldsReadTable({
  fields,
  marked,
  onMark,
  identifierNote,
}: {
  fields: FieldsRead;
  marked: string | null;
  onMark: (key: string) => void;
  identifierNote?: (f: IdentifierView) => ReactNode;
}) {
  const value = (key: string, text: string) => (
    <button type="button" className="link" aria-pressed={marked === key} onClick={() => onMark(key)}>
      {text}
    </button>
  );
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Value</th>
          <th scope="col">Confidence</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(FIELD_LABELS).map(([k, label]) => {
          const f = fields[k];
          return (
            <tr key={k} className={marked === k ? 'selected' : ''}>
              <th scope="row">{label}</th>
              <td>{f ? value(k, show(f.value)) : <span className="muted">not found</span>}</td>
              <td>{f ? percent(f.confidence) : ''}</td>
            </tr>
          );
        })}
        {fields.identifiers.map((f, i) => (
          <tr key={`${f.value.kind}:${f.value.value}`} className={marked === `id:${i}` ? 'selected' : ''}>
            <th scope="row">Account ({f.value.kind})</th>
            <td>
              {value(`id:${i}`, f.value.value)}
              {identifierNote && <div className="small muted">{identifierNote(f)}</div>}
            </td>
            <td>{percent(f.confidence)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Where a pre-filled form field came from: the page it was read on and how sure the reading is. */
export function ReadMark({ field, changed }: { field: FieldView; changed: boolean }) {
  const pages = [...new Set(field.evidence.map((e) => e.page))];
  return (
    <span className="read-mark">
      Read from the document{pages.length ? ` (page ${pages.join(', ')})` : ''}, confidence {percent(field.confidence)}
      {changed ? '; changed by you' : '; check it'}
    </span>
  );
}
