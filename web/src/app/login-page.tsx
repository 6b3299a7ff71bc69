import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { setLang } from '../i18n';

export function LoginPage({ onLogin }: { onLogin: (username: string, password: string) => Promise<void> }) {
  const { t, i18n } = useTranslation();
  // Empty: the form never suggests an account name (the first admin's name is printed at start-up).
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onLogin(username, password);
    } catch (err) {
      setError(t('login.failed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form onSubmit={submit} className="login-form" aria-labelledby="login-heading">
        <h1 id="login-heading">{t('login.heading')}</h1>
        <label>
          {t('login.username')}
          <input
            name="username"
            autoComplete="username"
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error !== null && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
        <button type="button" className="link" onClick={() => setLang(i18n.language === 'en' ? 'zh' : 'en')}>
          {t('app.language')}
        </button>
      </form>
    </main>
  );
}
