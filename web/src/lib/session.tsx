/**
 * Who is signed in, for every page: signs in (by password and code, or by API token), picks up the
 * browser's session in a new tab or after a reload (GET /api/v1/session), asks GET /api/v1/me,
 * signs out, and forgets the caller when the API stops recognising its credentials (any 401),
 * which brings the sign-in page back. Signing out or being signed out empties the cache of API
 * answers: the next person in this tab sees nothing of the last one's.
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError, UNAUTHENTICATED_EVENT } from './api.ts';
import type { Me } from './api-types.ts';
import { credentialKind, forget, hasCredentials, keepApiToken, keepSession, type SessionStarted } from './auth.ts';

/** What the sign-in form sends to POST /api/v1/session. */
export interface PasswordSignIn {
  email: string;
  password: string;
  totp: string;
}

interface Session {
  me: Me | null;
  /** True until the first answer about a stored credential has come back. */
  checking: boolean;
  /** True when the API stopped recognising the credential while in use (expired, revoked). */
  ended: boolean;
  signIn(credentials: PasswordSignIn): Promise<Me>;
  signInWithToken(token: string): Promise<Me>;
  /** A session another way of signing in opened (a passkey): keep its CSRF token, ask who it is. */
  adoptSession(started: SessionStarted): Promise<Me>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/**
 * Who was signed in in this tab: a reload shows the right portal at once and loads its data in
 * parallel with GET /api/v1/session and /me, which still confirm it (and sign out when the API no
 * longer recognises the credential).
 */
const ME_KEY = 'writ.me';

function rememberedMe(): Me | null {
  try {
    return JSON.parse(sessionStorage.getItem(ME_KEY) ?? 'null') as Me | null;
  } catch {
    return null;
  }
}

function remember(me: Me | null): void {
  try {
    if (me) sessionStorage.setItem(ME_KEY, JSON.stringify(me));
    else sessionStorage.removeItem(ME_KEY);
  } catch {
    /* memory only */
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queries = useQueryClient();
  const [me, setMe] = useState<Me | null>(rememberedMe);
  const [checking, setChecking] = useState(() => !rememberedMe());
  const [ended, setEnded] = useState(false);

  useEffect(() => {
    const lost = () => {
      setEnded(hasCredentials());
      forget();
      remember(null);
      queries.clear();
      setMe(null);
    };
    const start = async () => {
      const wasSignedIn = rememberedMe() !== null;
      const kind = credentialKind();
      try {
        // A pasted API token is this tab's own; otherwise the browser may hold a session cookie.
        if (credentialKind() !== 'token')
          keepSession(await api<SessionStarted>('/api/v1/session', { expectUnauthenticated: true }));
        const who = await api<Me>('/api/v1/me', { expectUnauthenticated: true });
        remember(who);
        setMe(who);
      } catch (e) {
        // Only the API's refusal ends a session: a request cut short (the page is being left, the
        // network is down) says nothing about the credential, and a token pasted meanwhile stands.
        if (!(e instanceof ApiError && e.status === 401) || credentialKind() !== kind) return;
        // No session (never signed in, signed out in another tab, expired): the sign-in page, with
        // a word only when this tab was signed in a moment ago.
        setEnded(wasSignedIn);
        forget();
        remember(null);
        queries.clear();
        setMe(null);
      } finally {
        setChecking(false);
      }
    };
    void start();
    window.addEventListener(UNAUTHENTICATED_EVENT, lost);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, lost);
  }, [queries]);

  /** With the credential kept, ask the API who it belongs to. */
  const confirm = useCallback(async () => {
    try {
      const who = await api<Me>('/api/v1/me', { expectUnauthenticated: true });
      remember(who);
      setEnded(false);
      setMe(who);
      return who;
    } catch (e) {
      forget();
      throw e;
    }
  }, []);

  const signIn = useCallback(
    async (credentials: PasswordSignIn) => {
      // The answer sets the HttpOnly session cookie; the page keeps only the CSRF token.
      const started = await api<SessionStarted>('/api/v1/session', {
        method: 'POST',
        json: credentials,
        expectUnauthenticated: true,
      });
      keepSession(started);
      return confirm();
    },
    [confirm],
  );

  const adoptSession = useCallback(
    async (started: SessionStarted) => {
      keepSession(started);
      return confirm();
    },
    [confirm],
  );

  const signInWithToken = useCallback(
    async (token: string) => {
      keepApiToken(token);
      return confirm();
    },
    [confirm],
  );

  const signOut = useCallback(async () => {
    // A session ends on the server too, so the cookie is worthless even if it was copied; an API
    // token is only forgotten here (revoking it is its owner's business).
    if (credentialKind() === 'session')
      await api<void>('/api/v1/session', { method: 'DELETE', expectUnauthenticated: true }).catch(() => undefined);
    forget();
    remember(null);
    queries.clear();
    setEnded(false);
    setMe(null);
  }, [queries]);

  return (
    <SessionContext.Provider value={{ me, checking, ended, signIn, signInWithToken, adoptSession, signOut }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** Where each kind of principal works. */
export function homeOf(me: Me): string {
  return me.kind === 'staff' ? '/console' : me.kind === 'officer' ? '/agency' : '/portal';
}
