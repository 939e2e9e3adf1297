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
import { FormError, InputField, SubmitButton } from '../shared/form.component';
import { useFormSubmit } from '../shared/use-form-submit.hook';
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
  const form = useFormSubmit();

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

  const submit = (event: FormEvent) => {
    const invalid = fieldErrors(setPasswordBodySchema, { token, password });
    if (!invalid['password'] && password !== confirm)
      invalid['confirm'] = 'does not match the password';
    form.submit(event, invalid, async () => {
      signedIn(await createAccessClient().completeLink(purpose, { token, password }));
      navigate({ page: 'journeys' }, { replace: true });
    });
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
      <form onSubmit={submit} noValidate>
        <InputField
          id="link-email"
          label="E-mail"
          type="email"
          autoComplete="username"
          value={info.email}
        />
        <InputField
          id="new-password"
          label="New password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          hint={<>At least {PASSWORD_MIN_LENGTH} characters.</>}
          error={form.errors['password']}
        />
        <InputField
          id="confirm-password"
          label="Repeat the password"
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={setConfirm}
          error={form.errors['confirm']}
        />
        <FormError error={form.error} />
        <SubmitButton
          busy={form.busy}
          label={purpose === 'invite' ? 'Join and sign in' : 'Save and sign in'}
          busyLabel="Saving…"
          testId="set-password"
          block
        />
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
  const [sent, setSent] = useState(false);
  const form = useFormSubmit();

  const submit = (event: FormEvent) => {
    const invalid = fieldErrors(passwordResetRequestBodySchema, { email });
    form.submit(event, invalid['email'] ? `E-mail ${invalid['email']}.` : {}, async () => {
      await createAccessClient().requestReset(email.trim());
      setSent(true);
    });
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
        <form onSubmit={submit} noValidate>
          <InputField
            id="reset-email"
            label="E-mail"
            type="email"
            autoComplete="username"
            value={email}
            onChange={setEmail}
          />
          <FormError error={form.error} />
          <SubmitButton
            busy={form.busy}
            label="Send the link"
            busyLabel="Sending…"
            testId="send-reset"
            block
          />
        </form>
      )}
      <p className="auth__aside">
        <Link to={{ page: 'journeys' }}>Back to sign-in</Link>
      </p>
    </AuthCard>
  );
}
