import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from '../queues/queue-names.js';
import {
  OUTBOX_DELIVERY_JOB,
  outboxJobOptions,
  type OutboxDeliveryJobData,
  type OutboxDeliveryJobOptions,
} from './outbox-delivery.job.js';

/**
 * Enqueues delivery of committed outbox rows (any channel). Needs only the outbox queue,
 * so any process role can dispatch; the sender role delivers.
 */
@Injectable()
export class OutboxDispatcherService {
  constructor(
    @InjectQueue(QueueName.Outbox) private readonly queue: Queue<OutboxDeliveryJobData>,
  ) {}

  async dispatch(outboxIds: readonly string[]): Promise<void> {
    if (outboxIds.length === 0) return;
    await this.queue.addBulk(outboxIds.map((id) => outboxDeliveryJob(id)));
  }

  /** Retries of a first attempt made elsewhere (OutboxSendNowService), after a delay. */
  async dispatchLater(retries: readonly { outboxId: string; delayMs: number }[]): Promise<void> {
    if (retries.length === 0) return;
    await this.queue.addBulk(retries.map((r) => outboxDeliveryJob(r.outboxId, r.delayMs)));
  }
}

/** The job that delivers one row: deterministic id, retries with exponential backoff. */
export function outboxDeliveryJob(
  outboxId: string,
  delayMs = 0,
): {
  name: typeof OUTBOX_DELIVERY_JOB;
  data: OutboxDeliveryJobData;
  opts: OutboxDeliveryJobOptions & { delay?: number };
} {
  const opts = outboxJobOptions(outboxId);
  return {
    name: OUTBOX_DELIVERY_JOB,
    data: { outboxId },
    opts: delayMs > 0 ? { ...opts, delay: delayMs } : opts,
  };
}
