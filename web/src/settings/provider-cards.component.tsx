import {
  emailProviderSchema,
  smsProviderSchema,
  type WorkspaceSettingsBody,
} from '@switchyard/contracts';
import { type FormEvent, type ReactNode, useState } from 'react';
import { fieldErrors } from '../auth/form-errors';
import { FormError, InputField, SubmitButton } from '../shared/form.component';
import { SavedNote } from './saved-note.component';
import { type SettingsSave, useSettingsSave } from './settings-save.hook';
import type { SettingsCardProps } from './workspace-settings.page';

/**
 * A provider whose credentials are write-only: the card shows what is stored (logins
 * masked) with Replace and Remove, or what is used without one; Replace and Set up open
 * an empty form for the whole provider.
 */
function ProviderCard({
  id,
  title,
  current,
  none,
  removal,
  save,
  form,
}: {
  id: string;
  title: string;
  /** The stored provider as rows of label and value, or null. */
  current: [string, string][] | null;
  /** What happens without a provider. */
  none: string;
  /** What removing it means, for the confirmation. */
  removal: { field: keyof WorkspaceSettingsBody; consequence: string };
  save: SettingsSave;
  form: (close: () => void) => ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  const remove = (event: FormEvent) => {
    if (!window.confirm(`Remove the ${title.toLowerCase()}? ${removal.consequence}`)) {
      event.preventDefault();
      return;
    }
    save.save(event, {}, { [removal.field]: null });
  };

  return (
    <section className="card settings-card" data-testid={`${id}-card`}>
      <h2 className="section-title">{title}</h2>
      {current ? (
        <dl className="settings-facts" data-testid={`${id}-current`}>
          {current.map(([label, value]) => (
            <div key={label} className="settings-facts__row">
              <dt>{label}</dt>
              <dd className="mono">{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted small" data-testid={`${id}-none`}>
          {none}
        </p>
      )}
      {editing ? (
        form(() => setEditing(false))
      ) : (
        <form className="settings-form__actions" onSubmit={remove}>
          <button
            type="button"
            className="button"
            data-testid={`${id}-edit`}
            onClick={() => setEditing(true)}
          >
            {current ? 'Replace…' : 'Set up…'}
          </button>
          {current && (
            <button
              type="submit"
              className="button button--danger-text"
              data-testid={`${id}-remove`}
              disabled={save.form.busy}
            >
              Remove
            </button>
          )}
          <SavedNote saved={save.saved} testId={`${id}-saved`} />
        </form>
      )}
      <FormError error={save.form.error} testId={`${id}-error`} />
    </section>
  );
}

/** The form of a new provider: its fields, then Save and Cancel. */
function ProviderForm({
  id,
  onSubmit,
  onCancel,
  busy,
  children,
}: {
  id: string;
  onSubmit: (event: FormEvent) => void;
  onCancel: () => void;
  busy: boolean;
  children: ReactNode;
}) {
  return (
    <form className="provider-form" onSubmit={onSubmit} noValidate data-testid={`${id}-form`}>
      {children}
      <div className="settings-form__actions">
        <SubmitButton busy={busy} label="Save" busyLabel="Saving…" testId={`${id}-save`} />
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The workspace's own SMTP server, instead of the server's SMTP_URL and EMAIL_FROM. */
export function EmailProviderCard({ settings, onSaved }: SettingsCardProps) {
  const save = useSettingsSave(onSaved);
  const [url, setUrl] = useState('');
  const [from, setFrom] = useState('');
  const current = settings.emailProvider;

  const form = (close: () => void) => {
    const submit = (event: FormEvent) => {
      const provider = { url: url.trim(), from: from.trim() };
      save.save(
        event,
        fieldErrors(emailProviderSchema, provider),
        { emailProvider: provider },
        () => {
          setUrl('');
          setFrom('');
          close();
        },
      );
    };
    return (
      <ProviderForm id="email" onSubmit={submit} onCancel={close} busy={save.form.busy}>
        <InputField
          id="email-url"
          label="SMTP server"
          placeholder="smtp://user:password@smtp.example.com:587"
          autoComplete="off"
          value={url}
          onChange={setUrl}
          error={save.form.errors['url']}
          hint="smtp:// (STARTTLS when the server offers it) or smtps://. The user name and password are stored encrypted and never shown again."
        />
        <InputField
          id="email-from"
          label="From"
          placeholder="Shop <news@shop.example>"
          value={from}
          onChange={setFrom}
          error={save.form.errors['from']}
        />
      </ProviderForm>
    );
  };

  return (
    <ProviderCard
      id="email"
      title="E-mail server"
      current={
        current && [
          ['Server', current.url],
          ['From', current.from],
        ]
      }
      none="Not set: journey and campaign e-mails and account links go through the server's SMTP_URL, from its EMAIL_FROM."
      removal={{
        field: 'emailProvider',
        consequence: "E-mails go through the server's SMTP_URL again.",
      }}
      save={save}
      form={form}
    />
  );
}

/** The HTTP SMS provider Send SMS steps POST to. */
export function SmsProviderCard({ settings, onSaved }: SettingsCardProps) {
  const save = useSettingsSave(onSaved);
  const [url, setUrl] = useState('');
  const [from, setFrom] = useState('');
  const [token, setToken] = useState('');
  const current = settings.smsProvider;

  const form = (close: () => void) => {
    const submit = (event: FormEvent) => {
      const provider = {
        url: url.trim(),
        from: from.trim(),
        ...(token !== '' ? { token } : {}),
      };
      save.save(event, fieldErrors(smsProviderSchema, provider), { smsProvider: provider }, () => {
        setUrl('');
        setFrom('');
        setToken('');
        close();
      });
    };
    return (
      <ProviderForm id="sms" onSubmit={submit} onCancel={close} busy={save.form.busy}>
        <InputField
          id="sms-url"
          label="Provider URL"
          placeholder="https://sms.example.com/messages"
          autoComplete="off"
          value={url}
          onChange={setUrl}
          error={save.form.errors['url']}
          hint="Switchyard POSTs {to, from, body} as JSON, signed like a webhook."
        />
        <InputField
          id="sms-from"
          label="From"
          placeholder="Shop or +15551234567"
          value={from}
          onChange={setFrom}
          error={save.form.errors['from']}
        />
        <InputField
          id="sms-token"
          label="Bearer token (optional)"
          type="password"
          autoComplete="new-password"
          value={token}
          onChange={setToken}
          error={save.form.errors['token']}
          hint="Sent as Authorization: Bearer; stored encrypted and never shown again."
        />
      </ProviderForm>
    );
  };

  return (
    <ProviderCard
      id="sms"
      title="SMS provider"
      current={
        current && [
          ['Provider', current.url],
          ['From', current.from],
          ['Token', current.tokenSet ? 'set' : 'none'],
        ]
      }
      none="Not set: messages from Send SMS steps fail until a provider is set."
      removal={{
        field: 'smsProvider',
        consequence: 'Messages from Send SMS steps fail until a provider is set again.',
      }}
      save={save}
      form={form}
    />
  );
}
