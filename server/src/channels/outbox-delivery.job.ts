/** Delivers one outbox row (an email) after the step that wrote it committed. */
export const OUTBOX_DELIVERY_JOB = 'outbox-delivery';

export interface OutboxDeliveryJobData {
  outboxId: string;
}

/** Deterministic: a replayed step or the reconciler enqueues the same job id. */
export function outboxJobId(outboxId: string): string {
  return `outbox-${outboxId}`;
}
