import type { DeliveryView } from '@switchyard/contracts';
import { Link } from '../app/link.component';
import { formatCount, formatDate } from '../shared/format';
import { nextTryText } from '../shared/next-try';
import { channelName, marksTransactional, waitsForLater } from './deliveries-labels';

interface DeliveriesTableProps {
  items: DeliveryView[];
  /** Whether failed rows get Retry, and rows waiting for a later try Send now (owners, marketers). */
  canRetry: boolean;
  /** The row being retried, or 'all'; its buttons are disabled meanwhile. */
  busy: string | null;
  onRetry: (deliveryId: string) => void;
}

/** Failed or waiting messages, one a row: when, where to, what, whose, from which step, why. */
export function DeliveriesTable({ items, canRetry, busy, onRetry }: DeliveriesTableProps) {
  const retries = canRetry && items.some((d) => d.status === 'failed' || waitsForLater(d));
  const waiting = items.some((d) => d.status === 'pending');
  return (
    <div className="table-scroll">
      <table className="table deliveries__table" data-testid="deliveries-table">
        <thead>
          <tr>
            <th>When</th>
            <th>Channel</th>
            <th>To</th>
            <th>What</th>
            <th>Customer</th>
            <th>Journey · step</th>
            <th className="table__num">Attempts</th>
            <th>{waiting ? 'Last error' : 'Error'}</th>
            {waiting && <th className="nowrap">Next try</th>}
            {retries && <th aria-label="Actions" />}
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={d.id} data-testid={`delivery-row-${d.id}`} data-status={d.status}>
              <td className="deliveries__when">{formatDate(d.createdAt)}</td>
              <td className="nowrap">
                {channelName(d.channel)}
                {marksTransactional(d) && (
                  <span
                    className="table__sub muted small"
                    title="Skips frequency caps and quiet hours"
                  >
                    transactional
                  </span>
                )}
              </td>
              <td>
                {d.recipient ? (
                  <span className="mono deliveries__to" title={d.recipient}>
                    {d.recipient}
                  </span>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="deliveries__what">{d.summary ?? <span className="muted">—</span>}</td>
              <td className="deliveries__customer">
                {d.customer ? (
                  <Link
                    to={{ page: 'customer', customerId: d.customer.id }}
                    className="table__link"
                    testId={`delivery-customer-${d.id}`}
                  >
                    {d.customer.externalId}
                  </Link>
                ) : (
                  <span className="muted">deleted</span>
                )}
              </td>
              <td className="deliveries__journey">
                {d.journey ? (
                  <>
                    <Link
                      to={{ page: 'journey-editor', journeyId: d.journey.id }}
                      className="table__link"
                    >
                      {d.journey.name}
                    </Link>
                    <span className="table__sub muted small">{d.journey.stepTitle}</span>
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="table__num">{formatCount(d.attempts)}</td>
              <td
                className={`deliveries__error deliveries__error--${d.status}`}
                data-testid={`delivery-error-${d.id}`}
              >
                {d.lastError ?? <span className="muted">—</span>}
              </td>
              {waiting && (
                <td
                  className="nowrap"
                  data-testid={`delivery-next-${d.id}`}
                  title={d.nextAttemptAt ? formatDate(d.nextAttemptAt) : undefined}
                >
                  {d.status === 'pending' ? nextTryText(d) : <span className="muted">—</span>}
                </td>
              )}
              {retries && (
                <td className="table__actions">
                  {d.status === 'failed' && (
                    <button
                      type="button"
                      className="button button--small"
                      data-testid={`delivery-retry-${d.id}`}
                      disabled={busy !== null}
                      onClick={() => onRetry(d.id)}
                    >
                      {busy === d.id ? 'Retrying…' : 'Retry'}
                    </button>
                  )}
                  {waitsForLater(d) && (
                    <button
                      type="button"
                      className="button button--small"
                      data-testid={`delivery-send-now-${d.id}`}
                      title="Send it now instead of at its next try"
                      disabled={busy !== null}
                      onClick={() => onRetry(d.id)}
                    >
                      {busy === d.id ? 'Sending…' : 'Send now'}
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
