import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { from, mergeMap, type Observable, throwError, timeout } from 'rxjs';
import type { AuthenticatedRequest } from '../common/request-context.js';
import { AppConfig } from '../config/app-config.service.js';
import { RateLimitedException } from './rate-limited.exception.js';
import { type BucketRule, RateLimiterService } from './rate-limiter.service.js';
import { type RouteClass, routeClass } from './route-class.js';
import { RetryLaterException } from './service-unavailable.js';

/** What a client is told to wait after a request ran out of time. */
const TIMEOUT_RETRY_AFTER_SECONDS = 5;

/**
 * Global, after the access guard (so the caller is known): the caller's rate limit
 * (per API key, or per signed-in person; public routes have none), then the handler's
 * time limit. Over the limit: 429 with Retry-After. Out of time: 503 with Retry-After
 * (the work may still finish; a retried message id is stored once).
 */
@Injectable()
export class RequestLimitsInterceptor implements NestInterceptor {
  constructor(
    private readonly limiter: RateLimiterService,
    private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const kind = routeClass(request.method, request.url);
    const principal = principalOf(request);
    const checked = principal ? this.checkRate(kind, principal) : Promise.resolve();
    return from(checked).pipe(mergeMap(() => this.timed(kind, next)));
  }

  private async checkRate(kind: RouteClass, principal: string): Promise<void> {
    const v = this.config.values;
    const ingest = kind !== 'admin';
    const rule: BucketRule = ingest
      ? { perSecond: v.RATE_LIMIT_INGEST_PER_SECOND, burst: v.RATE_LIMIT_INGEST_BURST }
      : { perSecond: v.RATE_LIMIT_ADMIN_PER_SECOND, burst: v.RATE_LIMIT_ADMIN_BURST };
    if (rule.perSecond === 0) return;
    const decision = await this.limiter.take(`${ingest ? 'ingest' : 'admin'}:${principal}`, rule);
    if (decision.allowed) return;
    const setting = ingest ? 'RATE_LIMIT_INGEST_PER_SECOND' : 'RATE_LIMIT_ADMIN_PER_SECOND';
    throw new RateLimitedException(
      `too many requests: at most ${rule.perSecond} per second (bursts of ${rule.burst}) to ${ingest ? 'ingest routes (/v1/*, imports)' : 'these routes'} per ${principal.startsWith('key:') ? 'API key' : 'person'} (${setting}); retry after the time in Retry-After`,
      decision.retryAfterMs,
    );
  }

  private timed(kind: RouteClass, next: CallHandler): Observable<unknown> {
    if (kind === 'import') return next.handle();
    const ms =
      kind === 'ingest'
        ? this.config.values.INGEST_TIMEOUT_MS
        : this.config.values.ADMIN_TIMEOUT_MS;
    const setting = kind === 'ingest' ? 'INGEST_TIMEOUT_MS' : 'ADMIN_TIMEOUT_MS';
    return next.handle().pipe(
      timeout({
        first: ms,
        with: () =>
          throwError(
            () =>
              new RetryLaterException(
                `the request was not answered within ${ms} ms (${setting}): retry later${kind === 'ingest' ? ' (a retried message id is stored once)' : ''}`,
                TIMEOUT_RETRY_AFTER_SECONDS,
              ),
          ),
      }),
    );
  }
}

/** The bucket owner: the API key, else the signed-in person, else none (public routes). */
function principalOf(request: AuthenticatedRequest): string | null {
  if (request.apiKeyId) return `key:${request.apiKeyId}`;
  if (request.actor?.kind === 'user') return `user:${request.actor.userId}`;
  return null;
}
