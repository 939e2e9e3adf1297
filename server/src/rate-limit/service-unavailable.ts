import { HttpException, ServiceUnavailableException } from '@nestjs/common';
import { QueryRunnerAlreadyReleasedError } from 'typeorm';

/** What a client is told to wait before retrying when the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * A 503 that tells the client when to retry: the exception filter copies
 * `retryAfterSeconds` into the Retry-After header. Nothing was (or may have been)
 * stored; retrying with the same message ids stores each message once.
 */
export class RetryLaterException extends ServiceUnavailableException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super({ statusCode: 503, error: 'Service Unavailable', message });
  }
}

/**
 * Socket errors of a connection that is refused, cut or timed out, and Node's errors for
 * writing to a socket the server has already closed.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ENOTCONN',
  'ETIMEDOUT',
  'EPIPE',
  'ERR_STREAM_DESTROYED',
  'ERR_STREAM_WRITE_AFTER_END',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that is away or refusing work for now: class 08 (connection
 * exception), 57P01-57P03 (shut down, crashed, starting up), 53300 (too many
 * connections), 58000/58030 (system I/O error).
 */
function isUnavailableSqlState(code: string): boolean {
  return (
    code.startsWith('08') ||
    code === '57P01' ||
    code === '57P02' ||
    code === '57P03' ||
    code === '53300' ||
    code === '58000' ||
    code === '58030'
  );
}

/** pg's own messages for a connection that ended or could not be made in time. */
const CONNECTION_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed|Connection ended unexpectedly/i;

/**
 * Whether an error means PostgreSQL could not be reached (refused, restarted, shutting
 * down, cut off) rather than a fault of the request or a bug. Looks through TypeORM's
 * QueryFailedError (`driverError`), `cause` chains and an AggregateError's `errors` (a
 * connect that tried several addresses).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 4 || typeof error !== 'object' || error === null) return false;
  const e = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || isUnavailableSqlState(e.code)))
    return true;
  if (typeof e.message === 'string' && CONNECTION_MESSAGE.test(e.message)) return true;
  // TypeORM releases a query runner as soon as its connection reports an error (the server
  // ended it: shut down, restarted, killed the backend), so the transaction's next
  // statement, often its COMMIT, fails with this instead; nothing of it was committed.
  if (error instanceof QueryRunnerAlreadyReleasedError) return true;
  return (
    isDatabaseUnavailable(e.driverError, depth + 1) ||
    isDatabaseUnavailable(e.cause, depth + 1) ||
    (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1)))
  );
}

/**
 * The answer for an exception that is not an HttpException: a 503 with Retry-After when
 * the database is unreachable, else null (a bug: the filter answers 500).
 */
export function unavailableAnswer(
  exception: unknown,
): { message: string; retryAfterSeconds: number } | null {
  if (!isDatabaseUnavailable(exception)) return null;
  return {
    message: 'the database is unreachable for the moment: retry later',
    retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
  };
}

/** Retry-After seconds carried by a 503 or 429 of ours (RetryLaterException, RateLimitedException). */
export function retryAfterOf(exception: unknown): number | undefined {
  if (!(exception instanceof HttpException)) return undefined;
  const seconds = (exception as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return typeof seconds === 'number' ? seconds : undefined;
}
