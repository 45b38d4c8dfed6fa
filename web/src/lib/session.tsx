/**
 * Who is signed in, for every page: signs in (by password and code, or by API token), asks
 * GET /api/v1/me once, signs out, and forgets the caller when the API stops recognising its
 * credentials (any 401), which brings the sign-in page back.
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, UNAUTHENTICATED_EVENT } from './api.ts';
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
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/**
 * Who was signed in, kept beside the credential for this tab: a reload shows the right portal at
 * once and loads its data in parallel with GET /api/v1/me, which still confirms it (and signs out
 * when the API no longer recognises the credential).
 */
const ME_KEY = 'writ.me';

function rememberedMe(): Me | null {
  try {
    return hasCredentials() ? (JSON.parse(sessionStorage.getItem(ME_KEY) ?? 'null') as Me | null) : null;
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
  const [me, setMe] = useState<Me | null>(rememberedMe);
  const [checking, setChecking] = useState(() => hasCredentials() && !rememberedMe());
  const [ended, setEnded] = useState(false);

  useEffect(() => {
    const lost = () => {
      setEnded(hasCredentials());
      forget();
      remember(null);
      setMe(null);
    };
    if (hasCredentials()) {
      api<Me>('/api/v1/me')
        .then((who) => {
          remember(who);
          setMe(who);
        }, lost)
        .finally(() => setChecking(false));
    }
    window.addEventListener(UNAUTHENTICATED_EVENT, lost);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, lost);
  }, []);

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
    setEnded(false);
    setMe(null);
  }, []);

  return (
    <SessionContext.Provider value={{ me, checking, ended, signIn, signInWithToken, signOut }}>
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
