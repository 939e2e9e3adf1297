import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from '../queues/queue-names.js';
import {
  OUTBOX_DELIVERY_JOB,
  outboxJobId,
  type OutboxDeliveryJobData,
} from './outbox-delivery.job.js';

/** Enqueues delivery of committed outbox rows. */
@Injectable()
export class OutboxDispatcherService {
  constructor(
    @InjectQueue(QueueName.Outbox) private readonly queue: Queue<OutboxDeliveryJobData>,
  ) {}

  async dispatch(outboxIds: readonly string[]): Promise<void> {
    if (outboxIds.length === 0) return;
    await this.queue.addBulk(outboxIds.map(outboxDeliveryJob));
  }
}

export function outboxDeliveryJob(outboxId: string) {
  return { name: OUTBOX_DELIVERY_JOB, data: { outboxId }, opts: { jobId: outboxJobId(outboxId) } };
}
