/** Delivers one outbox row (email, SMS or webhook) after the step that wrote it committed. */
export const OUTBOX_DELIVERY_JOB = 'outbox-delivery';

export interface OutboxDeliveryJobData {
  outboxId: string;
}

/**
 * Attempts per message. With 1 s exponential backoff the last one comes about two
 * minutes after the first, so a Postgres restart or a flaky provider is ridden out; the
 * row's own `attempts` count bounds it too (Retry-After delays and reconciler re-enqueues
 * do not add BullMQ attempts).
 */
export const OUTBOX_MAX_ATTEMPTS = 8;
export const OUTBOX_BACKOFF_MS = 1000;

export interface OutboxDeliveryJobOptions {
  jobId: string;
  attempts: number;
  backoff: { type: 'exponential'; delay: number };
}

/** Deterministic: a replayed step or the reconciler enqueues the same job id. */
export function outboxJobId(outboxId: string): string {
  return `outbox-${outboxId}`;
}

export function outboxJobOptions(outboxId: string): OutboxDeliveryJobOptions {
  return {
    jobId: outboxJobId(outboxId),
    attempts: OUTBOX_MAX_ATTEMPTS,
    backoff: { type: 'exponential', delay: OUTBOX_BACKOFF_MS },
  };
}

/** The delay BullMQ's exponential backoff gives after `attemptsMade` failed attempts. */
export function backoffAfter(attemptsMade: number): number {
  return Math.round(2 ** Math.max(attemptsMade - 1, 0) * OUTBOX_BACKOFF_MS);
}
