/**
 * How a request proves who sends it: the ONE file to change when sign-in moves from pasted API
 * tokens to browser sessions. Today the token lives in this tab's sessionStorage (gone when the
 * tab closes, never in a cookie or localStorage) and goes out as "Authorization: Bearer".
 */
const KEY = 'writ.apiToken';

function stored(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null; // storage disabled: the token then lives in memory only
  }
}

let token: string | null = stored();

export function hasCredentials(): boolean {
  return token !== null;
}

/** Keep the credential for this tab. The caller then asks GET /api/v1/me who it belongs to. */
export function signIn(secret: string): void {
  token = secret.trim();
  try {
    sessionStorage.setItem(KEY, token);
  } catch {
    /* memory only */
  }
}

export function signOut(): void {
  token = null;
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    /* nothing stored */
  }
}

/** The request as it must leave the browser to be recognised. */
export function authorize(init: RequestInit): RequestInit {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  // Bearer tokens need no cookie; sending none keeps the API free of ambient credentials.
  return { ...init, headers, credentials: 'omit' };
}

/** What the sign-in page asks for. */
export const CREDENTIAL_LABEL = 'API token';
