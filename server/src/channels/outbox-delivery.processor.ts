import { Processor, WorkerHost } from '@nestjs/bullmq';
import {
  type BeforeApplicationShutdown,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { AppConfig } from '../config/app-config.service.js';
import { QueueName } from '../queues/queue-names.js';
import { isFinalAttempt, startWorker } from '../engine/worker-lifecycle.util.js';
import type { OutboxDeliveryJobData } from './outbox-delivery.job.js';
import { OutboxDeliveryService } from './outbox-delivery.service.js';

/** Worker of the outbox queue (only when ROLE is all or worker). */
@Processor(QueueName.Outbox, { autorun: false })
export class OutboxDeliveryProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(OutboxDeliveryProcessor.name);

  constructor(
    private readonly delivery: OutboxDeliveryService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    startWorker(this.worker, this.config.values.STEP_CONCURRENCY, this.logger);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }

  async process(job: Job<OutboxDeliveryJobData>): Promise<string> {
    const outcome = await this.delivery.deliver(job.data.outboxId, isFinalAttempt(job));
    switch (outcome.kind) {
      case 'skipped':
        return 'skipped';
      case 'sent':
        return outcome.providerMessageId;
      case 'failed':
        if (outcome.retry) throw outcome.error;
        throw new UnrecoverableError(`email not sent: ${outcome.error.message}`);
      default: {
        const never: never = outcome;
        throw new Error(`unknown delivery outcome ${JSON.stringify(never)}`);
      }
    }
  }
}
