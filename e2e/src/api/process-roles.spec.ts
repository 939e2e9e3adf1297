import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpSink, type HttpSink } from '../support/http-sink.js';
import { JourneyApi } from '../support/journey-api.js';
import { scrape, total } from '../support/prometheus-text.js';
import {
  SHARED_REDIS_URL,
  startSwitchyard,
  type RunningSwitchyard,
} from '../support/switchyard.harness.js';
import { runWebhookJourney } from '../support/webhook-journey.scenario.js';

/**
 * ROLE as separate processes of one installation: an API-only process (HTTP, no queue
 * workers) and a worker+sender process (journey steps, evaluations, deliveries; no API),
 * on the same database and the same Redis prefix, a Redis Cluster hash tag included.
 * An event sent to the API moves a customer (real-time evaluation in the worker), the
 * journey step runs and the webhook is delivered, all by the worker process.
 */
describe('process roles: an API process and a worker+sender process', () => {
  const prefix = `{sy_roles_${randomBytes(4).toString('hex')}}`;
  let apiProcess: RunningSwitchyard;
  let workerProcess: RunningSwitchyard;
  let secondApi: RunningSwitchyard;
  let sink: HttpSink;
  let api: JourneyApi;

  beforeAll(async () => {
    sink = await startHttpSink();
    apiProcess = await startSwitchyard({
      role: 'api',
      redisPrefix: prefix,
      env: { WEBHOOK_ALLOW_PRIVATE: 'true', LOG_LEVEL: 'info' },
    });
    workerProcess = await startSwitchyard({ attachTo: apiProcess, role: 'worker,sender' });
    secondApi = await startSwitchyard({ attachTo: apiProcess, role: 'api' });
    api = new JourneyApi(apiProcess);
  }, 120_000);
  afterAll(async () => {
    await secondApi?.stop();
    await workerProcess?.stop();
    await apiProcess?.stop();
    await sink?.stop();
  });

  it('moves a customer, runs the step and delivers the webhook from the worker process', async () => {
    const { segment } = await runWebhookJourney(api, sink, {
      name: 'Welcome buyers',
      path: '/welcome',
      userId: 'role-1',
      total: 42,
    });
    const { rows } = await apiProcess.db.query<{ kind: string }>(
      `SELECT t.kind FROM segment_transitions t JOIN customers c ON c.id = t.customer_id
        WHERE c.external_id = 'role-1' AND t.segment_id = $1`,
      [segment],
    );
    expect(rows.map((r) => r.kind)).toEqual(['entered']);

    // The worker process did the work: evaluation in real time, the step, the delivery.
    const worker = await scrape(workerProcess.url);
    expect(
      total(worker, 'switchyard_evaluation_duration_seconds_count', { mode: 'incremental' }),
    ).toBeGreaterThan(0);
    expect(total(worker, 'switchyard_journey_step_duration_seconds_count')).toBeGreaterThan(0);
    expect(total(worker, 'switchyard_messages_total', { channel: 'webhook', result: 'sent' })).toBe(
      1,
    );

    // The API process ran no queue job at all, and says so in its metrics and logs.
    const apiSamples = await scrape(apiProcess.url);
    expect(total(apiSamples, 'switchyard_queue_job_duration_seconds_count')).toBe(0);
    expect(total(apiSamples, 'switchyard_journey_step_duration_seconds_count')).toBe(0);
    expect(total(apiSamples, 'switchyard_messages_total')).toBe(0);
    expect(
      total(apiSamples, 'switchyard_http_request_duration_seconds_count', {
        route: '/v1/track',
      }),
    ).toBe(1);
    expect(apiProcess.output()).not.toMatch(/"queue":"/);
    expect(workerProcess.output()).toMatch(/"queue":"segment-evaluation"/);
  }, 90_000);

  it('serves health and metrics, but not the API, from the worker process', async () => {
    await request(workerProcess.url).get('/health/ready').expect(200);
    await request(workerProcess.url).get('/metrics').expect(200);
    const refused = await request(workerProcess.url)
      .get('/api/segments')
      .set('Authorization', `Bearer ${workerProcess.apiKey}`)
      .expect(404);
    expect(refused.body.message).toContain('ROLE=worker,sender');
    await request(workerProcess.url).get('/admin/queues').expect(404);
  });

  it('stops accepting a revoked key in every API process at once, not after its cache time', async () => {
    const created = await request(apiProcess.url)
      .post('/api/api-keys')
      .set('Authorization', `Bearer ${apiProcess.apiKey}`)
      .send({ name: 'shop', scope: 'ingest' })
      .expect(201);
    const track = (url: string) =>
      request(url)
        .post('/v1/track')
        .set('Authorization', `Bearer ${created.body.key}`)
        .send({ userId: 'revoke-1', event: 'Visit' });
    // The second API process now has the key in its cache (trusted for 10 s).
    await track(secondApi.url).expect(200);
    await request(apiProcess.url)
      .delete(`/api/api-keys/${created.body.id}`)
      .set('Authorization', `Bearer ${apiProcess.apiKey}`)
      .expect((res) => expect(res.status).toBeLessThan(300));
    const revokedAt = Date.now();
    let status = 0;
    while (Date.now() - revokedAt < 5000) {
      status = (await track(secondApi.url)).status;
      if (status === 401) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(1000);
  });

  it('keeps every Redis key of the installation under the hash-tagged prefix', async () => {
    const redis = new Redis(SHARED_REDIS_URL);
    try {
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, batch] = await redis.scan(cursor, 'MATCH', `*sy_roles_*`, 'COUNT', 1000);
        cursor = next;
        keys.push(...batch.filter((k) => k.includes(prefix.slice(1, -1))));
      } while (cursor !== '0');
      // Queues of both processes, all under `{tag}:` so Redis Cluster hashes only the tag.
      for (const queue of ['journey-steps', 'segment-evaluation', 'maintenance'])
        expect(
          keys.some((k) => k.startsWith(`${prefix}:${queue}:`)),
          queue,
        ).toBe(true);
      expect(keys.filter((k) => !k.startsWith(`${prefix}:`))).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });
});
