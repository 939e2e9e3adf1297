import {
  type LinkPurpose,
  type LinkTokenInfo,
  PASSWORD_MIN_LENGTH,
  passwordResetRequestBodySchema,
  setPasswordBodySchema,
} from '@switchyard/contracts';
import { useEffect, useState, type FormEvent } from 'react';
import { describeError } from '../api/api-client';
import { Link } from '../app/link.component';
import { navigate } from '../app/router';
import { createAccessClient } from './access-client';
import { AuthCard } from './auth-card.component';
import { fieldErrors } from './form-errors';
import { tokenFromHash } from './link-token';
import { useSessionStore } from './session.store';

const TITLES: Record<LinkPurpose, string> = {
  setup: 'Set up your account',
  reset: 'Choose a new password',
  invite: 'Join the workspace',
};

/** Reads the token once and takes it out of the address bar (and the history). */
function useLinkToken(): string | null {
  const [token] = useState(() => tokenFromHash(window.location.hash));
  useEffect(() => {
    if (window.location.hash)
      window.history.replaceState(window.history.state, '', window.location.pathname);
  }, []);
  return token;
}

/**
 * `/setup#token=`, `/reset#token=` and `/invite#token=`: choose a password and be signed
 * in. `/reset` without a token asks for a reset link.
 */
export function PasswordLinkPage({ purpose }: { purpose: LinkPurpose }) {
  const token = useLinkToken();
  if (!token && purpose === 'reset') return <ResetRequest />;
  if (!token)
    return (
      <AuthCard title={TITLES[purpose]}>
        <p className="banner banner--error" role="alert">
          This page needs the link you were given (it ends with #token=…). Open the link again.
        </p>
        <Link to={{ page: 'journeys' }}>Go to sign-in</Link>
      </AuthCard>
    );
  return <ChoosePassword purpose={purpose} token={token} />;
}

function ChoosePassword({ purpose, token }: { purpose: LinkPurpose; token: string }) {
  const signedIn = useSessionStore((s) => s.signedIn);
  const [info, setInfo] = useState<LinkTokenInfo | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    createAccessClient()
      .describeLink(token)
      .then(
        (found) =>
          found.purpose === purpose
            ? setInfo(found)
            : setLinkError(`This is a ${found.purpose} link, not a ${purpose} link.`),
        (e: unknown) => setLinkError(describeError(e)),
      );
  }, [token, purpose]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = fieldErrors(setPasswordBodySchema, { token, password });
    if (!invalid['password'] && password !== confirm)
      invalid['confirm'] = 'does not match the password';
    setErrors(invalid);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const me = await createAccessClient().completeLink(purpose, { token, password });
      signedIn(me);
      navigate({ page: 'journeys' }, { replace: true });
    } catch (e) {
      setBusy(false);
      setError(describeError(e));
    }
  };

  if (linkError)
    return (
      <AuthCard title={TITLES[purpose]}>
        <p className="banner banner--error" role="alert" data-testid="link-error">
          {linkError}
        </p>
        <p className="muted">
          {purpose === 'reset'
            ? 'Ask for a new link below.'
            : 'Ask an owner of the workspace for a new link.'}
        </p>
        <Link to={{ page: 'reset' }}>Ask for a reset link</Link>
      </AuthCard>
    );
  if (!info)
    return (
      <AuthCard title={TITLES[purpose]}>
        <p className="muted">Checking the link…</p>
      </AuthCard>
    );
  return (
    <AuthCard title={TITLES[purpose]} intro={<LinkIntro info={info} />}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label className="field__label" htmlFor="link-email">
            E-mail
          </label>
          <input id="link-email" type="email" value={info.email} readOnly autoComplete="username" />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="new-password">
            New password
          </label>
          <input
            id="new-password"
            data-testid="new-password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <p className="field__hint">At least {PASSWORD_MIN_LENGTH} characters.</p>
          {errors['password'] && <p className="field__error">{errors['password']}</p>}
        </div>
        <div className="field">
          <label className="field__label" htmlFor="confirm-password">
            Repeat the password
          </label>
          <input
            id="confirm-password"
            data-testid="confirm-password"
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
          />
          {errors['confirm'] && <p className="field__error">{errors['confirm']}</p>}
        </div>
        {error && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
        <button
          type="submit"
          className="button button--primary button--block"
          data-testid="set-password"
          disabled={busy}
        >
          {busy ? 'Saving…' : purpose === 'invite' ? 'Join and sign in' : 'Save and sign in'}
        </button>
      </form>
    </AuthCard>
  );
}

function LinkIntro({ info }: { info: LinkTokenInfo }) {
  switch (info.purpose) {
    case 'setup':
      return (
        <>
          You are the owner of <strong>{info.workspaceName}</strong>. Choose the password you will
          sign in with.
        </>
      );
    case 'reset':
      return (
        <>
          Choose a new password for your account in <strong>{info.workspaceName}</strong>. You will
          be signed out everywhere else.
        </>
      );
    case 'invite':
      return (
        <>
          You are invited to <strong>{info.workspaceName}</strong> as a <strong>{info.role}</strong>
          . Choose a password to join.
        </>
      );
    default: {
      const never: never = info.purpose;
      throw new Error(`unknown link ${String(never)}`);
    }
  }
}

function ResetRequest() {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = fieldErrors(passwordResetRequestBodySchema, { email });
    if (invalid['email']) return setError(`E-mail ${invalid['email']}.`);
    setBusy(true);
    setError(null);
    try {
      await createAccessClient().requestReset(email.trim());
      setSent(true);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard
      title="Reset your password"
      intro="We will send a link to choose a new password. It works once, for one hour."
    >
      {sent ? (
        <p className="banner banner--success" data-testid="reset-sent">
          If {email.trim()} has an account, a reset link is on its way. Without e-mail set up, the
          link is in the server's log.
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <div className="field">
            <label className="field__label" htmlFor="reset-email">
              E-mail
            </label>
            <input
              id="reset-email"
              data-testid="reset-email"
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          {error && (
            <p className="field__error" role="alert">
              {error}
            </p>
          )}
          <button
            type="submit"
            className="button button--primary button--block"
            data-testid="send-reset"
            disabled={busy}
          >
            {busy ? 'Sending…' : 'Send the link'}
          </button>
        </form>
      )}
      <p className="auth__aside">
        <Link to={{ page: 'journeys' }}>Back to sign-in</Link>
      </p>
    </AuthCard>
  );
}
