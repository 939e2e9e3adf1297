import type {
  CustomerSubscriptions,
  OptOutSource,
  SubscriptionChannel,
  SubscriptionView,
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
  complaint: 'by marking an e-mail as spam (their provider reported it)',
};

/** One line of the list: a channel, or a topic of the workspace. */
interface Row {
  key: string;
  label: string;
  view: SubscriptionView;
  set: (status: SubscriptionView['status']) => Promise<unknown>;
}

/**
 * Whether the customer receives marketing e-mail and SMS, and each of the workspace's
 * subscription topics, and since when they do not; a marketer can change it (say, on a
 * customer's request by phone). Transactional messages are sent either way, unless the
 * address bounced for good: that is shown first, and can be lifted once it is fixed.
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
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const rows: Row[] = [
    ...CHANNELS.map(({ channel, label }) => ({
      key: channel,
      label,
      view: subscriptions[channel],
      set: (status: SubscriptionView['status']) =>
        api.customers.setSubscription(customerId, channel, { status }),
    })),
    ...subscriptions.topics.map((topic) => ({
      key: `topic-${topic.topicId}`,
      label: `Topic: ${topic.name}`,
      view: topic,
      set: (status: SubscriptionView['status']) =>
        api.customers.setTopicSubscription(customerId, topic.topicId, { status }),
    })),
  ];
  const run = async (key: string, write: () => Promise<unknown>) => {
    setBusy(key);
    setError(null);
    try {
      await write();
      onChanged();
    } catch (e) {
      setError(describeError(e));
    }
    setBusy(null);
  };
  const change = (row: Row, subscribe: boolean) =>
    run(row.key, () => row.set(subscribe ? 'subscribed' : 'unsubscribed'));
  const suppression = subscriptions.emailSuppression;
  return (
    <section className="card" data-testid="customer-subscriptions">
      <h2 className="section-title">Subscriptions</h2>
      <ul className="plain-list">
        {suppression && (
          <li className="subscription" data-testid="email-suppression">
            <span>
              <strong>E-mail address</strong>{' '}
              <span className="status-chip status-chip--stopped">Bounced</span>
              <span className="muted small">
                {' '}
                {suppression.address} since {formatDate(suppression.since)}: no e-mail goes to it,
                receipts included ({suppression.reason})
              </span>
            </span>
            {canChange && (
              <ChangeButton
                testId="email-suppression-remove"
                label="E-mail it again"
                saving={busy === 'suppression'}
                disabled={busy !== null}
                onClick={() =>
                  void run('suppression', () => api.emailSuppressions.remove(suppression.address))
                }
              />
            )}
          </li>
        )}
        {rows.map((row) => {
          const { key, label, view } = row;
          const out = view.status === 'unsubscribed';
          return (
            <li key={key} className="subscription" data-testid={`subscription-${key}`}>
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
                <ChangeButton
                  testId={`subscription-${key}-toggle`}
                  label={out ? 'Subscribe again' : 'Unsubscribe'}
                  saving={busy === key}
                  disabled={busy !== null}
                  onClick={() => void change(row, out)}
                />
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
      <p className="muted small">
        Receipts and other transactional messages are sent either way, unless the address bounced.
        Unsubscribed from a topic, a customer still gets the channel&apos;s other marketing e-mail.
      </p>
    </section>
  );
}

/** A line's change (subscribe, unsubscribe, lift a suppression): "Saving…" while it runs. */
function ChangeButton(props: {
  testId: string;
  label: string;
  saving: boolean;
  disabled: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className="link-button small"
      disabled={props.disabled}
      data-testid={props.testId}
      onClick={props.onClick}
    >
      {props.saving ? 'Saving…' : props.label}
    </button>
  );
}
