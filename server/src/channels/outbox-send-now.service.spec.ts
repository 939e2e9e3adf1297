import { describe, expect, it } from 'vitest';
import { AppConfig } from '../config/app-config.service.js';
import type { DeliveryOutcome } from './delivery-attempt.util.js';
import type { DeliveryRequest, OutboxDeliveryService } from './outbox-delivery.service.js';
import type { OutboxDispatcherService } from './outbox-dispatcher.service.js';
import { OutboxSendNowService } from './outbox-send-now.service.js';

function harness(env: Record<string, string>, answer: (id: string) => DeliveryOutcome | Error) {
  const delivered: string[][] = [];
  const retryDelays: number[] = [];
  const queued: string[] = [];
  const later: { outboxId: string; delayMs: number }[] = [];
  const delivery = {
    deliverMany: (requests: readonly DeliveryRequest[]) => {
      delivered.push(requests.map((r) => r.outboxId));
      retryDelays.push(...requests.map((r) => r.retryDelayMs));
      const outcomes = requests.map((r) => answer(r.outboxId));
      const error = outcomes.find((o): o is Error => o instanceof Error);
      return error ? Promise.reject(error) : Promise.resolve(outcomes as DeliveryOutcome[]);
    },
  } as unknown as OutboxDeliveryService;
  const dispatcher = {
    dispatch: (ids: readonly string[]) => {
      queued.push(...ids);
      return Promise.resolve();
    },
    dispatchLater: (retries: readonly { outboxId: string; delayMs: number }[]) => {
      later.push(...retries);
      return Promise.resolve();
    },
  } as unknown as OutboxDispatcherService;
  const service = new OutboxSendNowService(delivery, dispatcher, AppConfig.fromEnv(env));
  return { service, delivered, retryDelays, queued, later };
}

const sent: DeliveryOutcome = { kind: 'sent', providerMessageId: 'p' };

describe('OutboxSendNowService', () => {
  it('sends at once, concurrent callers in one batch, and queues nothing that went out', async () => {
    const h = harness({}, () => sent);
    expect(h.service.sendsHere).toBe(true);
    await Promise.all([h.service.send(['a']), h.service.send(['b', 'c'])]);
    expect(h.delivered).toEqual([['a', 'b', 'c']]);
    expect(h.queued).toEqual([]);
    expect(h.later).toEqual([]);
  });

  it('queues a retry after the backoff or the provider’s Retry-After, and nothing for a permanent failure', async () => {
    const h = harness({}, (id) => {
      if (id === 'soon') return { kind: 'failed', error: new Error('503'), retry: true };
      if (id === 'late')
        return { kind: 'failed', error: new Error('429'), retry: true, retryAfterMs: 30_000 };
      return { kind: 'failed', error: new Error('400'), retry: false };
    });
    await h.service.send(['soon', 'late', 'never']);
    expect(h.later).toEqual([
      { outboxId: 'soon', delayMs: 1000 },
      { outboxId: 'late', delayMs: 30_000 },
    ]);
    // The rows were told the same backoff, for their next attempt's time.
    expect(h.retryDelays).toEqual([1000, 1000, 1000]);
    expect(h.queued).toEqual([]);
  });

  it('queues every message when the attempt itself fails (the database is away)', async () => {
    const h = harness({}, () => new Error('connection refused'));
    await h.service.send(['a', 'b']);
    expect(h.queued).toEqual(['a', 'b']);
  });

  it('only queues where this process does not send, or SEND_AFTER_STEP is off', async () => {
    const envs: Record<string, string>[] = [{ ROLE: 'api,worker' }, { SEND_AFTER_STEP: 'false' }];
    for (const env of envs) {
      const h = harness(env, () => sent);
      expect(h.service.sendsHere).toBe(false);
      await h.service.send(['a']);
      expect(h.delivered).toEqual([]);
      expect(h.queued).toEqual(['a']);
    }
  });
});
