/**
 * The list of what is wrong with a form, shown above it after a submit. It takes the focus so the
 * problems are announced, and each links to its field.
 */
import { useEffect, useRef, type MouseEvent } from 'react';

export interface FormProblem {
  /** The id of the control (or fieldset) to move to. */
  fieldId: string;
  message: string;
}

export function ErrorSummary({
  problems,
  title = 'There is a problem',
  attempt,
}: {
  problems: FormProblem[];
  title?: string;
  attempt: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each submit attempt announces again, even with the same problems
  useEffect(() => {
    if (problems.length) ref.current?.focus();
    // Each submit attempt announces again, even with the same problems.
  }, [attempt, problems.length]);
  if (!problems.length) return null;
  const jump = (e: MouseEvent<HTMLAnchorElement>, id: string) => {
    const el = document.getElementById(id);
    if (!el) return;
    e.preventDefault();
    el.scrollIntoView({ block: 'center' });
    el.focus();
  };
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{title}</h2>
      <ul>
        {problems.map((p) => (
          <li key={`${p.fieldId}:${p.message}`}>
            <a href={`#${p.fieldId}`} onClick={(e) => jump(e, p.fieldId)}>
              {p.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
