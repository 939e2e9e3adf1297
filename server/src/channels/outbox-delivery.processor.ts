import { Processor, WorkerHost } from '@nestjs/bullmq';
import {
  type BeforeApplicationShutdown,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { AppConfig } from '../config/app-config.service.js';
import { isFinalAttempt, startWorker } from '../engine/worker-lifecycle.util.js';
import { QueueName } from '../queues/queue-names.js';
import { backoffAfter, type OutboxDeliveryJobData } from './outbox-delivery.job.js';
import type { DeliveryOutcome } from './delivery-attempt.util.js';
import { type DeliveryRequest, OutboxDeliveryService } from './outbox-delivery.service.js';
import { MicroBatcher } from '../common/micro-batcher.js';

/**
 * Worker of the outbox queue, in processes that run the `sender` role. It needs only
 * ChannelsModule (no journey-step worker in the same process). Retries come from the job
 * options (see outboxJobOptions); a provider's Retry-After longer than the next backoff
 * delays the job instead.
 */
@Processor(QueueName.Outbox, { autorun: false })
export class OutboxDeliveryProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(OutboxDeliveryProcessor.name);
  private readonly batcher: MicroBatcher<DeliveryRequest, DeliveryOutcome>;

  constructor(
    delivery: OutboxDeliveryService,
    private readonly config: AppConfig,
  ) {
    super();
    // Deliveries running at once share a transaction (see OutboxDeliveryService.deliverMany).
    this.batcher = new MicroBatcher(
      (requests, asCaller) => delivery.deliverMany(requests, asCaller),
      {
        maxSize: config.values.DELIVERY_BATCH_SIZE,
        maxParallel: 2,
      },
    );
  }

  onApplicationBootstrap(): void {
    startWorker(this.worker, this.config.values.DELIVERY_CONCURRENCY, this.logger);
  }

  /** Stops taking jobs and lets running deliveries finish (an SMTP answer, a commit). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }

  async process(job: Job<OutboxDeliveryJobData>, token?: string): Promise<string> {
    const outcome = await this.batcher.submit({
      outboxId: job.data.outboxId,
      finalAttempt: isFinalAttempt(job),
      // BullMQ's exponential backoff after this attempt (see below for a longer Retry-After).
      retryDelayMs: backoffAfter(job.attemptsMade + 1),
    });
    switch (outcome.kind) {
      case 'skipped':
        return 'skipped';
      case 'sent':
        return outcome.providerMessageId;
      case 'failed': {
        if (!outcome.retry)
          throw new UnrecoverableError(`message not sent: ${outcome.error.message}`);
        const wait = outcome.retryAfterMs;
        if (wait !== undefined && wait > backoffAfter(job.attemptsMade + 1)) {
          // The row's attempts count bounds these (a delay is not a BullMQ attempt).
          await job.moveToDelayed(Date.now() + wait, token);
          throw new DelayedError();
        }
        throw outcome.error;
      }
      default: {
        const never: never = outcome;
        throw new Error(`unknown delivery outcome ${JSON.stringify(never)}`);
      }
    }
  }
}
