import { messageChannels, type ListedDeliveryStatus } from '@switchyard/contracts';
import { useCan } from '../auth/use-can.hook';
import { isMessageChannel } from '../shared/channels';
import { formatCount } from '../shared/format';
import { LoadError } from '../settings/load-error.component';
import { Pager } from '../shared/pager.component';
import { channelName, emptyText, retryAllLabel } from './deliveries-labels';
import { DeliveriesTable } from './deliveries-table.component';
import { DeliveriesStepScope } from './deliveries-step.component';
import { type DeliveriesStep, PAGE_SIZE, useDeliveries } from './use-deliveries.hook';

/**
 * The workspace's messages that did not go out: failed for good (with the provider's
 * error, to send again) and still waiting. Sent ones are on customers and journeys.
 */
export function DeliveriesPage({ step }: { step: DeliveriesStep }) {
  const d = useDeliveries(step);
  const canRetry = useCan('marketer');
  const { query, page, counts } = d;
  const tab = (status: ListedDeliveryStatus, label: string) => (
    <button
      type="button"
      className={query.status === status ? 'segmented__on' : undefined}
      aria-pressed={query.status === status}
      data-testid={`deliveries-tab-${status}`}
      onClick={() => d.showStatus(status)}
    >
      {label}
      {counts && ` (${formatCount(counts[status])})`}
    </button>
  );
  // Failed rows matching the filter, across pages: what "Retry all" sends again.
  const retryable = query.status === 'failed' && page ? page.total : 0;
  const empty = page && page.items.length === 0 ? emptyText(query.status, query.channel) : null;

  return (
    <div className="page page--wide">
      <header className="page__header">
        <div>
          <h1>Deliveries</h1>
          <p className="muted">
            Messages that failed or are still waiting to go out. Sent messages are on each
            customer’s page and in each journey’s counts.
          </p>
        </div>
        {canRetry && retryable > 0 && (
          <button
            type="button"
            className="button button--primary"
            data-testid="deliveries-retry-all"
            disabled={d.busy !== null}
            onClick={() => d.retryAll(retryable)}
          >
            {d.busy === 'all' ? 'Sending again…' : retryAllLabel(query.channel)}
          </button>
        )}
      </header>
      {step && (
        <DeliveriesStepScope
          step={step}
          fallbackTitle={page?.items[0]?.journey?.stepTitle ?? null}
        />
      )}
      <div className="deliveries__filters">
        <div className="segmented" role="group" aria-label="Show">
          {tab('failed', 'Failed')}
          {tab('pending', 'Waiting')}
        </div>
        <label className="deliveries__channel">
          <span className="muted small">Channel</span>
          <select
            value={query.channel ?? ''}
            data-testid="deliveries-channel"
            onChange={(e) =>
              d.showChannel(isMessageChannel(e.target.value) ? e.target.value : null)
            }
          >
            <option value="">All</option>
            {messageChannels.map((c) => (
              <option key={c} value={c}>
                {channelName(c)}
              </option>
            ))}
          </select>
        </label>
        {d.result.state === 'ready' && !page && <span className="muted small">Loading…</span>}
      </div>
      {d.outcome && (
        <p
          className={`banner ${d.outcome.kind === 'done' ? 'banner--success' : 'banner--error'}`}
          role={d.outcome.kind === 'done' ? 'status' : 'alert'}
          data-testid={d.outcome.kind === 'done' ? 'deliveries-note' : 'deliveries-action-error'}
        >
          {d.outcome.text}
        </p>
      )}
      {d.result.state === 'loading' && <p className="muted">Loading…</p>}
      {d.result.state === 'error' && (
        <LoadError what="the deliveries" error={d.result.error} onRetry={d.reload} />
      )}
      {empty && (
        <div className="empty-state" data-testid="deliveries-empty">
          <h2>{empty.title}</h2>
          <p>{empty.text}</p>
        </div>
      )}
      {page && page.items.length > 0 && (
        <>
          <DeliveriesTable items={page.items} canRetry={canRetry} busy={d.busy} onRetry={d.retry} />
          <Pager
            offset={query.offset}
            pageSize={PAGE_SIZE}
            shown={page.items.length}
            total={page.total}
            onOffset={d.showOffset}
            testId="deliveries-range"
          />
        </>
      )}
    </div>
  );
}
