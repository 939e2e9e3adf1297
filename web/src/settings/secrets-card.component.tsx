import { secretNameParamSchema, secretValueBodySchema } from '@switchyard/contracts';
import { type FormEvent, useState } from 'react';
import { api } from '../app/api';
import { fieldErrors } from '../auth/form-errors';
import { FormError, InputField } from '../shared/form.component';
import { useFormSubmit } from '../shared/use-form-submit.hook';
import { useResource } from '../shared/use-resource.hook';
import { LoadError } from './load-error.component';
import { RemovableList } from './removable-list.component';
import { SaveActions } from './saved-note.component';

/**
 * The secrets plugin nodes read with `ctx.secret(name)`: listed by name, set (a name that
 * exists is replaced) and removed; a value is never shown.
 */
export function SecretsCard() {
  const [names, reload] = useResource(() => api.workspace.secrets(), []);
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const form = useFormSubmit();

  const submit = (event: FormEvent) => {
    const check = {
      ...fieldErrors(secretNameParamSchema, { name }),
      ...fieldErrors(secretValueBodySchema, { value }),
    };
    form.submit(event, check, async () => {
      await api.workspace.setSecret(name, value);
      setName('');
      setValue('');
      reload();
    });
  };

  return (
    <section className="card settings-card" data-testid="secrets-card">
      <h2 className="section-title">Secrets for plugin nodes</h2>
      <p className="muted small">
        Plugin nodes read these with <code>ctx.secret(name)</code>. Values are stored encrypted and
        never shown; setting a name that exists replaces its value.
      </p>
      {names.state === 'error' && (
        <LoadError what="the secrets" error={names.error} onRetry={reload} />
      )}
      {names.state === 'ready' &&
        (names.data.names.length === 0 ? (
          <p className="muted small" data-testid="secrets-none">
            No secrets yet.
          </p>
        ) : (
          <RemovableList
            items={names.data.names}
            keyOf={(secret) => secret}
            testId="secret"
            buttonLabel="Remove"
            question={(secret) =>
              `Remove the secret "${secret}"? Plugin steps that read it will fail.`
            }
            remove={(secret) => api.workspace.removeSecret(secret)}
            onRemoved={reload}
          >
            {(secret) => <code>{secret}</code>}
          </RemovableList>
        ))}
      <form className="settings-form" onSubmit={submit} noValidate>
        <InputField
          id="secret-name"
          label="Name"
          placeholder="e.g. SLACK_TOKEN"
          autoComplete="off"
          value={name}
          onChange={setName}
          error={form.errors['name']}
        />
        <InputField
          id="secret-value"
          label="Value"
          type="password"
          autoComplete="new-password"
          value={value}
          onChange={setValue}
          error={form.errors['value']}
          grow
        />
        <SaveActions busy={form.busy} label="Save secret" testId="save-secret" />
      </form>
      <FormError error={form.error} />
    </section>
  );
}
