import { describeError } from '../api/api-client';
import { api } from '../app/api';
import { Link } from '../app/link.component';
import { formatCount, formatDate } from '../shared/format';
import { useResource } from '../shared/use-resource.hook';
import { KIND_TITLES } from './campaign-labels';

/** Campaigns: drafts and launched ones, newest first. */
export function CampaignsPage() {
  const [campaigns, reload] = useResource(() => api.campaigns.list(), []);
  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1>Campaigns</h1>
          <p className="muted">
            One e-mail to an audience, written for how its customers moved. Start one from any
            movement of a segment group.
          </p>
        </div>
      </header>
      {campaigns.state === 'loading' && <p className="muted">Loading…</p>}
      {campaigns.state === 'error' && (
        <p className="banner banner--error" role="alert">
          Could not load campaigns: {describeError(campaigns.error)}{' '}
          <button type="button" className="link-button" onClick={reload}>
            Retry
          </button>
        </p>
      )}
      {campaigns.state === 'ready' && campaigns.data.length === 0 && (
        <div className="empty-state">
          <h2>No campaigns yet</h2>
          <p>Open a segment group's movement, click a flow or a cell, and draft a campaign.</p>
          <Link to={{ page: 'groups' }} className="button button--primary">
            Segment groups
          </Link>
        </div>
      )}
      {campaigns.state === 'ready' && campaigns.data.length > 0 && (
        <table className="table" data-testid="campaigns-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Kind</th>
              <th>Audience</th>
              <th>Status</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {campaigns.data.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={{ page: 'campaign', campaignId: c.id }} className="table__link">
                    {c.name}
                  </Link>
                </td>
                <td>{KIND_TITLES[c.kind]}</td>
                <td>
                  {c.audienceName} ({formatCount(c.audienceSize)})
                </td>
                <td>{c.status}</td>
                <td>{formatDate(c.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
