/**
 * The page's one <h1>, which also names the browser tab and, after an in-app navigation, takes the
 * focus, so a screen reader announces the new page as a full page load would.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { hasNavigated } from '../lib/router.tsx';

export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Writ`;
    if (hasNavigated) ref.current?.focus();
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children ?? title}
    </h1>
  );
}
