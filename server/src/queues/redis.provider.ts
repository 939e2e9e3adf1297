import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service.js';
import { createRedisConnection, type RedisConnection } from './redis-connection.js';

/**
 * Switchyard's own Redis client (BullMQ keeps its own connections). Keys are namespaced
 * with REDIS_PREFIX so several installations or test runs can share one Redis.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  readonly client: RedisConnection;
  readonly prefix: string;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.client = createRedisConnection(config.values, {
      maxRetriesPerRequest: 2,
      lazyConnect: false,
    });
    this.client.on('error', () => {
      // Reported through /health/ready; ioredis reconnects by itself.
    });
    this.prefix = config.values.REDIS_PREFIX;
  }

  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => undefined);
  }
}
