import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { getMe, signIn as apiSignIn, signOut as apiSignOut } from './api/client';
import type { Me } from './api/types';
import { stopLive } from './api/live';

interface Session {
  /** undefined while loading, null when nobody is signed in. */
  me: Me | null | undefined;
  signIn: (email: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  useEffect(() => {
    // A 401 means nobody is signed in; any other failure also shows the sign-in page.
    getMe().then(setMe, () => setMe(null));
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    await apiSignIn(email, password);
    const current = await getMe();
    setMe(current);
    return current;
  }, []);

  const signOut = useCallback(async () => {
    stopLive();
    await apiSignOut().catch(() => undefined);
    setMe(null);
  }, []);

  return <SessionContext.Provider value={{ me, signIn, signOut }}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a SessionProvider above it.');
  return session;
}

/** Returns the session, or null where no SessionProvider is above, such as a public page rendered alone. */
export function useOptionalSession(): Session | null {
  return useContext(SessionContext);
}

/** Returns whether the role belongs to the organisation's own staff, as the server's hub and labels judge it. */
export function isStaff(me: Me | null | undefined): boolean {
  return me?.role === 'administrator' || me?.role === 'dispatcher' || me?.role === 'technician';
}

/** The page each role starts on after signing in. */
export function homePathFor(me: Me): string {
  switch (me.role) {
    case 'technician':
    case 'vendor':
      return '/my-work';
    case 'dispatcher':
      return '/triage';
    case 'administrator':
      return '/triage';
    default:
      return '/work-orders';
  }
}
