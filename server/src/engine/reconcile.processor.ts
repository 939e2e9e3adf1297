import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import {
  type BeforeApplicationShutdown,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { AppConfig } from '../config/app-config.service.js';
import { QueueName } from '../queues/queue-names.js';
import { RECONCILE_JOB, RECONCILE_SCHEDULER_ID, type ReconcileJobData } from './reconcile.job.js';
import { ReconcilerService, type ReconcileResult } from './reconciler.service.js';
import { startWorker } from './worker-lifecycle.util.js';

/**
 * Maintenance worker. At start it runs the reconciler once and keeps a BullMQ job
 * scheduler firing every RECONCILE_SECONDS (0 turns it off). The scheduler itself lives
 * in Redis, so a timer re-creates it if Redis lost it (a flush).
 */
@Processor(QueueName.Maintenance, { autorun: false })
export class ReconcileProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(ReconcileProcessor.name);
  private watchdog: NodeJS.Timeout | null = null;

  constructor(
    private readonly reconciler: ReconcilerService,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue<ReconcileJobData>,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    startWorker(this.worker, 1, this.logger);
    const seconds = this.config.values.RECONCILE_SECONDS;
    // Not awaited: with Redis down, boot must not hang (commands wait for a reconnect).
    void this.scheduleAtStart(seconds);
    if (seconds > 0) {
      this.watchdog = setInterval(() => {
        this.ensureScheduler(seconds).catch((error: unknown) =>
          this.logger.warn(`reconciler schedule check failed: ${(error as Error).message}`),
        );
      }, seconds * 1000);
      this.watchdog.unref();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.watchdog) clearInterval(this.watchdog);
    await this.worker.close();
  }

  async process(job: Job<ReconcileJobData>): Promise<ReconcileResult | 'ignored'> {
    if (job.name !== RECONCILE_JOB) {
      this.logger.warn(`maintenance job "${job.name}" is not handled here`);
      return 'ignored';
    }
    return this.reconciler.reconcile();
  }

  private async scheduleAtStart(seconds: number): Promise<void> {
    try {
      await this.queue.add(
        RECONCILE_JOB,
        { reason: 'startup' },
        { removeOnComplete: true, removeOnFail: 100 },
      );
      if (seconds === 0) await this.queue.removeJobScheduler(RECONCILE_SCHEDULER_ID);
      else await this.ensureScheduler(seconds);
    } catch (error) {
      this.logger.error({ err: error }, 'could not schedule the reconciler; the timer retries');
    }
  }

  private async ensureScheduler(seconds: number): Promise<void> {
    const existing = await this.queue.getJobScheduler(RECONCILE_SCHEDULER_ID);
    if (existing && existing.every === seconds * 1000) return;
    await this.queue.upsertJobScheduler(
      RECONCILE_SCHEDULER_ID,
      { every: seconds * 1000 },
      {
        name: RECONCILE_JOB,
        data: { reason: 'schedule' },
        opts: { removeOnComplete: true, removeOnFail: 100 },
      },
    );
  }
}
