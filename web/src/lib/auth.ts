/**
 * How a request proves who sends it. Two kinds of credential:
 *
 * - a browser session (the usual way: e-mail, password and TOTP code at POST /api/v1/session).
 *   The session id is an HttpOnly cookie that scripts never see, shared by every tab of the
 *   browser; what a page holds, in memory only, is the session's CSRF token, which the API wants in
 *   `x-csrf-token` on every state-changing request made with the cookie (src/http/auth.ts). A new
 *   tab, a bookmark or a reload asks GET /api/v1/session for it (the cookie goes with that
 *   same-origin request), so it stays signed in.
 * - a pasted API token (agencies' integrations, the browser tests), kept in this tab's
 *   sessionStorage and sent as "Authorization: Bearer", with no cookie at all.
 *
 * sessionStorage is gone when the tab closes; no credential goes to localStorage.
 */
export type CredentialKind = 'session' | 'token';

const TOKEN_KEY = 'writ.apiToken';
/** The header src/http/auth.ts checks against the session's CSRF hash. */
const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function read(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null; // storage disabled: the credential then lives in memory only
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    /* memory only */
  }
}

let token: string | null = read(TOKEN_KEY);
let csrf: string | null = null;

export function hasCredentials(): boolean {
  return token !== null || csrf !== null;
}

export function credentialKind(): CredentialKind | null {
  return token !== null ? 'token' : csrf !== null ? 'session' : null;
}

/** Keep a pasted API token for this tab. The caller then asks GET /api/v1/me who it belongs to. */
export function keepApiToken(secret: string): void {
  forget();
  token = secret.trim();
  write(TOKEN_KEY, token);
}

/** What POST and GET /api/v1/session answer (the session id itself is only in the HttpOnly cookie). */
export interface SessionStarted {
  principalId: string;
  csrfToken: string;
  expiresAt: string;
}

/** Keep the CSRF token of the browser's session (just opened, or found by GET /api/v1/session). */
export function keepSession(started: SessionStarted): void {
  forget();
  csrf = started.csrfToken;
}

/** Forget this tab's credential. A session's cookie is ended by the server (DELETE /api/v1/session). */
export function forget(): void {
  token = null;
  csrf = null;
  write(TOKEN_KEY, null);
}

/** The request as it must leave the browser to be recognised. */
export function authorize(init: RequestInit): RequestInit {
  const headers = new Headers(init.headers);
  if (token) {
    headers.set('authorization', `Bearer ${token}`);
    // Bearer tokens need no cookie; sending none keeps the API free of ambient credentials.
    return { ...init, headers, credentials: 'omit' };
  }
  if (csrf && !SAFE_METHODS.has((init.method ?? 'GET').toUpperCase())) headers.set(CSRF_HEADER, csrf);
  // Same origin only: the session cookie goes with it, and the sign-in answer may set it.
  return { ...init, headers, credentials: 'same-origin' };
}
