/**
 * A small client-side router over the History API: the URL is the state (filters, page cursor),
 * so links can be shared, reloads keep the page, and Back works. Writ serves index.html for every
 * client route, so any of these URLs can be opened directly.
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const CHANGE = 'writ:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/** The current path with its query string; re-renders on every navigation. */
export function useLocation(): { path: string; query: URLSearchParams; href: string } {
  const href = useSyncExternalStore(subscribe, snapshot);
  const q = href.indexOf('?');
  return { href, path: q < 0 ? href : href.slice(0, q), query: new URLSearchParams(q < 0 ? '' : href.slice(q)) };
}

/** True once the user has moved within the app (the first page load is not a navigation). */
export let hasNavigated = false;

export function navigate(to: string, o: { replace?: boolean; state?: unknown } = {}): void {
  if (to === snapshot() && !o.replace) return;
  hasNavigated = true;
  if (o.replace) window.history.replaceState(o.state ?? null, '', to);
  else window.history.pushState(o.state ?? null, '', to);
  window.dispatchEvent(new Event(CHANGE));
  window.scrollTo(0, 0);
}

window.addEventListener('popstate', () => (hasNavigated = true));

/** The data kept with the current history entry (e.g. the cursors of the pages before this one). */
export function historyState<T>(): T | null {
  return (window.history.state as T | null) ?? null;
}

/** "/console/demands/:ref" against a path: the named parts, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const s = path.replace(/\/+$/, '').split('/');
  if (p.length !== s.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i]!.startsWith(':')) out[p[i]!.slice(1)] = decodeURIComponent(s[i]!);
    else if (p[i] !== s[i]) return null;
  }
  return out;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** A real link (open in a new tab works) that navigates in place on a plain click. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const click = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={click} {...rest} />;
}
