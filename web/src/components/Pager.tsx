/**
 * Previous / next over the API's keyset cursor. Cursors of the pages before this one travel in
 * the history entry, so Back, reload and "Previous page" all return to the same rows.
 */
import { useLocation, useNavigate, useSearchParams } from 'react-router';

interface PagerState {
  cursors: string[];
}

/** The cursor of the page shown, and the controls' actions. */
export function usePager() {
  const [query] = useSearchParams();
  const { pathname, state } = useLocation();
  const navigate = useNavigate();
  const cursor = query.get('after') ?? undefined;
  const before = (state as PagerState | null)?.cursors ?? [];
  const go = (after: string | undefined, cursors: string[]) => {
    const q = new URLSearchParams(query);
    if (after) q.set('after', after);
    else q.delete('after');
    const qs = q.toString();
    void navigate(qs ? `${pathname}?${qs}` : pathname, { state: { cursors } satisfies PagerState });
  };
  return {
    cursor,
    pageNumber: cursor ? before.length + 1 : 1,
    next: (nextCursor: string) => go(nextCursor, [...before, cursor ?? '']),
    previous: () => go(before[before.length - 1] || undefined, before.slice(0, -1)),
    first: () => go(undefined, []),
  };
}
export function Pager({
  pager,
  nextCursor,
  label,
}: {
  pager: ReturnType<typeof usePager>;
  nextCursor: string | null;
  label: string;
}) {
  const onFirst = !pager.cursor;
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <button type="button" onClick={pager.first} disabled={onFirst}>
        First page
      </button>
      <button type="button" onClick={pager.previous} disabled={onFirst}>
        Previous page
      </button>
      <span className="pager-where" aria-live="polite">
        Page {pager.pageNumber}
      </span>
      <button type="button" onClick={() => nextCursor && pager.next(nextCursor)} disabled={!nextCursor}>
        Next page
      </button>
    </nav>
  );
}
