import { describeError } from '../api/api-client';
import { api } from '../app/api';
import { DeleteButton } from '../shared/delete-button.component';
import { formatCount, formatDate } from '../shared/format';
import { useResource } from '../shared/use-resource.hook';
import { useCan } from '../auth/use-can.hook';
import { describeAudienceSource } from './audience-source';
import { NewAudience } from './new-audience.component';

/**
 * Audiences: frozen customer lists, newest first; save a new one from a segment, a list of
 * ids or empty for journeys; delete the ones no longer needed.
 */
export function AudiencesPage() {
  const [audiences, reload] = useResource(() => api.audiences.list(), []);
  const [segments] = useResource(() => api.segments.list(), []);
  const canEdit = useCan('marketer');
  const segmentList = segments.state === 'ready' ? segments.data : [];
  const segmentNames = new Map(segmentList.map((s) => [s.id, s.name]));
  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1>Audiences</h1>
          <p className="muted">
            Frozen lists of customers, saved from a segment, a movement or a journey step. Campaigns
            send to them; journeys broadcast to them and add to them.
          </p>
        </div>
      </header>
      {canEdit && <NewAudience segments={segmentList} onCreated={reload} />}
      {audiences.state === 'loading' && <p className="muted">Loading…</p>}
      {audiences.state === 'error' && (
        <p className="banner banner--error" role="alert">
          Could not load audiences: {describeError(audiences.error)}{' '}
          <button type="button" className="link-button" onClick={reload}>
            Retry
          </button>
        </p>
      )}
      {audiences.state === 'ready' && audiences.data.length === 0 && (
        <div className="empty-state">
          <h2>No audiences yet</h2>
          <p>
            Save one above, from a segment group's movement, or with a journey's add-to-audience
            step.
          </p>
        </div>
      )}
      {audiences.state === 'ready' && audiences.data.length > 0 && (
        <table className="table" data-testid="audiences-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Customers</th>
              <th>From</th>
              <th>Created</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {audiences.data.map((a) => (
              <tr key={a.id} data-testid={`audience-row-${a.id}`}>
                <td>{a.name}</td>
                <td>{formatCount(a.size)}</td>
                <td className="muted">{describeAudienceSource(a.source, segmentNames)}</td>
                <td className="muted">{formatDate(a.createdAt)}</td>
                <td className="table__actions">
                  <DeleteButton
                    what={`the audience "${a.name}"`}
                    consequence="Its list of customers goes; the customers themselves stay."
                    testId={`audience-delete-${a.id}`}
                    onDelete={() => api.audiences.remove(a.id)}
                    onDeleted={reload}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
