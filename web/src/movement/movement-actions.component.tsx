import type { AudienceView, GroupMovementView } from '@switchyard/contracts';
import { useEffect, useState } from 'react';
import { describeError } from '../api/api-client';
import { api } from '../app/api';
import { navigate } from '../app/router';
import { formatCount } from './movement-format';
import { audienceBody, describePick, type MovementDates, type MovementPick } from './movement-pick';

type Saving =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved'; audience: AudienceView }
  | { state: 'error'; message: string };

/** What can be done with the picked customers: save them as an audience, or draft a campaign. */
export function MovementActions({
  view,
  dates,
  pick,
  onClose,
}: {
  view: GroupMovementView;
  dates: MovementDates;
  pick: MovementPick;
  onClose: () => void;
}) {
  const { title, count } = describePick(view, pick, dates);
  const [name, setName] = useState(title);
  const [saving, setSaving] = useState<Saving>({ state: 'idle' });
  useEffect(() => {
    setName(title);
    setSaving({ state: 'idle' });
  }, [title]);

  const draftCampaign = async () => {
    setSaving({ state: 'saving' });
    try {
      const { movement } = audienceBody(view, pick, dates, name.trim());
      const campaign = await api.campaigns.create({
        name: name.trim(),
        ...(movement ? { movement } : {}),
      });
      navigate({ page: 'campaign', campaignId: campaign.id });
    } catch (error) {
      setSaving({ state: 'error', message: describeError(error) });
    }
  };

  const create = async () => {
    setSaving({ state: 'saving' });
    try {
      const audience = await api.audiences.create(audienceBody(view, pick, dates, name.trim()));
      setSaving({ state: 'saved', audience });
    } catch (error) {
      setSaving({ state: 'error', message: describeError(error) });
    }
  };

  return (
    <aside className="card movement-actions" data-testid="movement-selection" aria-live="polite">
      <header className="movement-actions__header">
        <div>
          <h2 data-testid="movement-selection-title">{title}</h2>
          <p className="movement-actions__count">
            <strong data-testid="movement-selection-count">{formatCount(count)}</strong> customers
          </p>
        </div>
        <button type="button" className="button button--ghost" onClick={onClose}>
          Close
        </button>
      </header>
      <label className="field">
        <span className="field__label">Audience name</span>
        <input
          type="text"
          data-testid="audience-name"
          value={name}
          maxLength={200}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <button
        type="button"
        className="button button--primary"
        data-testid="audience-create"
        disabled={count === 0 || name.trim() === '' || saving.state === 'saving'}
        onClick={() => void create()}
      >
        {saving.state === 'saving'
          ? 'Saving…'
          : `Save ${formatCount(count)} customers as an audience`}
      </button>
      <button
        type="button"
        className="button"
        data-testid="campaign-draft"
        disabled={count === 0 || name.trim() === '' || saving.state === 'saving'}
        onClick={() => void draftCampaign()}
      >
        Draft a campaign for them
      </button>
      <p className="muted small">
        An audience is a frozen list: these customers stay in it whatever they do next. A campaign
        gets content written for this movement, to edit, preview and launch.
      </p>
      {saving.state === 'saved' && (
        <p className="banner banner--success" data-testid="audience-created">
          Audience “{saving.audience.name}” saved with {formatCount(saving.audience.size)}{' '}
          customers.
        </p>
      )}
      {saving.state === 'error' && (
        <p className="banner banner--error" role="alert">
          Could not save the audience: {saving.message}
        </p>
      )}
    </aside>
  );
}
