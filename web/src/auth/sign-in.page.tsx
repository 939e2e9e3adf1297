import { signInBodySchema } from '@switchyard/contracts';
import { useState, type FormEvent } from 'react';
import { ApiError, describeError } from '../api/api-client';
import { Link } from '../app/link.component';
import { createAccessClient } from './access-client';
import { AuthCard } from './auth-card.component';
import { fieldErrors } from './form-errors';
import { useSessionStore } from './session.store';

/** E-mail and password (the default), or a workspace API key for developers. */
export function SignInPage() {
  const notice = useSessionStore((s) => s.notice);
  const [useKey, setUseKey] = useState(false);
  return (
    <AuthCard
      title="Sign in"
      intro={
        useKey
          ? 'Paste a workspace API key with the admin scope. The server prints one on its first start.'
          : 'Sign in with the e-mail and password of your Switchyard account.'
      }
    >
      {notice && <p className="banner banner--warning">{notice}</p>}
      {useKey ? <ApiKeyForm /> : <PasswordForm />}
      <p className="auth__switch">
        <button
          type="button"
          className="link-button"
          data-testid="toggle-api-key"
          onClick={() => setUseKey(!useKey)}
        >
          {useKey ? 'Sign in with e-mail and password' : 'Use an API key instead'}
        </button>
      </p>
    </AuthCard>
  );
}

function PasswordForm() {
  const signedIn = useSessionStore((s) => s.signedIn);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { email, password };
    const invalid = fieldErrors(signInBodySchema, body);
    setErrors(invalid);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      signedIn(await createAccessClient().signIn(signInBodySchema.parse(body)));
    } catch (e) {
      setBusy(false);
      setError(
        e instanceof ApiError && e.status === 401 ? 'Wrong e-mail or password.' : describeError(e),
      );
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <div className="field">
        <label className="field__label" htmlFor="sign-in-email">
          E-mail
        </label>
        <input
          id="sign-in-email"
          data-testid="sign-in-email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        {errors['email'] && <p className="field__error">{errors['email']}</p>}
      </div>
      <div className="field">
        <label className="field__label" htmlFor="sign-in-password">
          Password
        </label>
        <input
          id="sign-in-password"
          data-testid="sign-in-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {errors['password'] && <p className="field__error">{errors['password']}</p>}
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
        disabled={busy}
      >
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      <p className="auth__aside">
        <Link to={{ page: 'reset' }} testId="forgot-password">
          Forgot your password?
        </Link>
      </p>
    </form>
  );
}

function ApiKeyForm() {
  const signedInWithKey = useSessionStore((s) => s.signedInWithKey);
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
      signedInWithKey(candidate, await createAccessClient(() => candidate).me());
    } catch (e) {
      setChecking(false);
      setError(describeError(e));
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)}>
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
        data-testid="sign-in-key"
        disabled={checking}
      >
        {checking ? 'Checking…' : 'Sign in with the key'}
      </button>
    </form>
  );
}
