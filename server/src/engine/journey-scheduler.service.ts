import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from '../queues/queue-names.js';
import type { EnrollmentRef } from './enrollment.types.js';
import {
  JOURNEY_STEP_JOB,
  journeyStepJobId,
  type JourneyStepJobData,
  type StepJobKind,
} from './journey-step.job.js';

export interface ScheduledStep extends JourneyStepJobData {
  kind: StepJobKind;
  /** Not before this time (a wait); now when omitted. */
  runAt?: Date;
  /** Makes the job id unique beyond (kind, enrollment, step), e.g. the event that woke it. */
  suffix?: string;
}

const BULK_CHUNK = 1000;

/** The one place journey step jobs are enqueued, always with deterministic ids. */
@Injectable()
export class JourneySchedulerService {
  constructor(
    @InjectQueue(QueueName.JourneySteps) private readonly queue: Queue<JourneyStepJobData>,
  ) {}

  /** First step of each new enrollment: call after the enrolling transaction commits. */
  async scheduleStart(refs: readonly EnrollmentRef[]): Promise<void> {
    await this.schedule(
      refs.map((ref) => ({
        kind: 'step',
        enrollmentId: ref.id,
        nodeId: ref.currentNodeId,
        seq: ref.seq,
      })),
    );
  }

  /**
   * The next steps of running enrollments, after their step committed. Those due now go to
   * the front of the queue (LIFO), so a customer's journey runs on before more customers
   * start theirs: in a large enrollment the first messages go out within seconds, not after
   * every customer's first step, and the rows a step touched are still in cache for the next.
   */
  async scheduleNext(steps: readonly ScheduledStep[], now = Date.now()): Promise<void> {
    await this.schedule(steps, now, 'front');
  }

  async schedule(
    steps: readonly ScheduledStep[],
    now = Date.now(),
    dueNowAt: QueueEnd = 'back',
  ): Promise<void> {
    for (let i = 0; i < steps.length; i += BULK_CHUNK) {
      await this.queue.addBulk(
        steps.slice(i, i + BULK_CHUNK).map((step) => stepJob(step, now, dueNowAt)),
      );
    }
  }
}

/** Where a job due now joins the wait list: behind the others, or ahead of them. */
export type QueueEnd = 'back' | 'front';

export function stepJob(step: ScheduledStep, now: number, dueNowAt: QueueEnd = 'back') {
  const data: JourneyStepJobData = {
    enrollmentId: step.enrollmentId,
    nodeId: step.nodeId,
    seq: step.seq,
    ...(step.kind === 'wake' ? { wake: true as const } : {}),
  };
  const delay = step.runAt ? Math.max(0, step.runAt.getTime() - now) : 0;
  return {
    name: JOURNEY_STEP_JOB,
    data,
    opts: {
      jobId: journeyStepJobId(step.kind, data, step.suffix),
      ...(delay > 0 ? { delay } : dueNowAt === 'front' ? { lifo: true } : {}),
    },
  };
}
