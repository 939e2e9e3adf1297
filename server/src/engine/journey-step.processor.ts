import { Processor, WorkerHost } from '@nestjs/bullmq';
import {
  type BeforeApplicationShutdown,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { OutboxDispatcherService } from '../channels/outbox-dispatcher.service.js';
import { AppConfig } from '../config/app-config.service.js';
import { QueueName } from '../queues/queue-names.js';
import { DirtyCustomersService } from '../segments/realtime/dirty-customers.service.js';
import { JourneySchedulerService } from './journey-scheduler.service.js';
import type { JourneyStepJobData } from './journey-step.job.js';
import type { StepFollowUp } from './step-recorder.service.js';
import { StepRunnerService } from './step-runner.service.js';
import { isFinalAttempt, startWorker } from './worker-lifecycle.util.js';

/**
 * Worker of the journey-steps queue. The step commits first; its follow-ups (next step,
 * emails) are enqueued after. If enqueueing fails the job is retried: the replay is a
 * no-op that re-enqueues the current step, and the reconciler covers the rest.
 */
// A short lock: a step takes milliseconds, and a killed worker's steps come back in seconds.
@Processor(QueueName.JourneySteps, { autorun: false, lockDuration: 10_000, stalledInterval: 5_000 })
export class JourneyStepProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(JourneyStepProcessor.name);

  constructor(
    private readonly runner: StepRunnerService,
    private readonly scheduler: JourneySchedulerService,
    private readonly outbox: OutboxDispatcherService,
    private readonly dirty: DirtyCustomersService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    startWorker(this.worker, this.config.values.STEP_CONCURRENCY, this.logger);
  }

  /** Stops taking jobs and waits for the running ones before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }

  async process(job: Job<JourneyStepJobData>, token?: string): Promise<string> {
    let followUp: StepFollowUp;
    try {
      followUp = await this.runner.run(job.data);
    } catch (error) {
      if (isFinalAttempt(job))
        await this.runner.recordFinalFailure(job.data, (error as Error).message);
      throw error;
    }
    if (followUp.notBefore) {
      // A resume that arrived early: back to the delayed set until the wait is over.
      await job.moveToDelayed(followUp.notBefore.getTime() + 50, token);
      throw new DelayedError();
    }
    await this.outbox.dispatch(followUp.outboxIds);
    await this.scheduler.schedule(followUp.steps);
    if (followUp.traitsChanged)
      await this.dirty.markDirty(followUp.traitsChanged.workspaceId, [
        followUp.traitsChanged.customerId,
      ]);
    return followUp.steps.length > 0
      ? `next: ${followUp.steps.map((s) => s.nodeId).join(',')}`
      : 'done';
  }
}
