import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpSink, startHttpSink } from '../support/http-sink.js';
import { JourneyApi, trigger } from '../support/journey-api.js';
import { type RedisInstance, startRedis } from '../support/redis-instance.js';
import { type RunningSwitchyard, startSwitchyard, waitFor } from '../support/switchyard.harness.js';
import { Teardown } from '../support/teardown.js';

/** What the endpoint asks for on its first answer. */
const RETRY_AFTER_SECONDS = 15;

/**
 * A provider's Retry-After outlives a Redis flush: the message's next attempt is kept in
 * Postgres (outbox.next_attempt_at), so the reconciler, rebuilding the lost delivery job,
 * delays it until then instead of sending at once. Runs against its own redis-server.
 */
describe('deliveries: Retry-After kept across a Redis FLUSHALL', () => {
  const teardown = new Teardown();
  let redis: RedisInstance;
  let sink: HttpSink;
  let app: RunningSwitchyard;

  beforeAll(async () => {
    redis = await startRedis();
    teardown.add('redis-server', () => redis.stop());
    sink = await startHttpSink();
    teardown.add('sink', () => sink.stop());
    app = await startSwitchyard({
      redisUrl: redis.url,
      env: { WEBHOOK_ALLOW_PRIVATE: 'true', RECONCILE_SECONDS: '1' },
    });
    teardown.add('server', () => app.stop());
  });
  afterAll(() => teardown.run());

  it('waits for the time the endpoint asked for, even after Redis lost the delayed job', async () => {
    const api = new JourneyApi(app);
    const segment = await api.segment('Hooked', { attribute: 'hooked', op: 'eq', value: true });
    await api.publish(
      'Busy endpoint',
      [
        trigger({ kind: 'segment_entered', segmentId: segment }),
        {
          id: 'hook',
          type: 'webhook',
          config: {
            url: `${sink.url}/busy`,
            method: 'POST',
            body: '{"id":"{{customer.externalId}}"}',
          },
        },
      ],
      [['trigger', 'hook']],
    );
    sink.failNext(1, 429, 'slow down', { 'retry-after': String(RETRY_AFTER_SECONDS) });
    await api.identify([{ userId: 'ada', traits: { hooked: true } }]);
    await api.evaluate();
    const waiting = await waitFor(
      async () => {
        const page = (await api.get('/api/deliveries?status=pending').expect(200)).body as {
          items: { id: string; attempts: number; nextAttemptAt: string | null }[];
        };
        return page.items.find((d) => d.attempts === 1);
      },
      20_000,
      'the message to wait for the Retry-After',
    );
    const refusedAt = sink.requests[0]?.at ?? 0;
    expect(Date.parse(waiting.nextAttemptAt ?? '') - refusedAt).toBeGreaterThanOrEqual(
      (RETRY_AFTER_SECONDS - 1) * 1000,
    );

    // Redis loses the delayed job; the reconciler (every second, for rows older than 5 s)
    // finds the row pending and rebuilds its job.
    await redis.flushAll();
    await waitFor(
      async () => (sink.requests.length >= 2 ? true : undefined),
      (RETRY_AFTER_SECONDS + 20) * 1000,
      'the message to be sent again',
    );
    const [refused, sent] = sink.requests;
    expect([refused?.status, sent?.status]).toEqual([429, 200]);
    expect((sent?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(
      (RETRY_AFTER_SECONDS - 1) * 1000,
    );
    // Once, with the same idempotency key.
    expect(sent?.headers['idempotency-key']).toBe(refused?.headers['idempotency-key']);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(sink.requests).toHaveLength(2);
  }, 90_000);
});
