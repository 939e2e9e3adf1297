import {
  type ApiKeyScope,
  apiKeyScopes,
  type ApiKeyView,
  createApiKeyBodySchema,
  type CreatedApiKey,
} from '@switchyard/contracts';
import { useState, type FormEvent } from 'react';
import { describeError } from '../api/api-client';
import { fieldErrors } from '../auth/form-errors';
import { FormError, InputField, SelectField, SubmitButton } from '../shared/form.component';
import { formatDate } from '../shared/format';
import { useFormSubmit } from '../shared/use-form-submit.hook';
import { useResource } from '../shared/use-resource.hook';
import { accessApi } from './access.api';
import { CopyBox } from './copy-box.component';
import { LoadError } from './load-error.component';
import { SettingsLayout } from './settings-tabs.component';

const SCOPE_HINTS: Record<ApiKeyScope, string> = {
  ingest: 'sends events only (/v1/identify, /v1/track, /v1/batch): for websites, apps and SDKs',
  admin: 'acts as an owner on every route: for scripts and CI',
};

/** API keys: create with a scope (shown once), see when each was last used, revoke. */
export function ApiKeysPage() {
  const [keys, reload] = useResource(() => accessApi.apiKeys(), []);
  const [error, setError] = useState<string | null>(null);

  const revoke = async (key: ApiKeyView) => {
    if (!window.confirm(`Revoke "${key.name}"? Anything using it stops working at once.`)) return;
    setError(null);
    try {
      await accessApi.revokeApiKey(key.id);
    } catch (e) {
      setError(describeError(e));
    }
    reload();
  };

  return (
    <SettingsLayout
      current="settings-api-keys"
      intro="Keys for SDKs, scripts and CI. A key is shown once, when it is created."
    >
      <CreateKeyForm onCreated={reload} />
      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      {keys.state === 'loading' && <p className="muted">Loading…</p>}
      {keys.state === 'error' && <LoadError what="API keys" error={keys.error} onRetry={reload} />}
      {keys.state === 'ready' && (
        <table className="table" data-testid="api-keys-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Scope</th>
              <th>Key</th>
              <th>Created</th>
              <th>Last used</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {keys.data.map((key) => (
              <tr key={key.id} className={key.revokedAt ? 'table__row--muted' : undefined}>
                <td>{key.name}</td>
                <td>
                  <span className="scope-chip">{key.scope}</span>
                </td>
                <td className="mono">{key.prefix}…</td>
                <td>{formatDate(key.createdAt)}</td>
                <td>{key.lastUsedAt ? formatDate(key.lastUsedAt) : 'never'}</td>
                <td className="table__num">
                  {key.revokedAt ? (
                    <span className="muted">revoked {formatDate(key.revokedAt)}</span>
                  ) : (
                    <button
                      type="button"
                      className="button button--small button--danger-text"
                      data-testid={`revoke-${key.name}`}
                      onClick={() => void revoke(key)}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </SettingsLayout>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ApiKeyScope>('ingest');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const form = useFormSubmit();

  const submit = (event: FormEvent) => {
    const body = { name, scope };
    form.submit(event, fieldErrors(createApiKeyBodySchema, body), async () => {
      setCreated(await accessApi.createApiKey(createApiKeyBodySchema.parse(body)));
      setName('');
      onCreated();
    });
  };

  return (
    <section className="card settings-card">
      <h2 className="section-title">Create a key</h2>
      <form className="settings-form" onSubmit={submit} noValidate>
        <InputField
          id="key-name"
          label="Name"
          placeholder="e.g. Website tracking"
          value={name}
          onChange={setName}
          error={form.errors['name']}
          grow
        />
        <SelectField
          id="key-scope"
          label="Scope"
          value={scope}
          options={apiKeyScopes}
          onChange={setScope}
        />
        <SubmitButton
          busy={form.busy}
          label="Create key"
          busyLabel="Creating…"
          testId="create-key"
        />
      </form>
      <p className="field__hint">
        An {scope} key {SCOPE_HINTS[scope]}.
      </p>
      <FormError error={form.error} />
      {created && (
        <div className="banner banner--success" data-testid="created-key">
          <p>Copy the key of “{created.name}” now: it will not be shown again.</p>
          <CopyBox value={created.key} testId="new-key" />
        </div>
      )}
    </section>
  );
}
