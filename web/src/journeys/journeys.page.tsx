import { TRIGGER_NODE_TYPE, type JourneyGraph, type MessageChannel } from '@switchyard/contracts';
import { useState, type FormEvent } from 'react';
import { describeError } from '../api/api-client';
import { api } from '../app/api';
import { Link } from '../app/link.component';
import { navigate } from '../app/router';
import { channelName } from '../shared/channels';
import { formatCount, formatDate } from '../shared/format';
import { useResource } from '../shared/use-resource.hook';
import { journeyStatusLabel, statusReasonText, statusTone } from '../editor/toolbar/journey-status';
import { useCan } from '../auth/use-can.hook';
import { triggerOf, useTriggerRefs } from './trigger-refs.hook';

/** A new journey starts with its trigger, waiting for a segment to be chosen. */
export const initialJourneyGraph = (): JourneyGraph => ({
  nodes: [
    {
      id: 'trigger',
      type: TRIGGER_NODE_TYPE,
      position: { x: 0, y: 0 },
      config: { kind: 'segment_entered' },
    },
  ],
  edges: [],
});

export function JourneysPage() {
  const [journeys, reload] = useResource(() => api.journeys.list(), []);
  const refs = useTriggerRefs();
  const [name, setName] = useState('');
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canEdit = useCan('marketer');

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError('Give the journey a name.');
    setCreating(true);
    setError(null);
    try {
      const journey = await api.journeys.create({
        name: name.trim(),
        graph: initialJourneyGraph(),
      });
      navigate({ page: 'journey-editor', journeyId: journey.id });
    } catch (e) {
      setError(describeError(e));
      setCreating(false);
    }
  };

  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1>Journeys</h1>
          <p className="muted">
            Flows that start when customers enter or leave a segment or group, do an event, or on a
            schedule.
          </p>
        </div>
        {canEdit && (
          <form className="inline-form" onSubmit={(e) => void create(e)}>
            <input
              type="text"
              placeholder="New journey name"
              value={name}
              data-testid="journey-new-name"
              onChange={(e) => setName(e.target.value)}
              aria-label="New journey name"
            />
            <button
              type="submit"
              className="button button--primary"
              data-testid="journey-new"
              disabled={creating}
            >
              {creating ? 'Creating…' : 'New journey'}
            </button>
          </form>
        )}
      </header>
      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      {journeys.state === 'loading' && <p className="muted">Loading…</p>}
      {journeys.state === 'error' && (
        <p className="banner banner--error" role="alert">
          Could not load journeys: {describeError(journeys.error)}{' '}
          <button type="button" className="link-button" onClick={reload}>
            Retry
          </button>
        </p>
      )}
      {journeys.state === 'ready' && journeys.data.length === 0 && (
        <div className="empty-state">
          <h2>No journeys yet</h2>
          <p>Name your first journey above: a welcome series for new customers is a good start.</p>
        </div>
      )}
      {journeys.state === 'ready' && journeys.data.length > 0 && (
        <table className="table" data-testid="journeys-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Trigger</th>
              <th>Status</th>
              <th>Sends</th>
              <th className="table__num">In journey now</th>
              <th className="table__num">Entered</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {journeys.data.map((journey) => (
              <tr key={journey.id} data-testid={`journey-row-${journey.id}`}>
                <td>
                  <Link
                    to={{ page: 'journey-editor', journeyId: journey.id }}
                    className="table__link"
                  >
                    {journey.name}
                  </Link>
                </td>
                <td className="journeys__trigger" data-testid={`journey-row-trigger-${journey.id}`}>
                  {refs ? triggerOf(journey.graph, refs) : '…'}
                </td>
                <td>
                  <span
                    className={`status-chip status-chip--${statusTone({ status: journey.status, liveVersion: journey.liveVersion ?? null })}`}
                    data-testid={`journey-row-status-${journey.id}`}
                  >
                    {journeyStatusLabel({
                      status: journey.status,
                      liveVersion: journey.liveVersion ?? null,
                    })}
                  </span>
                  {journey.hasUnpublishedChanges && journey.liveVersion && (
                    <span className="muted small"> · unpublished changes</span>
                  )}
                  <StatusReason
                    journeyId={journey.id}
                    text={statusReasonText({
                      status: journey.status,
                      statusReason: journey.statusReason ?? null,
                    })}
                  />
                </td>
                <td className="muted nowrap" data-testid={`journey-row-sends-${journey.id}`}>
                  {sendsLabel(journey.liveSends)}
                </td>
                <td className="table__num" data-testid={`journey-row-active-${journey.id}`}>
                  {formatCount(journey.enrollments.active)}
                </td>
                <td className="table__num" data-testid={`journey-row-total-${journey.id}`}>
                  {formatCount(journey.enrollments.total)}
                </td>
                <td className="muted">{formatDate(journey.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** What the live version sends, e.g. "E-mail · SMS"; a dash without a live version. */
export function sendsLabel(channels: readonly MessageChannel[]): string {
  return channels.length === 0 ? '—' : channels.map(channelName).join(' · ');
}

/** Why Switchyard paused a journey (its segment deleted, no SMS provider), under its status. */
function StatusReason({ journeyId, text }: { journeyId: string; text: string | null }) {
  if (!text) return null;
  return (
    <div className="small journeys__reason" data-testid={`journey-row-reason-${journeyId}`}>
      {text}
    </div>
  );
}
