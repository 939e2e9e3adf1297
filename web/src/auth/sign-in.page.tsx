import { useState, type FormEvent } from 'react';
import { createApiClient, describeError } from '../api/api-client';
import { useSessionStore } from './session.store';

/** Asks for the workspace API key (printed by the server on first start). */
export function SignInPage() {
  const notice = useSessionStore((s) => s.notice);
  const signIn = useSessionStore((s) => s.signIn);
  const [key, setKey] = useState('');
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const candidate = key.trim();
    if (!candidate) return setError('Paste the API key first.');
    setChecking(true);
    setError(null);
    try {
      // Try the key before keeping it, so a typo gets a clear message here.
      await createApiClient({ getApiKey: () => candidate }).nodeTypes();
      signIn(candidate);
    } catch (e) {
      setChecking(false);
      setError(describeError(e));
    }
  };

  return (
    <div className="sign-in">
      <form className="card sign-in__card" onSubmit={(e) => void submit(e)}>
        <div className="brand brand--large">
          <span className="brand__mark" aria-hidden>
            ⇄
          </span>{' '}
          Switchyard
        </div>
        <p className="muted">
          Sign in with your workspace API key. The server prints a sign-in link with the key when it
          first starts.
        </p>
        {notice && <p className="banner banner--warning">{notice}</p>}
        <div className="field">
          <label className="field__label" htmlFor="api-key">
            API key
          </label>
          <input
            id="api-key"
            data-testid="api-key"
            type="password"
            autoComplete="off"
            value={key}
            placeholder="sk_…"
            onChange={(e) => setKey(e.target.value)}
          />
        </div>
        {error && (
          <p className="field__error" role="alert" data-testid="sign-in-error">
            {error}
          </p>
        )}
        <button
          type="submit"
          className="button button--primary button--block"
          data-testid="sign-in"
          disabled={checking}
        >
          {checking ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
