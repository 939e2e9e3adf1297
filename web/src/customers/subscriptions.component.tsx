import type {
  CustomerSubscriptions,
  OptOutSource,
  SubscriptionChannel,
} from '@switchyard/contracts';
import { useState } from 'react';
import { describeError } from '../api/api-client';
import { api } from '../app/api';
import { useCan } from '../auth/use-can.hook';
import { formatDate } from '../shared/format';

const CHANNELS: { channel: SubscriptionChannel; label: string }[] = [
  { channel: 'email', label: 'Marketing e-mail' },
  { channel: 'sms', label: 'Marketing SMS' },
];

const HOW: Record<OptOutSource, string> = {
  link: 'through the link in an e-mail',
  one_click: "with their mail app's unsubscribe button",
  api: 'set by a marketer or through the API',
  reply: 'by texting STOP',
};

/**
 * Whether the customer receives marketing e-mail and SMS, and since when they do not; a
 * marketer can change it (say, on a customer's request by phone). Transactional messages
 * are sent either way.
 */
export function Subscriptions({
  customerId,
  subscriptions,
  onChanged,
}: {
  customerId: string;
  subscriptions: CustomerSubscriptions;
  onChanged: () => void;
}) {
  const canChange = useCan('marketer');
  const [busy, setBusy] = useState<SubscriptionChannel | null>(null);
  const [error, setError] = useState<string | null>(null);
  const change = async (channel: SubscriptionChannel, subscribe: boolean) => {
    setBusy(channel);
    setError(null);
    try {
      await api.customers.setSubscription(customerId, channel, {
        status: subscribe ? 'subscribed' : 'unsubscribed',
      });
      onChanged();
    } catch (e) {
      setError(describeError(e));
    }
    setBusy(null);
  };
  return (
    <section className="card" data-testid="customer-subscriptions">
      <h2 className="section-title">Subscriptions</h2>
      <ul className="plain-list">
        {CHANNELS.map(({ channel, label }) => {
          const view = subscriptions[channel];
          const out = view.status === 'unsubscribed';
          return (
            <li key={channel} className="subscription" data-testid={`subscription-${channel}`}>
              <span>
                <strong>{label}</strong>{' '}
                <span
                  className={
                    out ? 'status-chip status-chip--stopped' : 'status-chip status-chip--live'
                  }
                >
                  {out ? 'Unsubscribed' : 'Subscribed'}
                </span>
                {out && view.since && (
                  <span className="muted small">
                    {' '}
                    since {formatDate(view.since)}
                    {view.source ? `, ${HOW[view.source]}` : ''}
                  </span>
                )}
              </span>
              {canChange && (
                <button
                  type="button"
                  className="link-button small"
                  disabled={busy !== null}
                  data-testid={`subscription-${channel}-toggle`}
                  onClick={() => void change(channel, out)}
                >
                  {busy === channel ? 'Saving…' : out ? 'Subscribe again' : 'Unsubscribe'}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <p className="muted small">Receipts and other transactional messages are sent either way.</p>
    </section>
  );
}
