import { describeError } from '../api/api-client';
import { api } from '../app/api';
import { Link } from '../app/link.component';
import { formatCount, formatDate } from '../shared/format';
import { useResource } from '../shared/use-resource.hook';
import { SegmentChip } from './segment-chip.component';
import { useCan } from '../auth/use-can.hook';

/** All segments with their colour, size and when they were last evaluated. */
export function SegmentsPage() {
  const [segments, reload] = useResource(() => api.segments.list(), []);
  const canEdit = useCan('marketer');
  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1>Segments</h1>
          <p className="muted">
            Named, coloured rules. Customers move in and out as they act; the label shows next to
            their name everywhere.
          </p>
        </div>
        {canEdit && (
          <Link
            to={{ page: 'segment-new' }}
            className="button button--primary"
            testId="segment-new"
          >
            New segment
          </Link>
        )}
      </header>
      {segments.state === 'loading' && <p className="muted">Loading…</p>}
      {segments.state === 'error' && (
        <p className="banner banner--error" role="alert">
          Could not load segments: {describeError(segments.error)}{' '}
          <button type="button" className="link-button" onClick={reload}>
            Retry
          </button>
        </p>
      )}
      {segments.state === 'ready' && segments.data.length === 0 && (
        <div className="empty-state">
          <h2>No segments yet</h2>
          <p>Describe a group of customers, e.g. “ordered at least 3 times in the last 90 days”.</p>
          {canEdit && (
            <Link to={{ page: 'segment-new' }} className="button button--primary">
              Create a segment
            </Link>
          )}
        </div>
      )}
      {segments.state === 'ready' && segments.data.length > 0 && (
        <table className="table" data-testid="segments-table">
          <thead>
            <tr>
              <th>Segment</th>
              <th className="table__num">Members</th>
              <th>Last evaluated</th>
            </tr>
          </thead>
          <tbody>
            {segments.data.map((segment) => (
              <tr key={segment.id} data-testid={`segment-row-${segment.id}`}>
                <td>
                  <Link
                    to={{ page: 'segment-edit', segmentId: segment.id }}
                    className="table__link"
                    testId={`segment-open-${segment.id}`}
                  >
                    <SegmentChip name={segment.name} color={segment.color} />
                  </Link>
                  {segment.description && (
                    <span className="muted small table__sub">{segment.description}</span>
                  )}
                </td>
                <td className="table__num" data-testid={`segment-members-${segment.id}`}>
                  {formatCount(segment.memberCount ?? 0)}
                </td>
                <td className="muted">
                  {segment.evaluatedAsOf ? formatDate(segment.evaluatedAsOf) : 'Not yet'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
