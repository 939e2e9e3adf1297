import { Injectable, Logger } from '@nestjs/common';
import { MicroBatcher } from '../common/micro-batcher.js';
import { AppConfig } from '../config/app-config.service.js';
import { backoffAfter } from './outbox-delivery.job.js';
import type { DeliveryOutcome } from './delivery-attempt.util.js';
import { type DeliveryRequest, OutboxDeliveryService } from './outbox-delivery.service.js';
import { OutboxDispatcherService } from './outbox-dispatcher.service.js';

/** A failed first attempt is retried by the outbox queue after this (or a longer Retry-After). */
const FIRST_RETRY_MS = backoffAfter(1);

/**
 * The first delivery attempt of messages a step has just committed. Where this process
 * also sends (ROLE includes `sender`) and SEND_AFTER_STEP is on, the attempt is made here
 * at once, concurrent callers sharing one transaction (OutboxDeliveryService.deliverMany):
 * no queue round trip for a message that goes through. A message to retry, or every
 * message when the attempt itself fails, goes to the outbox queue with its deterministic
 * job id; elsewhere all go there at once. A crash in between leaves the rows pending,
 * and the reconciler enqueues them.
 */
@Injectable()
export class OutboxSendNowService {
  private readonly logger = new Logger(OutboxSendNowService.name);
  private readonly batcher: MicroBatcher<DeliveryRequest, DeliveryOutcome> | null;

  constructor(
    delivery: OutboxDeliveryService,
    private readonly dispatcher: OutboxDispatcherService,
    config: AppConfig,
  ) {
    this.batcher =
      config.runsSender && config.values.SEND_AFTER_STEP
        ? new MicroBatcher((requests, asCaller) => delivery.deliverMany(requests, asCaller), {
            maxSize: config.values.DELIVERY_BATCH_SIZE,
            maxParallel: 2,
          })
        : null;
  }

  /** True when messages are attempted here rather than only queued. */
  get sendsHere(): boolean {
    return this.batcher !== null;
  }

  async send(outboxIds: readonly string[]): Promise<void> {
    const batcher = this.batcher;
    if (outboxIds.length === 0) return;
    if (!batcher) return this.dispatcher.dispatch(outboxIds);
    let outcomes: DeliveryOutcome[];
    try {
      outcomes = await Promise.all(
        outboxIds.map((outboxId) =>
          batcher.submit({ outboxId, finalAttempt: false, retryDelayMs: FIRST_RETRY_MS }),
        ),
      );
    } catch (error) {
      this.logger.warn(
        `sending ${outboxIds.length} message(s) after their step failed (${(error as Error).message}); queued instead`,
      );
      return this.dispatcher.dispatch(outboxIds);
    }
    const retries = outboxIds.flatMap((outboxId, i) => {
      const outcome = outcomes[i];
      if (outcome?.kind !== 'failed' || !outcome.retry) return [];
      return [{ outboxId, delayMs: Math.max(FIRST_RETRY_MS, outcome.retryAfterMs ?? 0) }];
    });
    await this.dispatcher.dispatchLater(retries);
  }
}
