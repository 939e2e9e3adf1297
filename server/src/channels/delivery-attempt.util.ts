import type { HeldEmail } from './email-transport.service.js';
import type { HttpDeliveryResult } from './http-outcome.util.js';

/** What a delivery came to, for the job that asked for it. */
export type DeliveryOutcome =
  /** Not pending (already sent or failed) or being sent by another worker: nothing to do. */
  | { kind: 'skipped' }
  | { kind: 'sent'; providerMessageId: string }
  /**
   * Recorded on the row; `retry` says whether the job should be retried, not before
   * `retryAfterMs` when the provider said so.
   */
  | { kind: 'failed'; error: Error; retry: boolean; retryAfterMs?: number };

/** What one attempt came to, inside the row lock. */
export type Attempt =
  | { kind: 'sent'; providerMessageId: string }
  /** SMTP: everything but the terminator is with the server (see EmailTransportService). */
  | { kind: 'held'; held: HeldEmail; providerMessageId: string }
  | {
      kind: 'failed';
      error: string;
      permanent: boolean;
      retryAfterMs?: number;
      /** E-mail only: the server refused the address itself, for good (see isHardBounce). */
      bounced?: boolean;
    };

/** An attempt on a row; `final`: no retry follows; `retryDelayMs`: the caller's backoff. */
export interface RecordedAttempt {
  id: string;
  attempt: Attempt;
  final: boolean;
  retryDelayMs: number;
}

/** What an attempt writes on its outbox row. */
export interface AttemptUpdate {
  id: string;
  status: 'sent' | 'pending' | 'failed';
  providerId: string | null;
  /** The provider's error, cut to 2,000 characters; null once sent. */
  error: string | null;
  /** Set only on a message that will be retried. */
  nextAttemptAt: Date | null;
}

const MAX_ERROR_LENGTH = 2000;

/**
 * The row updates and the jobs' outcomes of a batch of attempts at `now`: a sent (or held)
 * message is sent; a failure is retried, pending until its next attempt, unless it is
 * permanent or the last, when it fails for good.
 */
export function attemptUpdates(
  attempts: readonly RecordedAttempt[],
  now: number,
): { updates: AttemptUpdate[]; outcomes: Map<string, DeliveryOutcome> } {
  const outcomes = new Map<string, DeliveryOutcome>();
  const updates: AttemptUpdate[] = [];
  for (const { id, attempt, final, retryDelayMs } of attempts) {
    switch (attempt.kind) {
      case 'sent':
      case 'held':
        updates.push({
          id,
          status: 'sent',
          providerId: attempt.providerMessageId,
          error: null,
          nextAttemptAt: null,
        });
        outcomes.set(id, { kind: 'sent', providerMessageId: attempt.providerMessageId });
        break;
      case 'failed': {
        const retry = !attempt.permanent && !final;
        updates.push({
          id,
          status: retry ? 'pending' : 'failed',
          providerId: null,
          error: attempt.error.slice(0, MAX_ERROR_LENGTH),
          nextAttemptAt: retry ? nextAttemptAt(now, retryDelayMs, attempt.retryAfterMs) : null,
        });
        outcomes.set(id, failed(attempt.error, retry, attempt.retryAfterMs));
        break;
      }
      default: {
        const never: never = attempt;
        throw new Error(`unknown attempt ${JSON.stringify(never)}`);
      }
    }
  }
  return { updates, outcomes };
}

/** When a retried message goes next: after the caller's backoff, or a longer Retry-After. */
export function nextAttemptAt(now: number, retryDelayMs: number, retryAfterMs?: number): Date {
  return new Date(now + Math.max(retryDelayMs, retryAfterMs ?? 0));
}

/** An HTTP provider's answer (SMS, webhook) as an attempt. */
export function fromHttp(result: HttpDeliveryResult): Attempt {
  switch (result.kind) {
    case 'sent':
      return result;
    case 'retry':
      return {
        kind: 'failed',
        error: result.error,
        permanent: false,
        ...(result.retryAfterMs !== undefined ? { retryAfterMs: result.retryAfterMs } : {}),
      };
    case 'failed':
      return { kind: 'failed', error: result.error, permanent: true };
    default: {
      const never: never = result;
      throw new Error(`unknown HTTP result ${JSON.stringify(never)}`);
    }
  }
}

export function failed(message: string, retry: boolean, retryAfterMs?: number): DeliveryOutcome {
  return {
    kind: 'failed',
    error: new Error(message),
    retry,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}

export function asError(caught: unknown): Error {
  return caught instanceof Error ? caught : new Error(String(caught));
}
