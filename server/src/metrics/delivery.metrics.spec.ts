import { describe, expect, it } from 'vitest';
import { deliveryResult, messagesTotal, recordDeliveries } from './delivery.metrics.js';

async function count(channel: string, result: string): Promise<number> {
  const metric = await messagesTotal.get();
  return (
    metric.values.find((v) => v.labels.channel === channel && v.labels.result === result)?.value ??
    0
  );
}

describe('delivery metrics', () => {
  it('maps outcomes to sent, retry and failed; skipped rows are not counted', () => {
    expect(deliveryResult({ kind: 'sent', providerMessageId: 'x' })).toBe('sent');
    expect(deliveryResult({ kind: 'failed', error: new Error('503'), retry: true })).toBe('retry');
    expect(deliveryResult({ kind: 'failed', error: new Error('410'), retry: false })).toBe(
      'failed',
    );
    expect(deliveryResult({ kind: 'skipped' })).toBeNull();
  });

  it('counts a batch by each row channel', async () => {
    const before = {
      webhookSent: await count('webhook', 'sent'),
      smsRetry: await count('sms', 'retry'),
      emailFailed: await count('email', 'failed'),
    };
    recordDeliveries(
      [
        { outboxId: 'a', outcome: { kind: 'sent', providerMessageId: '1' } },
        { outboxId: 'b', outcome: { kind: 'sent', providerMessageId: '2' } },
        { outboxId: 'c', outcome: { kind: 'failed', error: new Error('x'), retry: true } },
        { outboxId: 'd', outcome: { kind: 'failed', error: new Error('x'), retry: false } },
        { outboxId: 'e', outcome: { kind: 'skipped' } },
        { outboxId: 'unknown', outcome: { kind: 'sent', providerMessageId: '3' } },
      ],
      new Map([
        ['a', 'webhook'],
        ['b', 'webhook'],
        ['c', 'sms'],
        ['d', 'email'],
        ['e', 'email'],
      ]),
    );
    expect(await count('webhook', 'sent')).toBe(before.webhookSent + 2);
    expect(await count('sms', 'retry')).toBe(before.smsRetry + 1);
    expect(await count('email', 'failed')).toBe(before.emailFailed + 1);
  });
});
