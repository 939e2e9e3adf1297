import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '../../config/app-config.service.js';
import { QueueName } from '../../queues/queue-names.js';
import { RedisService } from '../../queues/redis.provider.js';
import {
  REALTIME_EVALUATION_JOB,
  type RealtimeEvaluationJobData,
} from './realtime-evaluation.job.js';

/**
 * Events mark their customers dirty: ids go into a Redis set per workspace and one
 * debounced job per workspace re-evaluates them. If Redis loses the set, the scheduled
 * full evaluation still catches every change (Postgres holds the events).
 */
@Injectable()
export class DirtyCustomersService {
  private readonly logger = new Logger(DirtyCustomersService.name);

  constructor(
    private readonly redis: RedisService,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.SegmentEvaluation)
    private readonly queue: Queue<RealtimeEvaluationJobData>,
  ) {}

  dirtySetKey(workspaceId: string): string {
    return this.redis.key('dirty', workspaceId);
  }

  async markDirty(workspaceId: string, customerIds: readonly string[]): Promise<void> {
    if (customerIds.length === 0) return;
    try {
      await this.redis.client.sadd(this.dirtySetKey(workspaceId), ...customerIds);
      await this.queue.add(
        REALTIME_EVALUATION_JOB,
        { workspaceId },
        {
          // One pending job per workspace; events arriving meanwhile join its set.
          deduplication: {
            id: `realtime-${workspaceId}`,
            ttl: this.config.values.REALTIME_DEBOUNCE_MS,
          },
          delay: this.config.values.REALTIME_DEBOUNCE_MS,
          removeOnComplete: true,
          removeOnFail: 100,
        },
      );
    } catch (error) {
      // The events are stored; the scheduled evaluation will pick the change up.
      this.logger.warn(
        `could not mark ${customerIds.length} customers dirty: ${(error as Error).message}`,
      );
    }
  }

  /** Takes up to `max` dirty ids of a workspace (removing them from the set). */
  async take(workspaceId: string, max: number): Promise<string[]> {
    return this.redis.client.spop(this.dirtySetKey(workspaceId), max);
  }
}
