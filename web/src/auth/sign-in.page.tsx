import { signInBodySchema } from '@switchyard/contracts';
import { useState, type FormEvent } from 'react';
import { ApiError, describeError } from '../api/api-client';
import { Link } from '../app/link.component';
import { FormError, InputField, SubmitButton } from '../shared/form.component';
import { useFormSubmit } from '../shared/use-form-submit.hook';
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
  const form = useFormSubmit();

  const submit = (event: FormEvent) => {
    const body = { email, password };
    form.submit(
      event,
      fieldErrors(signInBodySchema, body),
      async () => signedIn(await createAccessClient().signIn(signInBodySchema.parse(body))),
      (e) =>
        e instanceof ApiError && e.status === 401 ? 'Wrong e-mail or password.' : describeError(e),
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <InputField
        id="sign-in-email"
        label="E-mail"
        type="email"
        autoComplete="username"
        value={email}
        onChange={setEmail}
        error={form.errors['email']}
      />
      <InputField
        id="sign-in-password"
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        error={form.errors['password']}
      />
      <FormError error={form.error} testId="sign-in-error" />
      <SubmitButton
        busy={form.busy}
        label="Sign in"
        busyLabel="Signing in…"
        testId="sign-in"
        block
      />
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
  const form = useFormSubmit();

  const submit = (event: FormEvent) => {
    const candidate = key.trim();
    // Try the key before keeping it, so a typo gets a clear message here.
    form.submit(event, candidate ? {} : 'Paste the API key first.', async () =>
      signedInWithKey(candidate, await createAccessClient(() => candidate).me()),
    );
  };

  return (
    <form onSubmit={submit}>
      <InputField
        id="api-key"
        label="API key"
        type="password"
        autoComplete="off"
        placeholder="sk_…"
        value={key}
        onChange={setKey}
      />
      <FormError error={form.error} testId="sign-in-error" />
      <SubmitButton
        busy={form.busy}
        label="Sign in with the key"
        busyLabel="Checking…"
        testId="sign-in-key"
        block
      />
    </form>
  );
}
