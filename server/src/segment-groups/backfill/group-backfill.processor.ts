import { Processor, WorkerHost } from '@nestjs/bullmq';
import {
  type BeforeApplicationShutdown,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { AppConfig } from '../../config/app-config.service.js';
import { isFinalAttempt, startWorker } from '../../engine/worker-lifecycle.util.js';
import { QueueName } from '../../queues/queue-names.js';
import { GROUP_BACKFILL_JOB, type GroupBackfillJobData } from './group-backfill.job.js';
import {
  type BackfillRunOutcome,
  GroupBackfillRunnerService,
} from './group-backfill-runner.service.js';
import { GroupBackfillsService } from './group-backfills.service.js';

/**
 * Worker of the group-backfill queue (one backfill at a time). On shutdown it stops
 * between two snapshots and puts the job back; unfinished backfills in Postgres are
 * re-enqueued at start and every RECONCILE_SECONDS (a Redis loss loses nothing).
 */
@Processor(QueueName.GroupBackfill, { autorun: false })
export class GroupBackfillProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(GroupBackfillProcessor.name);
  private stopping = false;
  private recoveryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly runner: GroupBackfillRunnerService,
    private readonly backfills: GroupBackfillsService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    startWorker(this.worker, 1, this.logger);
    void this.recover();
    const seconds = this.config.values.RECONCILE_SECONDS;
    if (seconds > 0) {
      this.recoveryTimer = setInterval(() => void this.recover(), seconds * 1000);
      this.recoveryTimer.unref();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.recoveryTimer) clearInterval(this.recoveryTimer);
    await this.worker.close();
  }

  async process(job: Job<GroupBackfillJobData>, token?: string): Promise<BackfillRunOutcome> {
    if (job.name !== GROUP_BACKFILL_JOB) throw new Error(`unknown backfill job "${job.name}"`);
    let result: BackfillRunOutcome;
    try {
      result = await this.runner.run(job.data, {
        onProgress: (done, total) => job.updateProgress({ done, total }),
        shouldStop: () => this.stopping,
      });
    } catch (error) {
      if (isFinalAttempt(job))
        await this.runner.fail(job.data.backfillId, (error as Error).message);
      throw error;
    }
    if (result.outcome === 'stopped') {
      // Shutting down: back to the delayed set, resumed from `done` by the next worker.
      await job.moveToDelayed(Date.now() + 1000, token);
      throw new DelayedError();
    }
    return result;
  }

  private async recover(): Promise<void> {
    try {
      await this.backfills.recover();
    } catch (error) {
      this.logger.warn(`could not re-enqueue unfinished backfills: ${(error as Error).message}`);
    }
  }
}
