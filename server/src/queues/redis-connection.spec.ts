import { Cluster, Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { AppConfig } from '../config/app-config.service.js';
import { clusterSeedUrls, createRedisConnection } from './redis-connection.js';

describe('Redis connection settings', () => {
  it('reads the seed nodes of a cluster', () => {
    const urls = clusterSeedUrls('redis://:pw@10.0.0.1:7000, redis://10.0.0.2:7001,');
    expect(urls.map((u) => `${u.hostname}:${u.port}`)).toEqual(['10.0.0.1:7000', '10.0.0.2:7001']);
    expect(urls[0]?.password).toBe('pw');
    expect(() => clusterSeedUrls(' , ')).toThrow(/no Redis Cluster node/);
  });

  it('makes a cluster client only with REDIS_CLUSTER', () => {
    const single = createRedisConnection(
      { REDIS_URL: 'redis://127.0.0.1:1', REDIS_CLUSTER: false },
      { lazyConnect: true },
    );
    const cluster = createRedisConnection(
      { REDIS_URL: 'redis://127.0.0.1:1,redis://127.0.0.1:2', REDIS_CLUSTER: true },
      { lazyConnect: true },
    );
    try {
      expect(single).toBeInstanceOf(Redis);
      expect(cluster).toBeInstanceOf(Cluster);
      expect(cluster.isCluster).toBe(true);
      expect(single.isCluster).toBe(false);
    } finally {
      single.disconnect();
      cluster.disconnect();
    }
  });

  it('refuses a cluster without a hash tag in REDIS_PREFIX, or with a bad node URL', () => {
    expect(() =>
      AppConfig.fromEnv({ REDIS_CLUSTER: 'true', REDIS_URL: 'redis://a:7000,redis://b:7001' }),
    ).toThrow(/REDIS_PREFIX: with REDIS_CLUSTER, needs a hash tag/);
    expect(() =>
      AppConfig.fromEnv({
        REDIS_CLUSTER: 'true',
        REDIS_URL: 'redis://a:7000,http://b:7001',
        REDIS_PREFIX: '{sy}',
      }),
    ).toThrow(/REDIS_URL: with REDIS_CLUSTER, a comma list of redis:\/\/ node URLs/);
    const ok = AppConfig.fromEnv({
      REDIS_CLUSTER: 'true',
      REDIS_URL: 'redis://a:7000,redis://b:7001',
      REDIS_PREFIX: '{sy}',
    });
    expect(ok.values.REDIS_CLUSTER).toBe(true);
  });
});
