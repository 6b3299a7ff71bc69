// First login with the one-time password: the API refuses everything else until it is changed.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

const MIN_LENGTH = 10;

export function ChangePasswordPage({ onChange }: { onChange: (current: string, next: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next !== again) {
      setError(t('password.mismatch'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onChange(current, next);
    } catch (err) {
      setError(t('app.error', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <form onSubmit={submit} className="login-form" aria-labelledby="pw-heading">
        <h1 id="pw-heading">{t('password.heading')}</h1>
        <p>{t('password.why')}</p>
        <label>
          {t('password.current')}
          <input
            name="current-password"
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            required
          />
        </label>
        <label>
          {t('password.next')}
          <input
            name="new-password"
            type="password"
            autoComplete="new-password"
            minLength={MIN_LENGTH}
            value={next}
            onChange={(e) => setNext(e.target.value)}
            required
          />
        </label>
        <label>
          {t('password.again')}
          <input
            name="new-password-again"
            type="password"
            autoComplete="new-password"
            minLength={MIN_LENGTH}
            value={again}
            onChange={(e) => setAgain(e.target.value)}
            required
          />
        </label>
        {error !== null && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('password.submit')}
        </button>
      </form>
    </main>
  );
}
