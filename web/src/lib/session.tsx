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

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(hasCredentials());

  useEffect(() => {
    if (hasCredentials()) {
      api<Me>('/api/v1/me')
        .then(setMe, () => dropCredentials())
        .finally(() => setChecking(false));
    }
    const lost = () => {
      dropCredentials();
      setMe(null);
    };
    window.addEventListener(UNAUTHENTICATED_EVENT, lost);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, lost);
  }, []);

  const signIn = useCallback(async (secret: string) => {
    keepCredentials(secret);
    try {
      const who = await api<Me>('/api/v1/me');
      setMe(who);
      return who;
    } catch (e) {
      dropCredentials();
      throw e;
    }
  }, []);

  const signOut = useCallback(() => {
    dropCredentials();
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
