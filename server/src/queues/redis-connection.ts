import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { AppConfigValues } from '../config/app-config.schema.js';

/** A Redis connection: one server, or a Redis Cluster (REDIS_CLUSTER). */
export type RedisConnection = Redis | Cluster;

type RedisSettings = Pick<AppConfigValues, 'REDIS_URL' | 'REDIS_CLUSTER'>;

/**
 * Connects to REDIS_URL. With REDIS_CLUSTER, REDIS_URL is a comma list of seed nodes
 * (the cluster announces the rest); user, password and TLS (`rediss://`) are taken from
 * the first one, and `options` apply to every node connection.
 */
export function createRedisConnection(
  settings: RedisSettings,
  options: RedisOptions,
): RedisConnection {
  if (!settings.REDIS_CLUSTER) return new Redis(settings.REDIS_URL, options);
  const urls = clusterSeedUrls(settings.REDIS_URL);
  const first = urls[0] as URL;
  return new Cluster(
    urls.map((url) => ({ host: url.hostname, port: Number(url.port || 6379) })),
    {
      redisOptions: {
        ...options,
        ...(first.username ? { username: decodeURIComponent(first.username) } : {}),
        ...(first.password ? { password: decodeURIComponent(first.password) } : {}),
        ...(first.protocol === 'rediss:' ? { tls: {} } : {}),
      },
    },
  );
}

/** The seed nodes of REDIS_URL in cluster mode (validated at boot). */
export function clusterSeedUrls(value: string): URL[] {
  const urls = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => new URL(part));
  if (urls.length === 0) throw new Error('REDIS_URL names no Redis Cluster node');
  return urls;
}
