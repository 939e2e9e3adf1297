import { workspaceSettingsBodySchema, type FrequencyCap } from '@switchyard/contracts';
import { useState } from 'react';
import { describeError } from '../../api/api-client';
import { api } from '../../app/api';
import { useReferencesStore } from '../store/references.store';

type Channel = FrequencyCap['channel'];
const CHANNELS: { channel: Channel; label: string }[] = [
  { channel: 'email', label: 'Emails' },
  { channel: 'sms', label: 'SMS' },
];

interface CapDraft {
  on: boolean;
  max: string;
  days: string;
}

function draftOf(caps: readonly FrequencyCap[]): Record<Channel, CapDraft> {
  const of = (channel: Channel): CapDraft => {
    const cap = caps.find((c) => c.channel === channel);
    return cap
      ? { on: true, max: String(cap.max), days: String(cap.days) }
      : { on: false, max: '3', days: '7' };
  };
  return { email: of('email'), sms: of('sms') };
}

const capText = (cap: FrequencyCap) =>
  `at most ${cap.max} per ${cap.days === 1 ? 'day' : `${cap.days} days`}`;

/** Workspace-wide frequency caps (every journey): shown here, edited in place. */
export function FrequencyCaps() {
  const workspace = useReferencesStore((s) => s.workspace);
  const setWorkspace = useReferencesStore((s) => s.setWorkspace);
  const [editing, setEditing] = useState<Record<Channel, CapDraft> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  if (!workspace)
    return (
      <section className="settings-section settings-section--plain">
        <h4>Frequency caps</h4>
        <p className="muted small">Workspace settings are not available.</p>
      </section>
    );

  const save = async () => {
    if (!editing) return;
    const frequencyCaps = CHANNELS.filter(({ channel }) => editing[channel].on).map(
      ({ channel }) => ({
        channel,
        max: Number(editing[channel].max),
        days: Number(editing[channel].days),
      }),
    );
    const parsed = workspaceSettingsBodySchema.safeParse({ frequencyCaps });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return setError(issue ? `${issue.path.slice(2).join(' ')} ${issue.message}`.trim() : '');
    }
    setSaving(true);
    setError(null);
    try {
      setWorkspace(await api.workspace.updateSettings({ frequencyCaps }));
      setEditing(null);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="settings-section settings-section--plain" data-testid="frequency-caps">
      <h4>Frequency caps</h4>
      <p className="field__description">
        For the whole workspace, across all journeys. Messages over a cap are skipped.
      </p>
      {!editing && (
        <>
          <ul className="caps-list">
            {CHANNELS.map(({ channel, label }) => {
              const cap = workspace.frequencyCaps.find((c) => c.channel === channel);
              return (
                <li key={channel} data-testid={`cap-${channel}`}>
                  <span>{label}</span>
                  <span className="muted">{cap ? capText(cap) : 'no cap'}</span>
                </li>
              );
            })}
          </ul>
          <button
            type="button"
            className="link-button"
            data-testid="caps-edit"
            onClick={() => setEditing(draftOf(workspace.frequencyCaps))}
          >
            Change caps
          </button>
        </>
      )}
      {editing && (
        <div className="caps-editor">
          {CHANNELS.map(({ channel, label }) => {
            const draft = editing[channel];
            const set = (patch: Partial<CapDraft>) =>
              setEditing({ ...editing, [channel]: { ...draft, ...patch } });
            return (
              <div key={channel} className="caps-editor__row">
                <label className="choice">
                  <input
                    type="checkbox"
                    checked={draft.on}
                    data-testid={`cap-${channel}-on`}
                    onChange={(e) => set({ on: e.target.checked })}
                  />
                  <span className="choice__label">{label}</span>
                </label>
                <span className="muted small">at most</span>
                <input
                  type="number"
                  min={1}
                  aria-label={`${label}: most messages`}
                  data-testid={`cap-${channel}-max`}
                  disabled={!draft.on}
                  value={draft.max}
                  onChange={(e) => set({ max: e.target.value })}
                />
                <span className="muted small">per</span>
                <input
                  type="number"
                  min={1}
                  aria-label={`${label}: days`}
                  data-testid={`cap-${channel}-days`}
                  disabled={!draft.on}
                  value={draft.days}
                  onChange={(e) => set({ days: e.target.value })}
                />
                <span className="muted small">days</span>
              </div>
            );
          })}
          {error && <p className="field__error">{error}</p>}
          <div className="caps-editor__actions">
            <button type="button" className="button button--small" onClick={() => setEditing(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="button button--small button--primary"
              data-testid="caps-save"
              disabled={saving}
              onClick={() => void save()}
            >
              {saving ? 'Saving…' : 'Save caps'}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
