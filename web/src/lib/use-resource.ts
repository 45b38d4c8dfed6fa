/**
 * Load data for a page: re-fetches when its key changes, cancels the request a newer one
 * replaces (typing fast in a filter never shows an older answer), and can be reloaded after an
 * action.
 */
import { useCallback, useEffect, useState } from 'react';

export type Resource<T> =
  | { status: 'loading'; data: T | null; error: null; reload: () => void }
  | { status: 'ready'; data: T; error: null; reload: () => void }
  | { status: 'error'; data: T | null; error: Error; reload: () => void };

export function useResource<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): Resource<T> {
  const [state, setState] = useState<{ status: 'loading' | 'ready' | 'error'; data: T | null; error: Error | null }>({
    status: 'loading',
    data: null,
    error: null,
  });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is recreated on each render; `key` names what it loads
  useEffect(() => {
    if (key === null) return;
    const ctrl = new AbortController();
    // Keep showing the previous data while the next loads: no flicker between pages.
    setState((s) => ({ status: 'loading', data: s.data, error: null }));
    load(ctrl.signal).then(
      (data) => !ctrl.signal.aborted && setState({ status: 'ready', data, error: null }),
      (error: unknown) =>
        !ctrl.signal.aborted &&
        setState((s) => ({
          status: 'error',
          data: s.data,
          error: error instanceof Error ? error : new Error(String(error)),
        })),
    );
    return () => ctrl.abort();
    // `load` is recreated on each render; `key` names what it loads.
  }, [key, generation]);

  return { ...state, reload } as Resource<T>;
}
