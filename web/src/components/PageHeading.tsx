/**
 * The page's one <h1>, which also names the browser tab and, after an in-app navigation, takes the
 * focus, so a screen reader announces the new page as a full page load would.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';

/** The history entry the first page was shown at: focus moves only once the user has moved on. */
let firstKey: string | null = null;

export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { key } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new title is a new page; `key` is read, not watched
  useEffect(() => {
    document.title = `${title} · Writ`;
    firstKey ??= key;
    if (key !== firstKey) ref.current?.focus();
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children ?? title}
    </h1>
  );
}
