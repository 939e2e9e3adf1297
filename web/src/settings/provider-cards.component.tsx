import {
  emailProviderSchema,
  type JourneyListItem,
  smsProviderSchema,
  type WorkspaceSettingsBody,
} from '@switchyard/contracts';
import { type FormEvent, type ReactNode, useState } from 'react';
import type { z } from 'zod';
import { api } from '../app/api';
import { fieldErrors } from '../auth/form-errors';
import { FormError, InputField, SubmitButton } from '../shared/form.component';
import { useResource } from '../shared/use-resource.hook';
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
  usedBy = null,
  save,
  form,
}: {
  id: string;
  title: string;
  /** The stored provider as rows of label and value, or null. */
  current: [string, string][] | null;
  /** What happens without a provider. */
  none: string;
  /** Who uses the stored one, shown under it (e.g. the live journeys that send SMS). */
  usedBy?: string | null;
  /** The settings that remove it, and what that means (for the confirmation). */
  removal: { body: WorkspaceSettingsBody; consequence: string };
  save: SettingsSave;
  form: (close: () => void) => ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  const remove = (event: FormEvent) => {
    if (!window.confirm(`Remove the ${inSentence(title)}? ${removal.consequence}`)) {
      event.preventDefault();
      return;
    }
    save.save(event, {}, removal.body);
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
      {current && usedBy && (
        <p className="muted small" data-testid={`${id}-used-by`}>
          {usedBy}
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

/** One input of a provider's form; a secret one is a password field, left out when empty. */
interface ProviderField {
  key: string;
  label: string;
  placeholder?: string;
  hint?: string;
  secret?: boolean;
}

/**
 * The form of a new provider: its fields, then Save and Cancel. Text is trimmed; what the
 * provider's schema refuses is named by its field before anything is sent.
 */
function ProviderForm<P>({
  id,
  fields,
  schema,
  toBody,
  save,
  onClose,
}: {
  id: string;
  fields: readonly ProviderField[];
  schema: z.ZodType<P>;
  toBody: (provider: P) => WorkspaceSettingsBody;
  save: SettingsSave;
  onClose: () => void;
}) {
  const [values, setValues] = useState<Record<string, string>>({});
  const busy = save.form.busy;

  const submit = (event: FormEvent) => {
    const provider: Record<string, string> = {};
    for (const field of fields) {
      const value = values[field.key] ?? '';
      if (!field.secret) provider[field.key] = value.trim();
      else if (value !== '') provider[field.key] = value;
    }
    const parsed = schema.safeParse(provider);
    // Refused: the fields' errors are shown and nothing is sent.
    if (!parsed.success) return save.save(event, fieldErrors(schema, provider), {});
    save.save(event, {}, toBody(parsed.data), onClose);
  };

  return (
    <form className="provider-form" onSubmit={submit} noValidate data-testid={`${id}-form`}>
      {fields.map((field) => (
        <InputField
          key={field.key}
          id={`${id}-${field.key}`}
          label={field.label}
          {...(field.placeholder !== undefined ? { placeholder: field.placeholder } : {})}
          {...(field.hint !== undefined ? { hint: field.hint } : {})}
          {...(field.secret ? { type: 'password' as const } : {})}
          autoComplete={field.secret ? 'new-password' : 'off'}
          value={values[field.key] ?? ''}
          onChange={(value) => setValues({ ...values, [field.key]: value })}
          error={save.form.errors[field.key]}
        />
      ))}
      <div className="settings-form__actions">
        <SubmitButton busy={busy} label="Save" busyLabel="Saving…" testId={`${id}-save`} />
        <button type="button" className="button" onClick={onClose} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

const EMAIL_FIELDS: readonly ProviderField[] = [
  {
    key: 'url',
    label: 'SMTP server',
    placeholder: 'smtp://user:password@smtp.example.com:587',
    hint: 'smtp:// (STARTTLS when the server offers it) or smtps://. The user name and password are stored encrypted and never shown again.',
  },
  { key: 'from', label: 'From', placeholder: 'Shop <news@shop.example>' },
];

/** The workspace's own SMTP server, instead of the server's SMTP_URL and EMAIL_FROM. */
export function EmailProviderCard({ settings, onSaved }: SettingsCardProps) {
  const save = useSettingsSave(onSaved);
  const current = settings.emailProvider;
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
        body: { emailProvider: null },
        consequence: "E-mails go through the server's SMTP_URL again.",
      }}
      save={save}
      form={(close) => (
        <ProviderForm
          id="email"
          fields={EMAIL_FIELDS}
          schema={emailProviderSchema}
          toBody={(emailProvider) => ({ emailProvider })}
          save={save}
          onClose={close}
        />
      )}
    />
  );
}

const SMS_FIELDS: readonly ProviderField[] = [
  {
    key: 'url',
    label: 'Provider URL',
    placeholder: 'https://sms.example.com/messages',
    hint: 'Switchyard POSTs {to, from, body} as JSON, signed like a webhook.',
  },
  { key: 'from', label: 'From', placeholder: 'Shop or +15551234567' },
  {
    key: 'token',
    label: 'Bearer token (optional)',
    hint: 'Sent as Authorization: Bearer; stored encrypted and never shown again.',
    secret: true,
  },
];

/** The HTTP SMS provider Send SMS steps POST to, and the journeys that need it. */
export function SmsProviderCard({ settings, onSaved }: SettingsCardProps) {
  const [journeys, reloadJourneys] = useResource(() => api.journeys.list(), []);
  // Removing the provider pauses journeys: the lines below follow.
  const save = useSettingsSave((saved) => {
    onSaved(saved);
    reloadJourneys();
  });
  const current = settings.smsProvider;
  const use = smsUse(journeys.state === 'ready' ? journeys.data : []);
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
      none="Not set: a journey with a Send SMS step cannot be published until one is."
      usedBy={smsUsedBy(use)}
      removal={{ body: { smsProvider: null }, consequence: smsRemovalConsequence(use) }}
      save={save}
      form={(close) => (
        <ProviderForm
          id="sms"
          fields={SMS_FIELDS}
          schema={smsProviderSchema}
          toBody={(smsProvider) => ({ smsProvider })}
          save={save}
          onClose={close}
        />
      )}
    />
  );
}

/** Journeys whose live version has a node that sends SMS, by name: running and paused. */
export interface SmsUse {
  live: string[];
  paused: string[];
}

export function smsUse(
  journeys: readonly Pick<JourneyListItem, 'name' | 'status' | 'liveSends'>[],
): SmsUse {
  const names = (status: 'live' | 'paused') =>
    journeys
      .filter((j) => j.status === status && j.liveSends.includes('sms'))
      .map((j) => `“${j.name}”`);
  return { live: names('live'), paused: names('paused') };
}

/** The line under a stored provider: who sends texts through it, and who is held. */
export function smsUsedBy(use: SmsUse): string | null {
  const parts: string[] = [];
  if (use.live.length > 0) parts.push(`Sending texts now: ${use.live.join(', ')}.`);
  if (use.paused.length > 0)
    parts.push(`Paused, resume on the journey's page: ${use.paused.join(', ')}.`);
  return parts.length > 0 ? parts.join(' ') : null;
}

/** What removing the provider does: the running journeys that send texts are paused. */
export function smsRemovalConsequence(use: SmsUse): string {
  const n = use.live.length;
  if (n === 0)
    return 'Journeys with a Send SMS step cannot be published or resumed until a provider is set again.';
  return n === 1
    ? `1 running journey sends SMS (${use.live.join(', ')}): it is paused until a provider is set again and you resume it.`
    : `${n} running journeys send SMS (${use.live.join(', ')}): they are paused until a provider is set again and you resume them.`;
}

/** A title inside a sentence: "E-mail server" becomes "e-mail server", "SMS" stays. */
export function inSentence(title: string): string {
  return /^[A-Z][a-z-]/.test(title) ? `${title.charAt(0).toLowerCase()}${title.slice(1)}` : title;
}
