import { LoadFailed } from '../shared/load-failed.component';
import type { SegmentView } from '@switchyard/contracts';
import { useEffect, useState } from 'react';
import { describeError } from '../api/api-client';
import { api } from '../app/api';
import { navigate } from '../app/router';
import { useCatalogStore } from '../catalog/catalog';
import { formatCount, formatDate } from '../shared/format';
import { useResource } from '../shared/use-resource.hook';
import { ruleToForm } from './rule-form/rule-form.read';
import { SegmentEditor } from './segment-editor.component';
import { useSegmentForm } from './use-segment-form.hook';
import { useCan } from '../auth/use-can.hook';

/** Edit an existing segment: its rule opens in the builder exactly as stored. */
export function SegmentEditPage({ segmentId }: { segmentId: string }) {
  const reset = useCatalogStore((s) => s.reset);
  // Leaving the editor forgets the catalog: the next visit sees newly arrived data.
  useEffect(() => reset, [reset]);
  const [segment, reload] = useResource(() => api.segments.get(segmentId), [segmentId]);
  switch (segment.state) {
    case 'loading':
      return <div className="page-message">Loading segment…</div>;
    case 'error':
      return (
        <LoadFailed
          what="the segment"
          error={segment.error}
          onRetry={reload}
          back={{ to: { page: 'segments' }, label: '← Segments' }}
        />
      );
    case 'ready':
      return <LoadedSegment key={segment.data.updatedAt} segment={segment.data} />;
    default: {
      const never: never = segment;
      throw new Error(`unknown state ${JSON.stringify(never)}`);
    }
  }
}

function LoadedSegment({ segment }: { segment: SegmentView }) {
  const [init] = useState(() => ({
    segmentId: segment.id,
    name: segment.name,
    color: segment.color,
    form: ruleToForm(segment.rule),
  }));
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const canEdit = useCan('marketer');
  const f = useSegmentForm(init, () => navigate({ page: 'segments' }));
  const remove = async () => {
    if (!window.confirm(`Delete the segment “${segment.name}”?`)) return;
    try {
      await api.segments.remove(segment.id);
      navigate({ page: 'segments' });
    } catch (error) {
      setDeleteError(describeError(error));
    }
  };
  return (
    <SegmentEditor
      title="Edit segment"
      f={f}
      actions={
        <div className="page__header-actions">
          <span className="muted small" data-testid="segment-members-now">
            {segment.evaluatedAsOf
              ? `${formatCount(segment.memberCount)} members as of ${formatDate(segment.evaluatedAsOf)}`
              : 'Not evaluated yet: no members stored'}
          </span>
          {canEdit && (
            <button
              type="button"
              className="button button--ghost button--danger-text"
              data-testid="segment-delete"
              onClick={() => void remove()}
            >
              Delete
            </button>
          )}
          {deleteError && (
            <p className="field__error" role="alert">
              {deleteError}
            </p>
          )}
        </div>
      }
    />
  );
}
