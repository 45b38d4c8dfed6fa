/** Loading, error and empty states, announced to assistive technology. */
import type { ReactNode } from 'react';
import { ApiError } from '../lib/api.ts';

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="muted" role="status">
      {what}…
    </p>
  );
}

export function ErrorMessage({ error, retry }: { error: Error; retry?: () => void }) {
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <div className="alert alert-danger" role="alert">
      <p>{notFound ? 'Not found: it does not exist, or you may not see it.' : error.message}</p>
      {retry && !notFound && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Notice({ tone = 'ok', children }: { tone?: 'ok' | 'info'; children: ReactNode }) {
  return (
    <div className={`alert alert-${tone}`} role="status">
      {children}
    </div>
  );
}
