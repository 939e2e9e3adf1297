import { type MessageCounts, overComplaintLimit } from '@switchyard/contracts';
import { Link } from '../../app/link.component';
import { useEditorStore } from '../store/editor.store';

const percent = (part: number, whole: number) =>
  whole > 0 ? `${Math.round((part / whole) * 1000) / 10}%` : '0%';

/**
 * Counts of the shown version (live or previewed), polled by useJourneyStats: entered,
 * waiting, completed, failed, and converted when the journey has a goal; on a node that
 * sends, what its messages came to, how many unsubscribed through them and how many
 * marked them as spam (red above the mailbox providers' 0.3%).
 */
export function NodeStatsBadge({ nodeId }: { nodeId: string }) {
  const stats = useEditorStore((s) => s.stats.byNode[nodeId]);
  const hasGoal = useEditorStore((s) => s.stats.goal !== null);
  const holdout = useEditorStore((s) => s.stats.holdouts.find((h) => h.nodeId === nodeId));
  if (!stats) return null;
  return (
    <div className="jnode__stats" data-testid={`node-stats-${nodeId}`}>
      <span title="customers who reached this step" data-testid={`node-entered-${nodeId}`}>
        <strong>{stats.entered.toLocaleString()}</strong> in
      </span>
      {stats.waiting > 0 && (
        <span title="waiting here now">{stats.waiting.toLocaleString()} waiting</span>
      )}
      <span title="completed this step">{stats.completed.toLocaleString()} done</span>
      {stats.failed > 0 && (
        <span className="jnode__stats-failed" title="failed at this step">
          {stats.failed.toLocaleString()} failed
        </span>
      )}
      {stats.messages && <MessageStats nodeId={nodeId} counts={stats.messages} />}
      {stats.messages && (stats.opened > 0 || stats.clicked > 0) && (
        <span
          title="customers who opened an e-mail of this step (images loaded; some mail apps load them by themselves) and who clicked a link in it"
          data-testid={`node-engagement-${nodeId}`}
        >
          {stats.opened.toLocaleString()} opened ({percent(stats.opened, stats.messages.sent)}) ·{' '}
          {stats.clicked.toLocaleString()} clicked ({percent(stats.clicked, stats.messages.sent)})
        </span>
      )}
      {stats.skipped.length > 0 && <SkippedStats nodeId={nodeId} skipped={stats.skipped} />}
      {stats.unsubscribed > 0 && (
        <span
          className="jnode__stats-unsubscribed"
          title="unsubscribed through this e-mail's link (and have not subscribed again)"
          data-testid={`node-unsubscribed-${nodeId}`}
        >
          {stats.unsubscribed.toLocaleString()} unsubscribed
          {stats.messages ? ` (${percent(stats.unsubscribed, stats.messages.sent)})` : ''}
        </span>
      )}
      {stats.complaints > 0 && (
        <span
          className={
            stats.messages && overComplaintLimit(stats.complaints, stats.messages.sent)
              ? 'jnode__stats-failed'
              : 'jnode__stats-unsubscribed'
          }
          title="marked this e-mail as spam, as their provider reported; Gmail and Yahoo expect under 0.3% of delivered e-mail"
          data-testid={`node-complaints-${nodeId}`}
        >
          {stats.complaints.toLocaleString()} marked as spam
          {stats.messages ? ` (${percent(stats.complaints, stats.messages.sent)})` : ''}
        </span>
      )}
      {hasGoal && (
        <span
          className="jnode__stats-converted"
          title="reached the goal after entering this step"
          data-testid={`node-converted-${nodeId}`}
        >
          {(stats.converted ?? 0).toLocaleString()} converted (
          {percent(stats.converted ?? 0, stats.entered)})
        </span>
      )}
      {holdout && hasGoal && (
        <span
          className={`jnode__stats-lift${holdout.significant ? ' jnode__stats-lift--significant' : ''}`}
          title={`95% interval ${(holdout.lift.ci95[0] * 100).toFixed(1)} to ${(holdout.lift.ci95[1] * 100).toFixed(1)} points`}
        >
          Lift {holdout.lift.absolute >= 0 ? '+' : ''}
          {(holdout.lift.absolute * 100).toFixed(1)} pts
          {holdout.significant ? ' (significant)' : ''}
        </span>
      )}
    </div>
  );
}

/** How many customers left through one output (branch), and converted with a goal. */
export function OutputCount({ nodeId, output }: { nodeId: string; output: string }) {
  const entry = useEditorStore((s) =>
    s.stats.byNode[nodeId]?.outputs?.find((o) => o.output === output),
  );
  const hasGoal = useEditorStore((s) => s.stats.goal !== null);
  const anyStats = useEditorStore((s) => s.stats.byNode[nodeId] !== undefined);
  if (!anyStats) return null;
  const count = entry?.count ?? 0;
  return (
    <span className="jnode__output-count" data-testid={`node-output-count-${nodeId}-${output}`}>
      {count.toLocaleString()}
      {hasGoal && entry ? ` · ${entry.converted.toLocaleString()} conv.` : ''}
    </span>
  );
}

/**
 * Customers the step went on for without sending (unsubscribed, over a frequency cap): the
 * reason when there is one, the list of reasons on hover when there are several.
 */
function SkippedStats({
  nodeId,
  skipped,
}: {
  nodeId: string;
  skipped: readonly { reason: string; count: number }[];
}) {
  const total = skipped.reduce((sum, s) => sum + s.count, 0);
  const only = skipped.length === 1 ? skipped[0] : undefined;
  return (
    <span
      className="jnode__stats-skipped"
      title={skipped.map((s) => `${s.reason}: ${s.count.toLocaleString()}`).join('\n')}
      data-testid={`node-skipped-${nodeId}`}
    >
      {total.toLocaleString()} not sent{only ? ` (${only.reason})` : ''}
    </span>
  );
}

/**
 * Delivery of the node's messages: sent, on their way, and failed for good, which links to
 * the Deliveries page narrowed to this step, where they can be sent again.
 */
function MessageStats({ nodeId, counts }: { nodeId: string; counts: MessageCounts }) {
  const journeyId = useEditorStore((s) => s.journey?.id);
  return (
    <span className="jnode__stats-messages" data-testid={`node-messages-${nodeId}`}>
      <span title="messages the provider accepted">{counts.sent.toLocaleString()} sent</span>
      {counts.waiting > 0 && (
        <span title="messages not sent yet (retrying)">
          {' '}
          · {counts.waiting.toLocaleString()} sending
        </span>
      )}
      {counts.failed > 0 && journeyId && (
        <>
          {' · '}
          <Link
            to={{ page: 'deliveries', step: { journeyId, stepId: nodeId } }}
            className="jnode__stats-failed nodrag"
            testId={`node-messages-failed-${nodeId}`}
          >
            {counts.failed.toLocaleString()} not delivered
          </Link>
        </>
      )}
    </span>
  );
}
