import { describe, expect, it } from 'vitest';
import {
  channelName,
  emptyText,
  lastPageOffset,
  marksTransactional,
  messageNoun,
  retriedAllNote,
  retriedNote,
  retryAllLabel,
  retryAllQuestion,
  waitsForLater,
} from './deliveries-labels';

describe('deliveries in words', () => {
  it('names each channel', () => {
    expect(channelName('email')).toBe('E-mail');
    expect(channelName('sms')).toBe('SMS');
    expect(channelName('webhook')).toBe('Webhook');
  });

  it('marks transactional e-mails and SMS, not webhooks (always sent so)', () => {
    expect(marksTransactional({ channel: 'email', transactional: true })).toBe(true);
    expect(marksTransactional({ channel: 'sms', transactional: true })).toBe(true);
    expect(marksTransactional({ channel: 'sms', transactional: false })).toBe(false);
    expect(marksTransactional({ channel: 'webhook', transactional: true })).toBe(false);
  });

  it('counts messages, or the filtered channel’s own noun', () => {
    expect(messageNoun(null, 1)).toBe('message');
    expect(messageNoun(null, 0)).toBe('messages');
    expect(messageNoun(null, 2)).toBe('messages');
    expect(messageNoun('email', 1)).toBe('e-mail');
    expect(messageNoun('email', 3)).toBe('e-mails');
    expect(messageNoun('sms', 1)).toBe('SMS');
    expect(messageNoun('sms', 3)).toBe('SMS');
    expect(messageNoun('webhook', 1)).toBe('webhook');
    expect(messageNoun('webhook', 3)).toBe('webhooks');
  });

  it('labels the bulk retry by the channel filter', () => {
    expect(retryAllLabel(null)).toBe('Retry all failed');
    expect(retryAllLabel('webhook')).toBe('Retry all failed webhooks');
    expect(retryAllLabel('email')).toBe('Retry all failed e-mails');
    expect(retryAllLabel('sms')).toBe('Retry all failed SMS');
  });

  it('asks before a bulk retry, in the singular for one', () => {
    expect(retryAllQuestion(3, null)).toBe(
      'Send 3 failed messages again? Each gets a fresh set of attempts.',
    );
    expect(retryAllQuestion(1, null)).toBe(
      'Send 1 failed message again? It gets a fresh set of attempts.',
    );
    expect(retryAllQuestion(2, 'webhook')).toBe(
      'Send 2 failed webhooks again? Each gets a fresh set of attempts.',
    );
    expect(retryAllQuestion(1, 'email')).toBe(
      'Send 1 failed e-mail again? It gets a fresh set of attempts.',
    );
  });

  it('says how many went again after a bulk retry', () => {
    expect(retriedAllNote(2, null)).toBe('Sent again: 2 messages.');
    expect(retriedAllNote(1, null)).toBe('Sent again: 1 message.');
    expect(retriedAllNote(4, 'webhook')).toBe('Sent again: 4 webhooks.');
    expect(retriedAllNote(0, null)).toBe('No failed messages were left to send again.');
    expect(retriedAllNote(0, 'sms')).toBe('No failed SMS were left to send again.');
  });

  it('says what became of one retried message', () => {
    expect(retriedNote({ status: 'pending', lastError: 'HTTP 400: bad payload' })).toBe(
      'Sent again: it is waiting to go out.',
    );
    expect(retriedNote({ status: 'sent', lastError: null })).toBe('Sent again: it went out.');
    expect(retriedNote({ status: 'failed', lastError: 'HTTP 410: gone' })).toBe(
      'Sent again, and it failed again: HTTP 410: gone',
    );
    expect(retriedNote({ status: 'failed', lastError: null })).toBe(
      'Sent again, and it failed again.',
    );
  });

  it('words the empty tabs', () => {
    expect(emptyText('failed', null).title).toBe('No failed messages');
    expect(emptyText('failed', 'webhook').title).toBe('No failed webhooks');
    expect(emptyText('failed', null).text).toContain('ready to send again');
    expect(emptyText('pending', null).title).toBe('Nothing waiting');
    expect(emptyText('pending', 'sms').title).toBe('Nothing waiting');
  });

  it('finds the last page that still has rows', () => {
    expect(lastPageOffset(0, 50)).toBe(0);
    expect(lastPageOffset(1, 50)).toBe(0);
    expect(lastPageOffset(50, 50)).toBe(0);
    expect(lastPageOffset(51, 50)).toBe(50);
    expect(lastPageOffset(100, 50)).toBe(50);
    expect(lastPageOffset(101, 50)).toBe(100);
  });

  it('offers to send now only a waiting message whose next try is still to come', () => {
    const now = Date.parse('2026-12-06T12:00:00Z');
    const later = new Date(now + 60_000).toISOString();
    const earlier = new Date(now - 1).toISOString();
    expect(waitsForLater({ status: 'pending', nextAttemptAt: later }, now)).toBe(true);
    expect(waitsForLater({ status: 'pending', nextAttemptAt: earlier }, now)).toBe(false);
    expect(waitsForLater({ status: 'pending', nextAttemptAt: null }, now)).toBe(false);
    expect(waitsForLater({ status: 'failed', nextAttemptAt: later }, now)).toBe(false);
  });

  it('says what sending a waiting message now came to', () => {
    expect(retriedNote({ status: 'pending', lastError: 'HTTP 503' }, 'now')).toBe(
      'Sending it now.',
    );
    expect(retriedNote({ status: 'sent', lastError: null }, 'now')).toBe('Sent now: it went out.');
    expect(retriedNote({ status: 'failed', lastError: 'HTTP 400: bad' }, 'now')).toBe(
      'Tried now, and it failed: HTTP 400: bad',
    );
  });
});
