// Who is logged in: asks /auth/me on start (a session cookie may already exist), and logs in
// and out. Keeps the CSRF token for writes.
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get, post, setCsrfToken, type Schemas } from '../api/client';

export type User = Schemas['User'];

/** Dispatched on window when the session may have ended (an event stream was closed for it). */
export const SESSION_CHECK_EVENT = 'xl:session-check';

export function useSession() {
  const [user, setUser] = useState<User | null>(null);
  const [checked, setChecked] = useState(false);

  const start = useCallback((s: Schemas['Session']) => {
    setCsrfToken(s.csrfToken);
    setUser(s.user);
  }, []);

  useEffect(() => {
    const check = () =>
      get('/api/v1/auth/me')
        .then(start)
        .catch((e: unknown) => {
          if (!(e instanceof ApiError) || e.status !== 401) console.warn('session check failed', e);
          // Logged out elsewhere, expired, disabled: back to the login page.
          else setUser(null);
        })
        .finally(() => setChecked(true));
    void check();
    window.addEventListener(SESSION_CHECK_EVENT, check);
    return () => window.removeEventListener(SESSION_CHECK_EVENT, check);
  }, [start]);

  const login = useCallback(
    async (username: string, password: string) => start(await post('/api/v1/auth/login', { body: { username, password } })),
    [start],
  );

  const logout = useCallback(async () => {
    try {
      await post('/api/v1/auth/logout');
    } finally {
      setCsrfToken(null);
      setUser(null);
    }
  }, []);

  const changePassword = useCallback(
    async (currentPassword: string, newPassword: string) =>
      start(await post('/api/v1/auth/password', { body: { currentPassword, newPassword } })),
    [start],
  );

  return { user, checked, login, logout, changePassword };
}
