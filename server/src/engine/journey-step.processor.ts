import { Processor, WorkerHost } from '@nestjs/bullmq';
import {
  type BeforeApplicationShutdown,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { OutboxSendNowService } from '../channels/outbox-send-now.service.js';
import { MicroBatcher } from '../common/micro-batcher.js';
import { AppConfig } from '../config/app-config.service.js';
import { QueueName } from '../queues/queue-names.js';
import type { JourneyStepJobData } from './journey-step.job.js';
import { StepBatchRunner, type StepOutcome } from './step-batch.runner.js';
import { StepRunnerService } from './step-runner.service.js';
import { isFinalAttempt, startWorker } from './worker-lifecycle.util.js';

/**
 * Worker of the journey-steps queue. Jobs running at the same time are handed to the
 * batch runner together (group commit, see StepBatchRunner): each is still one step
 * with its own outcome. The steps commit first; their next steps are enqueued after, and
 * then each job sends its step's messages (OutboxSendNowService). If enqueueing fails
 * the jobs are retried: a replay is a no-op that re-enqueues the current step, and the
 * reconciler covers the rest (pending messages included).
 */
// A short lock: a step takes milliseconds, and a killed worker's steps come back in seconds.
@Processor(QueueName.JourneySteps, { autorun: false, lockDuration: 10_000, stalledInterval: 5_000 })
export class JourneyStepProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(JourneyStepProcessor.name);
  private readonly batcher: MicroBatcher<JourneyStepJobData, StepOutcome>;

  constructor(
    private readonly runner: StepRunnerService,
    batches: StepBatchRunner,
    private readonly messages: OutboxSendNowService,
    private readonly config: AppConfig,
  ) {
    super();
    this.batcher = new MicroBatcher((jobs, asCaller) => batches.run(jobs, asCaller), {
      maxSize: config.values.STEP_BATCH_SIZE,
      maxParallel: config.values.STEP_BATCH_PARALLEL,
    });
  }

  onApplicationBootstrap(): void {
    startWorker(this.worker, this.config.values.STEP_CONCURRENCY, this.logger);
  }

  /** Stops taking jobs and waits for the running ones before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }

  async process(job: Job<JourneyStepJobData>, token?: string): Promise<string> {
    const outcome = await this.batcher.submit(job.data);
    if (!outcome.ok) {
      if (isFinalAttempt(job))
        await this.runner.recordFinalFailure(job.data, (outcome.error as Error).message);
      throw outcome.error;
    }
    const followUp = outcome.followUp;
    await this.messages.send(followUp.outboxIds);
    if (followUp.notBefore) {
      // A resume that arrived early: back to the delayed set until the wait is over.
      await job.moveToDelayed(followUp.notBefore.getTime() + 50, token);
      throw new DelayedError();
    }
    return followUp.steps.length > 0
      ? `next: ${followUp.steps.map((s) => s.nodeId).join(',')}`
      : 'done';
  }
}
