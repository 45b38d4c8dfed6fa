/**
 * Single sign-on ends with the browser on /console#writ-csrf=<token>: Writ's callback has set the
 * HttpOnly session cookie, and hands the page the session's CSRF token in the fragment (which no
 * server ever sees). Taken before the first render, kept as a password sign-in's would be, and
 * wiped from the address bar and history at once.
 */
import { keepSession } from './auth.ts';

const LANDING = /^#writ-csrf=([A-Za-z0-9_-]{20,200})$/;

export function adoptSignOnLanding(): void {
  const m = LANDING.exec(window.location.hash);
  if (!m) return;
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  keepSession({ principalId: '', csrfToken: m[1]!, expiresAt: '' });
}
