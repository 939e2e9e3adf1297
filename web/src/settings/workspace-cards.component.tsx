import { workspaceSettingsBodySchema } from '@switchyard/contracts';
import { type FormEvent, useMemo, useState } from 'react';
import { FormError, FormField, InputField, TextAreaField } from '../shared/form.component';
import { fieldErrors } from '../auth/form-errors';
import { firstBadHost } from './allowed-hosts.util';
import { SaveActions } from './saved-note.component';
import { useSettingsSave } from './settings-save.hook';
import type { SettingsCardProps } from './workspace-settings.page';

/** The workspace's time zone: what waits until a time of day and quiet hours fall back to. */
export function TimeZoneCard({ settings, onSaved }: SettingsCardProps) {
  const [timezone, setTimezone] = useState(settings.timezone);
  const { form, saved, save } = useSettingsSave(onSaved);
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);

  const submit = (event: FormEvent) => {
    const body = { timezone: timezone.trim() };
    save(event, fieldErrors(workspaceSettingsBodySchema, body), body);
  };

  return (
    <section className="card settings-card" data-testid="timezone-card">
      <h2 className="section-title">Time zone</h2>
      <form className="settings-form" onSubmit={submit} noValidate>
        <FormField
          id="workspace-timezone"
          label="Workspace time zone"
          error={form.errors['timezone']}
          hint="“Wait until a time” steps and quiet hours use each customer's own time zone (the trait timezone) and this one for customers without it."
          grow
        >
          <input
            id="workspace-timezone"
            data-testid="workspace-timezone"
            type="text"
            list="workspace-timezones"
            autoComplete="off"
            value={timezone}
            onChange={(e) => setTimezone(e.target.value)}
          />
          <datalist id="workspace-timezones">
            {zones.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </FormField>
        <SaveActions
          busy={form.busy}
          label="Save time zone"
          testId="save-timezone"
          saved={{ saved, testId: 'timezone-saved' }}
        />
      </form>
      <FormError error={form.error} />
    </section>
  );
}

/** The key webhooks and SMS requests are signed with: write-only, set or not. */
export function SigningKeyCard({ settings, onSaved }: SettingsCardProps) {
  const [key, setKey] = useState('');
  const { form, saved, save } = useSettingsSave(onSaved);

  const submit = (event: FormEvent) => {
    const body = { signingSecret: key };
    save(event, fieldErrors(workspaceSettingsBodySchema, body), body, () => setKey(''));
  };

  return (
    <section className="card settings-card" data-testid="signing-card">
      <h2 className="section-title">Webhook and SMS signatures</h2>
      <p className="muted small" data-testid="signing-status">
        {settings.signingSecretSet
          ? 'A signing key is set. It is never shown; set a new one to replace it.'
          : 'No key set yet: a random one nobody can read is made on the first request. Set your own to check signatures.'}
      </p>
      <form className="settings-form" onSubmit={submit} noValidate>
        <InputField
          id="signing-key"
          label="New signing key"
          type="password"
          autoComplete="new-password"
          placeholder="16 to 200 characters"
          value={key}
          onChange={setKey}
          error={form.errors['signingSecret']}
          grow
        />
        <SaveActions
          busy={form.busy}
          label="Set key"
          testId="save-signing-key"
          saved={{ saved, testId: 'signing-saved' }}
        />
      </form>
      <p className="field__hint">
        Each request carries <code>X-Switchyard-Timestamp</code> and{' '}
        <code>X-Switchyard-Signature: sha256=…</code>, the hex HMAC-SHA256 of{' '}
        <code>timestamp.body</code> with this key, and an <code>Idempotency-Key</code> to drop
        repeats by.
      </p>
      <FormError error={form.error} />
    </section>
  );
}

/** Hosts the workspace's requests may reach at private or loopback addresses. */
export function AllowedHostsCard({ settings, onSaved }: SettingsCardProps) {
  const [text, setText] = useState(settings.allowedHosts.join('\n'));
  const { form, saved, save } = useSettingsSave(onSaved);

  const submit = (event: FormEvent) => {
    const lines = text.split('\n');
    const hosts = lines.map((line) => line.trim()).filter((line) => line !== '');
    const bad = firstBadHost(lines);
    // Shown as stored: normalised, without repeats.
    save(event, bad ? { allowedHosts: bad } : {}, { allowedHosts: hosts }, (stored) =>
      setText(stored.allowedHosts.join('\n')),
    );
  };

  return (
    <section className="card settings-card" data-testid="hosts-card">
      <h2 className="section-title">Private hosts</h2>
      <form onSubmit={submit} noValidate>
        <TextAreaField
          id="allowed-hosts"
          label="Hosts that may be reached at private addresses, one per line"
          placeholder={'crm.internal\n10.0.0.12:8080'}
          value={text}
          onChange={setText}
          error={form.errors['allowedHosts']}
          hint="Webhooks, the SMS provider and plugin requests are refused at loopback and private addresses unless their host is listed here; cloud metadata addresses always. Write host or host:port, without a scheme."
        />
        <SaveActions
          busy={form.busy}
          label="Save hosts"
          testId="save-hosts"
          saved={{ saved, testId: 'hosts-saved' }}
        />
      </form>
      <FormError error={form.error} />
    </section>
  );
}
