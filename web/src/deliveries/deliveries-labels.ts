import type {
  DeliveryStatus,
  DeliveryView,
  ListedDeliveryStatus,
  MessageChannel,
} from '@switchyard/contracts';
import { channelNoun } from '../shared/channels';
import { formatCount } from '../shared/format';

/** How the Deliveries page words channels, counts and what a retry did. */

export { channelName } from '../shared/channels';

/**
 * Whether to mark a message transactional (it skips frequency caps and quiet hours):
 * only e-mails and SMS, where it is the step's choice; webhooks always go out so.
 */
export function marksTransactional(d: Pick<DeliveryView, 'channel' | 'transactional'>): boolean {
  switch (d.channel) {
    case 'email':
    case 'sms':
      return d.transactional;
    case 'webhook':
      return false;
    default: {
      const never: never = d.channel;
      throw new Error(`unknown channel ${String(never)}`);
    }
  }
}

/** "message"/"messages", or the channel's own noun ("e-mail", "SMS", "webhooks"). */
export function messageNoun(channel: MessageChannel | null, count: number): string {
  if (channel === null) return count === 1 ? 'message' : 'messages';
  return channelNoun(channel, count);
}

/** The bulk button: "Retry all failed", or "Retry all failed webhooks" when filtered. */
export function retryAllLabel(channel: MessageChannel | null): string {
  return channel === null ? 'Retry all failed' : `Retry all failed ${messageNoun(channel, 2)}`;
}

/** The question before a bulk retry: "Send 3 failed messages again? Each gets …". */
export function retryAllQuestion(count: number, channel: MessageChannel | null): string {
  const fresh =
    count === 1 ? 'It gets a fresh set of attempts.' : 'Each gets a fresh set of attempts.';
  return `Send ${formatCount(count)} failed ${messageNoun(channel, count)} again? ${fresh}`;
}

/** The note after a bulk retry: "Sent again: 3 messages." */
export function retriedAllNote(retried: number, channel: MessageChannel | null): string {
  if (retried === 0) return `No failed ${messageNoun(channel, 2)} were left to send again.`;
  return `Sent again: ${formatCount(retried)} ${messageNoun(channel, retried)}.`;
}

/** How a message was sent again: a failed one again, or a waiting one now. */
export type RetryKind = 'again' | 'now';

/** The note after a retry, by kind and the status the server answered with. */
const RETRY_NOTES: Readonly<Record<RetryKind, Readonly<Record<DeliveryStatus, string>>>> = {
  again: {
    pending: 'Sent again: it is waiting to go out.',
    sent: 'Sent again: it went out.',
    failed: 'Sent again, and it failed again',
  },
  now: {
    pending: 'Sending it now.',
    sent: 'Sent now: it went out.',
    failed: 'Tried now, and it failed',
  },
};

/** The note after one message was sent again (or now), with the error when it failed. */
export function retriedNote(
  view: Pick<DeliveryView, 'status' | 'lastError'>,
  kind: RetryKind = 'again',
): string {
  const note = RETRY_NOTES[kind][view.status];
  if (view.status !== 'failed') return note;
  return `${note}${view.lastError ? `: ${view.lastError}` : '.'}`;
}

/** Whether a waiting message's next try is still to come (so it can be sent now). */
export function waitsForLater(
  d: Pick<DeliveryView, 'status' | 'nextAttemptAt'>,
  now: number = Date.now(),
): boolean {
  return d.status === 'pending' && d.nextAttemptAt !== null && Date.parse(d.nextAttemptAt) > now;
}

/** The empty list's title and sentence, per tab and channel filter. */
export function emptyText(
  status: ListedDeliveryStatus,
  channel: MessageChannel | null,
): { title: string; text: string } {
  switch (status) {
    case 'failed':
      return {
        title: `No failed ${messageNoun(channel, 2)}`,
        text: "When a provider refuses a message for good, or it runs out of attempts, it shows up here with the provider's error, ready to send again.",
      };
    case 'pending':
      return {
        title: 'Nothing waiting',
        text: 'Messages a provider did not take yet (busy, down, asking to wait) show up here with their next attempt until they go out. Messages held for quiet hours or a rate limit wait at their journey step.',
      };
    default: {
      const never: never = status;
      throw new Error(`unknown status ${String(never)}`);
    }
  }
}

/** The offset to show once the current page emptied (after retries): the last page left. */
export function lastPageOffset(total: number, pageSize: number): number {
  return total <= 0 ? 0 : Math.floor((total - 1) / pageSize) * pageSize;
}
