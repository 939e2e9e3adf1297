import { Processor, WorkerHost } from '@nestjs/bullmq';
import {
  type BeforeApplicationShutdown,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { selectOne } from '../../database/sql.util.js';
import { QueueName } from '../../queues/queue-names.js';
import { JourneySchedulerService } from '../journey-scheduler.service.js';
import { TransitionEnrollerService } from '../transition-enroller.service.js';
import { startWorker } from '../worker-lifecycle.util.js';
import {
  SCHEDULE_OCCURRENCE_JOB,
  type ScheduleOccurrenceJobData,
} from './schedule-occurrence.job.js';

/**
 * Schedule occurrences: everyone in the journey's segment at this moment is enrolled,
 * keyed by the occurrence (the job id BullMQ gives it), so a retry enrolls nobody twice.
 */
@Processor(QueueName.JourneyTriggers, { autorun: false })
export class JourneyTriggerProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(JourneyTriggerProcessor.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly enroller: TransitionEnrollerService,
    private readonly scheduler: JourneySchedulerService,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    startWorker(this.worker, 1, this.logger);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }

  async process(job: Job<ScheduleOccurrenceJobData>): Promise<string> {
    if (job.name !== SCHEDULE_OCCURRENCE_JOB) return 'ignored';
    const occurrence = String(job.id ?? job.timestamp);
    const refs = await this.db.transaction(async (em) => {
      const live = await selectOne<{ version_id: string }>(
        em,
        `SELECT live_version_id AS version_id FROM journeys WHERE id = $1 AND status = 'live'`,
        [job.data.journeyId],
      );
      if (!live) return [];
      return this.enroller.enrollScheduled(em, live.version_id, occurrence);
    });
    await this.scheduler.scheduleStart(refs);
    return `enrolled ${refs.length}`;
  }
}
