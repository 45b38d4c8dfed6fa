/**
 * Who is signed in, for every page: asks GET /api/v1/me once, and forgets the caller when the API
 * stops recognising its credentials.
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, UNAUTHENTICATED_EVENT } from './api.ts';
import type { Me } from './api-types.ts';
import { hasCredentials, signIn as keepCredentials, signOut as dropCredentials } from './auth.ts';

interface Session {
  me: Me | null;
  /** True until the first answer about a stored credential has come back. */
  checking: boolean;
  signIn(secret: string): Promise<Me>;
  signOut(): void;
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

  useEffect(() => {
    const lost = () => {
      dropCredentials();
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

  const signIn = useCallback(async (secret: string) => {
    keepCredentials(secret);
    try {
      const who = await api<Me>('/api/v1/me');
      remember(who);
      setMe(who);
      return who;
    } catch (e) {
      dropCredentials();
      throw e;
    }
  }, []);

  const signOut = useCallback(() => {
    dropCredentials();
    remember(null);
    setMe(null);
  }, []);

  return <SessionContext.Provider value={{ me, checking, signIn, signOut }}>{children}</SessionContext.Provider>;
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
