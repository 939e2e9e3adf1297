import { Counter } from 'prom-client';
import type { DeliveryOutcome } from '../channels/delivery-attempt.util.js';
import { processRegistry } from './metrics.registry.js';

/** sent; failed: for good (permanent error or last attempt); retry: will be tried again. */
export type DeliveryResult = 'sent' | 'failed' | 'retry';

export const messagesTotal = new Counter({
  name: 'switchyard_messages_total',
  help: 'Outbox delivery attempts by channel (email, sms, webhook) and result: sent, failed (for good) or retry (will be tried again)',
  labelNames: ['channel', 'result'] as const,
  registers: [processRegistry],
});

/** The result label of a delivery outcome; null for a row that was not attempted. */
export function deliveryResult(outcome: DeliveryOutcome): DeliveryResult | null {
  switch (outcome.kind) {
    case 'skipped':
      return null;
    case 'sent':
      return 'sent';
    case 'failed':
      return outcome.retry ? 'retry' : 'failed';
    default: {
      const never: never = outcome;
      throw new Error(`unknown delivery outcome ${JSON.stringify(never)}`);
    }
  }
}

/** Counts the attempts of one batch; `channelOf` names each outbox row's channel. */
export function recordDeliveries(
  outcomes: readonly { outboxId: string; outcome: DeliveryOutcome }[],
  channelOf: ReadonlyMap<string, string>,
): void {
  for (const { outboxId, outcome } of outcomes) {
    const result = deliveryResult(outcome);
    const channel = channelOf.get(outboxId);
    if (result && channel) messagesTotal.inc({ channel, result });
  }
}
