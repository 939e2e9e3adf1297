import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { scheduleCron, type Trigger } from '@switchyard/contracts';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { selectRows } from '../../database/sql.util.js';
import { QueueName } from '../../queues/queue-names.js';
import {
  journeyScheduleId,
  SCHEDULE_OCCURRENCE_JOB,
  type ScheduleOccurrenceJobData,
} from './schedule-occurrence.job.js';

interface ScheduledJourneyRow {
  journey_id: string;
  live: boolean;
  trigger: Trigger | null;
  timezone: string;
}

/**
 * Keeps one BullMQ job scheduler per live journey with a schedule trigger (cron in the
 * workspace's zone) and none for the others. Postgres holds the truth; `syncAll` (run by
 * the reconciler) re-creates schedulers Redis lost.
 */
@Injectable()
export class JourneySchedulesService {
  private readonly logger = new Logger(JourneySchedulesService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QueueName.JourneyTriggers)
    private readonly queue: Queue<ScheduleOccurrenceJobData>,
  ) {}

  async sync(journeyId: string): Promise<void> {
    const rows = await this.rows(`j.id = $1`, [journeyId]);
    const row = rows[0];
    if (!row) {
      await this.queue.removeJobScheduler(journeyScheduleId(journeyId));
      return;
    }
    await this.apply(row);
  }

  /** Every live scheduled journey has its scheduler (after a Redis flush). */
  async syncAll(): Promise<number> {
    const rows = await this.rows(`j.status = 'live' AND v.trigger_kind = 'schedule'`, []);
    let created = 0;
    for (const row of rows) {
      const existing = await this.queue.getJobScheduler(journeyScheduleId(row.journey_id));
      if (existing) continue;
      await this.apply(row);
      created += 1;
    }
    if (created > 0) this.logger.warn(`re-created ${created} journey schedule(s)`);
    return created;
  }

  private async apply(row: ScheduledJourneyRow): Promise<void> {
    const id = journeyScheduleId(row.journey_id);
    if (!row.live || row.trigger?.kind !== 'schedule') {
      await this.queue.removeJobScheduler(id);
      return;
    }
    await this.queue.upsertJobScheduler(
      id,
      { pattern: scheduleCron(row.trigger.schedule), tz: row.timezone },
      {
        name: SCHEDULE_OCCURRENCE_JOB,
        data: { journeyId: row.journey_id },
        opts: { removeOnComplete: 100, removeOnFail: 100 },
      },
    );
  }

  private rows(where: string, params: unknown[]): Promise<ScheduledJourneyRow[]> {
    return selectRows<ScheduledJourneyRow>(
      this.db,
      `SELECT j.id AS journey_id, (j.status = 'live') AS live, v.trigger, w.timezone
         FROM journeys j
         JOIN workspaces w ON w.id = j.workspace_id
         LEFT JOIN journey_versions v ON v.id = j.live_version_id
        WHERE ${where}`,
      params,
    );
  }
}
