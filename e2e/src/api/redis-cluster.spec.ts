import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_QUEUES } from '../../../server/dist/queues/queue-names.js';
import { startHttpSink, type HttpSink } from '../support/http-sink.js';
import { JourneyApi } from '../support/journey-api.js';
import { scrape, select } from '../support/prometheus-text.js';
import { startRedisCluster, type RedisCluster } from '../support/redis-cluster.js';
import {
  dropTestData,
  startSwitchyard,
  type RunningSwitchyard,
} from '../support/switchyard.harness.js';
import { runWebhookJourney } from '../support/webhook-journey.scenario.js';

/**
 * Redis Cluster (REDIS_CLUSTER=true, a hash-tagged REDIS_PREFIX) on a real three-master
 * cluster: an event moves a customer in real time, the journey step runs and its webhook
 * is delivered; every key of the installation is in the tag's hash slot.
 */
describe('Redis Cluster', () => {
  const tag = `sy_cluster_${randomBytes(4).toString('hex')}`;
  let cluster: RedisCluster;
  let app: RunningSwitchyard;
  let sink: HttpSink;

  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    sink = await startHttpSink();
    app = await startSwitchyard({
      redisUrl: cluster.url,
      redisPrefix: `{${tag}}`,
      keepData: true,
      env: { REDIS_CLUSTER: 'true', WEBHOOK_ALLOW_PRIVATE: 'true' },
    });
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    if (app) await dropTestData(app.databaseUrl, `{${tag}}`, 'redis://127.0.0.1:6379');
    await sink?.stop();
    await cluster?.stop();
  });

  it('runs a real-time journey with its queues on the cluster', async () => {
    const api = new JourneyApi(app);
    await runWebhookJourney(api, sink, {
      name: 'Cluster welcome',
      path: '/cluster',
      userId: 'cluster-1',
      total: 5,
    });

    await request(app.url).get('/health/ready').expect(200);
    const samples = await scrape(app.url);
    for (const queue of ALL_QUEUES)
      expect(select(samples, 'switchyard_queue_jobs', { queue }), queue).toHaveLength(4);
  }, 90_000);

  it('keeps every key of the installation in the hash tag slot, on one master', async () => {
    const byNode = await cluster.keysByNode(`*${tag}*`);
    const keys = byNode.flat();
    expect(keys.length).toBeGreaterThan(10);
    for (const queue of ['journey-steps', 'segment-evaluation', 'maintenance'])
      expect(
        keys.some((k) => k.startsWith(`{${tag}}:${queue}:`)),
        queue,
      ).toBe(true);
    expect(keys.filter((k) => !k.startsWith(`{${tag}}:`))).toEqual([]);
    expect(byNode.filter((nodeKeys) => nodeKeys.length > 0)).toHaveLength(1);
  });
});
