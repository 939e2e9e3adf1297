import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { RateLimiterService } from './rate-limiter.service.js';
import { RequestLimitsInterceptor } from './request-limits.interceptor.js';

/**
 * Per-key rate limits and handler time limits for every route (body size limits and
 * Fastify's request/connection timeouts are set up in main.ts, see body-limits.hook.ts).
 */
@Module({
  providers: [RateLimiterService, { provide: APP_INTERCEPTOR, useClass: RequestLimitsInterceptor }],
})
export class RateLimitModule {}
