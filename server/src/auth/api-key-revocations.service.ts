import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Cluster } from 'ioredis';
import { RedisService } from '../queues/redis.provider.js';
import type { RedisConnection } from '../queues/redis-connection.js';

/**
 * Tells every process of the installation that a key was revoked, so each drops it from
 * its key cache at once (Redis pub/sub on `<prefix>:api-key-revoked`, the key's hash as
 * the message). Best effort: if Redis is down the message is lost, and the other
 * processes stop accepting the key when their cache entry expires (ApiKeyService).
 */
@Injectable()
export class ApiKeyRevocationsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ApiKeyRevocationsService.name);
  private readonly listeners: ((keyHash: string) => void)[] = [];
  private subscriber: RedisConnection | undefined;
  private readonly channel: string;

  constructor(private readonly redis: RedisService) {
    this.channel = redis.key('api-key-revoked');
  }

  /** `listener` is called with the hash of every key revoked anywhere. */
  onRevoked(listener: (keyHash: string) => void): void {
    this.listeners.push(listener);
  }

  async announce(keyHash: string): Promise<void> {
    try {
      await this.redis.client.publish(this.channel, keyHash);
    } catch (error) {
      this.logger.warn(
        `could not tell other processes that a key was revoked (they stop accepting it within their cache time): ${(error as Error).message}`,
      );
    }
  }

  /** Subscribes in the background: a Redis that is down does not hold up the start. */
  onModuleInit(): void {
    const client = this.redis.client;
    const subscriber: RedisConnection =
      client instanceof Cluster ? client.duplicate() : client.duplicate();
    subscriber.on('error', () => {
      // ioredis reconnects and subscribes again by itself; /health/ready reports Redis.
    });
    subscriber.on('message', (channel: string, keyHash: string) => {
      if (channel === this.channel) for (const listener of this.listeners) listener(keyHash);
    });
    this.subscriber = subscriber;
    subscriber.subscribe(this.channel).catch((error: unknown) => {
      this.logger.warn(`not subscribed to key revocations: ${(error as Error).message}`);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => undefined);
  }
}
