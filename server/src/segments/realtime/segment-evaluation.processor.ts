import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import {
  type BeforeApplicationShutdown,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
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

/** Customers evaluated in one incremental pass. */
const DIRTY_BATCH = 5000;
/** Marks taken in one transaction (each holds the customers of one ingest batch). */
const MARK_ROWS = 200;
/** A real-time job takes marks for at most this long. */
const MAX_JOB_MS = 60_000;
/** How often marks whose job got lost (Redis down or flushed) are looked for. */
export const SWEEP_EVERY_MS = 5000;

@Processor(QueueName.SegmentEvaluation, { concurrency: 1 })
export class SegmentEvaluationProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(SegmentEvaluationProcessor.name);
  private sweeper: NodeJS.Timeout | null = null;
  private sweeping = false;

  constructor(
    private readonly evaluations: WorkspaceEvaluationService,
    private readonly dirty: DirtyCustomersService,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.SegmentEvaluation) private readonly queue: Queue,
  ) {
    super();
  }

  /** Installs (or removes) the schedule of the full evaluation; starts the sweep. */
  async onApplicationBootstrap(): Promise<void> {
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.sweeper.unref();
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

  beforeApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  /**
   * Marks older than a few debounce periods lost their job (Redis was down, flushed,
   * or the process died before queueing it): queue it again.
   */
  async sweep(): Promise<string[]> {
    if (this.sweeping) return [];
    this.sweeping = true;
    try {
      const age = Math.max(2000, 3 * this.config.values.REALTIME_DEBOUNCE_MS);
      const stale = await this.dirty.marks.staleWorkspaces(age);
      for (const workspaceId of stale) this.dirty.poke(workspaceId);
      return stale;
    } catch (error) {
      this.logger.warn(`real-time sweep failed: ${(error as Error).message}`);
      return [];
    } finally {
      this.sweeping = false;
    }
  }

  async process(job: Job): Promise<unknown> {
    const typed = job as unknown as SegmentEvaluationJob;
    switch (typed.name) {
      case REALTIME_EVALUATION_JOB:
        await this.releasePokes(job);
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

  /**
   * From now on a poke queues the next job: marks written while this one runs, after its
   * last take, are then never left without a job. If Redis refuses, pokes stay merged
   * into this job until it ends, and the sweep picks up what is left.
   */
  private async releasePokes(job: Job): Promise<void> {
    try {
      await job.removeDeduplicationKey();
    } catch (error) {
      this.logger.warn(`real-time job ${job.id}: pokes not released: ${(error as Error).message}`);
    }
  }

  private async processDirty(
    workspaceId: string,
  ): Promise<{ customers: number; transitions: number }> {
    let customers = 0;
    let transitions = 0;
    const evaluate = async (ids: string[]) => {
      for (let i = 0; i < ids.length; i += DIRTY_BATCH) {
        const chunk = ids.slice(i, i + DIRTY_BATCH);
        customers += chunk.length;
        transitions += await this.evaluations.evaluateCustomers(workspaceId, chunk, new Date());
      }
    };
    // Marks that arrive while this runs are taken too (so a steady stream is evaluated
    // within one pass, not one debounce later); after a minute the job ends and the next
    // poke (or the sweep) queues another.
    const until = Date.now() + MAX_JOB_MS;
    while ((await this.dirty.marks.take(workspaceId, MARK_ROWS, evaluate)) > 0)
      if (Date.now() > until) break;
    if (transitions > 0)
      this.logger.log(`real time: ${customers} customers, ${transitions} transitions`);
    return { customers, transitions };
  }
}
