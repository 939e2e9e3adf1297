import { describeError } from '../api/api-client';
import { api } from '../app/api';
import { Link } from '../app/link.component';
import { SegmentChip } from '../segments/segment-chip.component';
import { useResource } from '../shared/use-resource.hook';
import { useCan } from '../auth/use-can.hook';

/** Segment groups: ordered segments where the first match wins, plus a fallback. */
export function GroupsPage() {
  const [groups, reload] = useResource(() => api.groups.list(), []);
  const canEdit = useCan('marketer');
  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1>Segment groups</h1>
          <p className="muted">
            Put every customer in exactly one bucket (e.g. lifecycle stages) to follow how they
            move.
          </p>
        </div>
        <div className="page__header-actions">
          <Link to={{ page: 'templates' }} className="button" testId="groups-templates">
            Templates
          </Link>
          {canEdit && (
            <Link to={{ page: 'group-new' }} className="button button--primary" testId="group-new">
              New group
            </Link>
          )}
        </div>
      </header>
      {groups.state === 'loading' && <p className="muted">Loading…</p>}
      {groups.state === 'error' && (
        <p className="banner banner--error" role="alert">
          Could not load groups: {describeError(groups.error)}{' '}
          <button type="button" className="link-button" onClick={reload}>
            Retry
          </button>
        </p>
      )}
      {groups.state === 'ready' && groups.data.length === 0 && (
        <div className="empty-state">
          <h2>No segment groups yet</h2>
          <p>Start from a template (lifecycle, RFM, …) or build one from your segments.</p>
          <Link to={{ page: 'templates' }} className="button button--primary">
            Browse templates
          </Link>
        </div>
      )}
      {groups.state === 'ready' && groups.data.length > 0 && (
        <ul className="group-cards" data-testid="groups-list">
          {groups.data.map((group) => (
            <li key={group.id} className="card group-card" data-testid={`group-card-${group.id}`}>
              <Link
                to={{ page: 'group-edit', groupId: group.id }}
                className="group-card__name"
                testId={`group-open-${group.id}`}
              >
                {group.name}
              </Link>
              {group.description && <p className="muted small">{group.description}</p>}
              <Link
                to={{ page: 'movement', groupId: group.id }}
                className="small"
                testId={`group-movement-${group.id}`}
              >
                See movement between two dates →
              </Link>
              <ol className="group-card__buckets">
                {group.members.map((m) => (
                  <li key={m.segmentId}>
                    <span className="group-card__rank">{m.index}</span>
                    <SegmentChip
                      name={m.label ?? m.segmentName}
                      color={bucketColor(group, m.index)}
                    />
                  </li>
                ))}
                <li>
                  <span className="muted small">else</span>{' '}
                  <SegmentChip name={group.fallback.label} color={group.fallback.color} />
                </li>
              </ol>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function bucketColor(
  group: { buckets: { index: number; color: string }[] },
  index: number,
): string {
  return group.buckets.find((b) => b.index === index)?.color ?? '#64748b';
}
