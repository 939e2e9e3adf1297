import { Injectable } from '@nestjs/common';
import { RedisService } from '../queues/redis.provider.js';
import { hashSecretToken } from './secret-token.util.js';

export interface AttemptLimit {
  /** What is limited (part of the Redis key). */
  name: string;
  /** This many attempts within `windowSeconds` block further ones... */
  max: number;
  windowSeconds: number;
}

/** Failed sign-ins per e-mail: the 6th try within 15 minutes gets a 429. */
export const SIGN_IN_FAILURES: AttemptLimit = {
  name: 'sign-in-failures',
  max: 5,
  windowSeconds: 900,
};
/**
 * Failed sign-ins per client address, whatever the e-mail: one address trying a few
 * passwords on many accounts (password spraying) is stopped too. Generous, since an
 * office may share one address.
 */
export const SIGN_IN_FAILURES_PER_ADDRESS: AttemptLimit = {
  name: 'sign-in-failures-by-address',
  max: 50,
  windowSeconds: 900,
};
/** Reset links per e-mail: more requests are answered the same way but send nothing. */
export const RESET_REQUESTS: AttemptLimit = { name: 'reset-requests', max: 3, windowSeconds: 900 };

/**
 * Counts attempts per subject (an e-mail or an address, lower-cased and hashed) in Redis, shared by
 * every API process. The window starts at the first attempt.
 */
@Injectable()
export class AttemptLimiterService {
  constructor(private readonly redis: RedisService) {}

  private key(limit: AttemptLimit, subject: string): string {
    return this.redis.key(limit.name, hashSecretToken(subject.trim().toLowerCase()));
  }

  /** Seconds until the subject may try again, or 0 when it may now. */
  async blockedFor(limit: AttemptLimit, subject: string): Promise<number> {
    const key = this.key(limit, subject);
    const [count, ttl] = await Promise.all([
      this.redis.client.get(key),
      this.redis.client.pttl(key),
    ]);
    if (Number(count ?? 0) < limit.max) return 0;
    return Math.max(1, Math.ceil((ttl > 0 ? ttl : limit.windowSeconds * 1000) / 1000));
  }

  /** Records one attempt; returns how many there were in the window. */
  async record(limit: AttemptLimit, subject: string): Promise<number> {
    const key = this.key(limit, subject);
    const result = await this.redis.client
      .multi()
      .incr(key)
      .expire(key, limit.windowSeconds, 'NX')
      .exec();
    const count = result?.[0]?.[1];
    return typeof count === 'number' ? count : limit.max;
  }

  async clear(limit: AttemptLimit, subject: string): Promise<void> {
    await this.redis.client.del(this.key(limit, subject));
  }
}
