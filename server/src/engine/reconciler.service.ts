import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { outboxDeliveryJob } from '../channels/outbox-dispatcher.service.js';
import type { OutboxDeliveryJobData } from '../channels/outbox-delivery.job.js';
import { QueueName } from '../queues/queue-names.js';
import { stepJob } from './journey-scheduler.service.js';
import type { JourneyStepJobData } from './journey-step.job.js';
import { requeueJobs } from './requeue.util.js';
import { selectRows } from '../database/sql.util.js';

/** Work younger than this is left to the normal path (its job is probably queued). */
const GRACE_SECONDS = 5;
const BATCH = 5000;

export interface ReconcileResult {
  dueSteps: number;
  stepsRequeued: number;
  pendingEmails: number;
  emailsRequeued: number;
}

/**
 * Rebuilds due work from Postgres with the same deterministic job ids as the normal
 * path: active enrollments whose next_run_at has passed and pending outbox rows. After a
 * Redis flush this restores everything; otherwise it finds nothing to add.
 */
@Injectable()
export class ReconcilerService {
  private readonly logger = new Logger(ReconcilerService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QueueName.JourneySteps) private readonly steps: Queue<JourneyStepJobData>,
    @InjectQueue(QueueName.Outbox) private readonly outbox: Queue<OutboxDeliveryJobData>,
  ) {}

  async reconcile(): Promise<ReconcileResult> {
    const due = await selectRows<{ id: string; current_node_id: string; waiting: boolean }>(
      this.db,
      `SELECT e.id, e.current_node_id, (s.status = 'waiting') IS TRUE AS waiting
         FROM enrollments e
         LEFT JOIN enrollment_steps s ON s.enrollment_id = e.id AND s.node_id = e.current_node_id
        WHERE e.status = 'active' AND e.next_run_at < now() - make_interval(secs => $1)
        ORDER BY e.next_run_at
        LIMIT $2`,
      [GRACE_SECONDS, BATCH],
    );
    const pending = await selectRows<{ id: string }>(
      this.db,
      `SELECT id FROM outbox WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1)
        ORDER BY created_at LIMIT $2`,
      [GRACE_SECONDS, BATCH],
    );
    const now = Date.now();
    const stepsRequeued = await requeueJobs(
      this.steps,
      due.map((row) =>
        stepJob(
          {
            kind: row.waiting ? 'resume' : 'step',
            enrollmentId: row.id,
            nodeId: row.current_node_id,
          },
          now,
        ),
      ),
    );
    const emailsRequeued = await requeueJobs(
      this.outbox,
      pending.map((row) => outboxDeliveryJob(row.id)),
    );
    const result = {
      dueSteps: due.length,
      stepsRequeued,
      pendingEmails: pending.length,
      emailsRequeued,
    };
    if (stepsRequeued > 0 || emailsRequeued > 0)
      this.logger.warn(result, 'reconciler re-enqueued lost work');
    return result;
  }
}
