import { useEditorStore } from '../store/editor.store';

/** entered / waiting / failed counts of the live version, polled by useJourneyStats. */
export function NodeStatsBadge({ nodeId }: { nodeId: string }) {
  const stats = useEditorStore((s) => s.stats[nodeId]);
  if (!stats) return null;
  return (
    <div className="jnode__stats" data-testid={`node-stats-${nodeId}`}>
      <span title="customers who reached this step">{stats.entered} in</span>
      {stats.waiting > 0 && <span title="waiting here now">{stats.waiting} waiting</span>}
      <span title="completed this step">{stats.completed} done</span>
      {stats.failed > 0 && (
        <span className="jnode__stats-failed" title="failed at this step">
          {stats.failed} failed
        </span>
      )}
    </div>
  );
}
