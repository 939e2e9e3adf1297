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
import { formatDate } from '../shared/format';
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
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { name, scope };
    const invalid = fieldErrors(createApiKeyBodySchema, body);
    setErrors(invalid);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      setCreated(await accessApi.createApiKey(createApiKeyBodySchema.parse(body)));
      setName('');
      onCreated();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card settings-card">
      <h2 className="section-title">Create a key</h2>
      <form className="settings-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field settings-form__grow">
          <label className="field__label" htmlFor="key-name">
            Name
          </label>
          <input
            id="key-name"
            data-testid="key-name"
            type="text"
            placeholder="e.g. Website tracking"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          {errors['name'] && <p className="field__error">{errors['name']}</p>}
        </div>
        <div className="field">
          <label className="field__label" htmlFor="key-scope">
            Scope
          </label>
          <select
            id="key-scope"
            data-testid="key-scope"
            value={scope}
            onChange={(e) => setScope(e.target.value as ApiKeyScope)}
          >
            {apiKeyScopes.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="button button--primary"
          data-testid="create-key"
          disabled={busy}
        >
          {busy ? 'Creating…' : 'Create key'}
        </button>
      </form>
      <p className="field__hint">
        An {scope} key {SCOPE_HINTS[scope]}.
      </p>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      {created && (
        <div className="banner banner--success" data-testid="created-key">
          <p>Copy the key of “{created.name}” now: it will not be shown again.</p>
          <CopyBox value={created.key} testId="new-key" />
        </div>
      )}
    </section>
  );
}
