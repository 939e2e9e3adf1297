import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpSink, startHttpSink } from '../support/http-sink.js';
import { JourneyApi, trigger } from '../support/journey-api.js';
import { type RedisInstance, startRedis } from '../support/redis-instance.js';
import { type RunningSwitchyard, startSwitchyard, waitFor } from '../support/switchyard.harness.js';
import { Teardown } from '../support/teardown.js';

const CUSTOMERS = 40;

/**
 * Redis stopped (its own redis-server, so no other test loses anything): ingest keeps
 * answering 200 and storing events (rate limits fail open; nothing on the request path
 * waits for Redis), and the real-time marks it writes are rows in Postgres. Once Redis is
 * back, the evaluations those events call for run, and every customer moves into the
 * segment and through its live journey exactly once.
 */
describe('ingest faults: Redis stopped', () => {
  const teardown = new Teardown();
  let redis: RedisInstance;
  let sink: HttpSink;
  let app: RunningSwitchyard;
  let api: JourneyApi;
  let journeyId: string;
  let segmentId: string;

  beforeAll(async () => {
    redis = await startRedis();
    teardown.add('redis-server', () => redis.stop());
    sink = await startHttpSink();
    teardown.add('http sink', () => sink.stop());
    app = await startSwitchyard({
      redisUrl: redis.url,
      env: { WEBHOOK_ALLOW_PRIVATE: 'true', RECONCILE_SECONDS: '2' },
    });
    teardown.add('server', () => app.stop());
    api = new JourneyApi(app);
    segmentId = await api.segment('Ordered once', {
      event: 'Order Completed',
      aggregate: { fn: 'count' },
      op: 'gte',
      value: 1,
    });
    journeyId = await api.publish(
      'Welcome buyers',
      [
        trigger({ kind: 'segment_entered', segmentId }),
        {
          id: 'webhook',
          type: 'webhook',
          config: { url: sink.url, method: 'POST', body: '{"id":"{{customer.externalId}}"}' },
        },
      ],
      [['trigger', 'webhook']],
    );
    // Stored memberships for real-time evaluation to compare against (empty now).
    await api.evaluate();
  });
  afterAll(() => teardown.run());

  it('stores events with Redis down, then evaluates and runs each journey once when it is back', async () => {
    await redis.stopServer();
    const answers: { status: number; ms: number }[] = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      const started = Date.now();
      const res = await fetch(`${app.url}/v1/track`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${app.apiKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          userId: `rd-${i}`,
          event: 'Order Completed',
          messageId: `rd-${i}`,
          properties: { total: 10 + i },
        }),
        signal: AbortSignal.timeout(15_000),
      });
      answers.push({ status: res.status, ms: Date.now() - started });
    }
    expect(answers.map((a) => a.status)).toEqual(Array(CUSTOMERS).fill(200));
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(2000);
    const stored = await app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM events WHERE message_id LIKE 'rd-%'`,
    );
    expect(stored.rows[0]?.n).toBe(CUSTOMERS);
    // The marks wait in Postgres; nothing could be evaluated without Redis.
    const marks = await app.db.query<{ n: number }>(
      `SELECT count(DISTINCT c)::int AS n FROM realtime_dirty, unnest(customer_ids) AS c`,
    );
    expect(marks.rows[0]?.n).toBe(CUSTOMERS);
    await new Promise((r) => setTimeout(r, 2000));
    const early = await app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM segment_transitions WHERE segment_id = $1`,
      [segmentId],
    );
    expect(early.rows[0]?.n).toBe(0);
    expect(app.output()).toContain('rate limits are not enforced');

    await redis.startAgain();
    await waitFor(
      async () => (new Set(sink.requests.map((r) => r.body)).size >= CUSTOMERS ? true : undefined),
      90_000,
      `${CUSTOMERS} webhooks after Redis came back`,
    );
    // Let any duplicate show up before counting.
    await new Promise((r) => setTimeout(r, 4000));

    const transitions = await app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM segment_transitions WHERE segment_id = $1 AND kind = 'entered'`,
      [segmentId],
    );
    expect(transitions.rows[0]?.n).toBe(CUSTOMERS);
    expect(await api.enrollments(journeyId)).toEqual({ completed: CUSTOMERS });
    const steps = await app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM enrollment_steps s JOIN enrollments e ON e.id = s.enrollment_id
        WHERE e.journey_id = $1 AND s.node_id = 'webhook'`,
      [journeyId],
    );
    expect(steps.rows[0]?.n).toBe(CUSTOMERS);
    const bodies = sink.requests.map((r) => (JSON.parse(r.body) as { id: string }).id).sort();
    expect(bodies).toEqual(Array.from({ length: CUSTOMERS }, (_, i) => `rd-${i}`).sort());
    // The marks were taken by the evaluation.
    const left = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM realtime_dirty`);
    expect(left.rows[0]?.n).toBe(0);
  }, 240_000);
});
