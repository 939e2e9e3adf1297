import { Injectable, Logger } from '@nestjs/common';
import { RedisService } from '../queues/redis.provider.js';
import { TOKEN_BUCKET_LUA } from './token-bucket.script.js';

export interface RateDecision {
  allowed: boolean;
  /** When not allowed: ms until the next request would be. */
  retryAfterMs: number;
}

export interface BucketRule {
  perSecond: number;
  burst: number;
}

/** A Redis answer slower than this lets the request through (fail open). */
const REDIS_BUDGET_MS = 250;
const WARN_EVERY_MS = 30_000;
const ALLOW: RateDecision = { allowed: true, retryAfterMs: 0 };

interface TokenBucketClient {
  switchyardTokenBucket(key: string, perSecond: number, burst: number): Promise<[number, number]>;
}

/**
 * Token buckets in Redis (token-bucket.script.ts), one round trip per request. Limits
 * protect the service; they must not take ingest down with them, so when Redis is not
 * connected, errs or is slow, the request is allowed and a warning is logged (at most
 * every 30 s).
 */
@Injectable()
export class RateLimiterService {
  private readonly logger = new Logger(RateLimiterService.name);
  private warnedAt = 0;

  constructor(private readonly redis: RedisService) {
    redis.client.defineCommand('switchyardTokenBucket', {
      numberOfKeys: 1,
      lua: TOKEN_BUCKET_LUA,
    });
  }

  async take(bucket: string, rule: BucketRule): Promise<RateDecision> {
    const client = this.redis.client;
    if (client.status !== 'ready') {
      this.failOpen(`Redis is ${client.status}`);
      return ALLOW;
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      const answer = await Promise.race([
        (client as unknown as TokenBucketClient).switchyardTokenBucket(
          this.redis.key('ratelimit', bucket),
          rule.perSecond,
          rule.burst,
        ),
        new Promise<'late'>((resolve) => {
          timer = setTimeout(() => resolve('late'), REDIS_BUDGET_MS);
        }),
      ]);
      if (answer === 'late') {
        this.failOpen(`Redis took longer than ${REDIS_BUDGET_MS} ms`);
        return ALLOW;
      }
      const [allowed, waitMs] = answer;
      return allowed === 1 ? ALLOW : { allowed: false, retryAfterMs: Number(waitMs) };
    } catch (error) {
      this.failOpen((error as Error).message);
      return ALLOW;
    } finally {
      clearTimeout(timer);
    }
  }

  private failOpen(reason: string): void {
    const now = Date.now();
    if (now - this.warnedAt < WARN_EVERY_MS) return;
    this.warnedAt = now;
    this.logger.warn(`rate limits are not enforced (requests are let through): ${reason}`);
  }
}
