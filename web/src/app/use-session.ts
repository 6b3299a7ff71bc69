// Who is logged in: asks /auth/me on start (a session cookie may already exist), and logs in
// and out. Keeps the CSRF token for writes.
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, setCsrfToken } from '../api/client';
import type { User } from '../api/types';

/** Dispatched on window when the session may have ended (an event stream was closed for it). */
export const SESSION_CHECK_EVENT = 'xl:session-check';

interface Session {
  user: User;
  csrfToken: string | null;
}

export function useSession() {
  const [user, setUser] = useState<User | null>(null);
  const [checked, setChecked] = useState(false);

  useEffect(() => {
    const check = () =>
      api<Session>('/auth/me')
        .then((s) => {
          setCsrfToken(s.csrfToken);
          setUser(s.user);
        })
        .catch((e: unknown) => {
          if (!(e instanceof ApiError) || e.status !== 401) console.warn('session check failed', e);
          // Logged out elsewhere, expired, disabled: back to the login page.
          else setUser(null);
        })
        .finally(() => setChecked(true));
    void check();
    window.addEventListener(SESSION_CHECK_EVENT, check);
    return () => window.removeEventListener(SESSION_CHECK_EVENT, check);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const s = await api<Session>('/auth/login', { method: 'POST', body: { username, password } });
    setCsrfToken(s.csrfToken);
    setUser(s.user);
  }, []);

  const logout = useCallback(async () => {
    try {
      await api('/auth/logout', { method: 'POST' });
    } finally {
      setCsrfToken(null);
      setUser(null);
    }
  }, []);

  const changePassword = useCallback(async (currentPassword: string, newPassword: string) => {
    const s = await api<Session>('/auth/password', { method: 'POST', body: { currentPassword, newPassword } });
    setCsrfToken(s.csrfToken);
    setUser(s.user);
  }, []);

  return { user, checked, login, logout, changePassword };
}
