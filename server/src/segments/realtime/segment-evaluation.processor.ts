import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { AppConfig } from '../../config/app-config.service.js';
import { QueueName } from '../../queues/queue-names.js';
import { WorkspaceEvaluationService } from '../evaluation/workspace-evaluation.service.js';
import { DirtyCustomersService } from './dirty-customers.service.js';
import {
  FULL_EVALUATION_JOB,
  FULL_EVALUATION_SCHEDULER_ID,
  type FullEvaluationJobData,
} from './full-evaluation.job.js';
import {
  REALTIME_EVALUATION_JOB,
  type RealtimeEvaluationJobData,
} from './realtime-evaluation.job.js';

type SegmentEvaluationJob =
  | { name: typeof REALTIME_EVALUATION_JOB; data: RealtimeEvaluationJobData }
  | { name: typeof FULL_EVALUATION_JOB; data: FullEvaluationJobData };

const DIRTY_BATCH = 5000;

@Processor(QueueName.SegmentEvaluation, { concurrency: 1 })
export class SegmentEvaluationProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(SegmentEvaluationProcessor.name);

  constructor(
    private readonly evaluations: WorkspaceEvaluationService,
    private readonly dirty: DirtyCustomersService,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.SegmentEvaluation) private readonly queue: Queue,
  ) {
    super();
  }

  /** Installs (or removes) the schedule of the full evaluation. */
  async onApplicationBootstrap(): Promise<void> {
    const seconds = this.config.values.SEGMENT_REFRESH_SECONDS;
    if (seconds === 0) {
      await this.queue.removeJobScheduler(FULL_EVALUATION_SCHEDULER_ID);
      return;
    }
    await this.queue.upsertJobScheduler(
      FULL_EVALUATION_SCHEDULER_ID,
      { every: seconds * 1000 },
      { name: FULL_EVALUATION_JOB, data: {}, opts: { removeOnComplete: true, removeOnFail: 50 } },
    );
  }

  async process(job: Job): Promise<unknown> {
    const typed = job as unknown as SegmentEvaluationJob;
    switch (typed.name) {
      case REALTIME_EVALUATION_JOB:
        return this.processDirty(typed.data.workspaceId);
      case FULL_EVALUATION_JOB:
        await this.evaluations.evaluateAllWorkspaces(new Date());
        return null;
      default: {
        const never: never = typed;
        throw new Error(`unknown segment evaluation job ${JSON.stringify(never)}`);
      }
    }
  }

  private async processDirty(
    workspaceId: string,
  ): Promise<{ customers: number; transitions: number }> {
    let customers = 0;
    let transitions = 0;
    for (;;) {
      const ids = await this.dirty.take(workspaceId, DIRTY_BATCH);
      if (ids.length === 0) break;
      customers += ids.length;
      transitions += await this.evaluations.evaluateCustomers(workspaceId, ids, new Date());
    }
    if (transitions > 0)
      this.logger.log(`real time: ${customers} customers, ${transitions} transitions`);
    return { customers, transitions };
  }
}
