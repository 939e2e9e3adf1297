import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { outboxDeliveryJob } from '../channels/outbox-dispatcher.service.js';
import { type OutboxDeliveryJobData, outboxJobId } from '../channels/outbox-delivery.job.js';
import { QueueName } from '../queues/queue-names.js';
import { RedisService } from '../queues/redis.provider.js';
import { stepJob } from './journey-scheduler.service.js';
import type { JourneyStepJobData } from './journey-step.job.js';
import { requeueJobs, type RequeueTarget, requeueTarget } from './requeue.util.js';
import { JourneySchedulesService } from './triggers/journey-schedules.service.js';
import { selectRows } from '../database/sql.util.js';

/** Work younger than this is left to the normal path (its job is probably queued). */
const GRACE_SECONDS = 5;
const BATCH = 5000;

/** A pending outbox row; `next_attempt_at` when it waits for a retry (see migration 1749). */
export interface PendingMessage {
  id: string;
  next_attempt_at?: Date | null;
}

export interface ReconcileResult {
  schedulesRecreated: number;
  dueSteps: number;
  stepsRequeued: number;
  pendingMessages: number;
  messagesRequeued: number;
}

/**
 * Rebuilds due work from Postgres with the same deterministic job ids as the normal
 * path: active enrollments whose next_run_at has passed and pending outbox rows. After a
 * Redis flush this restores everything; otherwise it finds nothing to add.
 */
@Injectable()
export class ReconcilerService {
  private readonly logger = new Logger(ReconcilerService.name);
  private readonly steps: RequeueTarget<JourneyStepJobData>;
  private readonly outbox: RequeueTarget<OutboxDeliveryJobData>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QueueName.JourneySteps) steps: Queue<JourneyStepJobData>,
    @InjectQueue(QueueName.Outbox) private readonly outboxQueue: Queue<OutboxDeliveryJobData>,
    private readonly schedules: JourneySchedulesService,
    redis: RedisService,
  ) {
    this.steps = requeueTarget(steps, redis.client);
    this.outbox = requeueTarget(outboxQueue, redis.client);
  }

  /** Every active run of a journey gets its current step's job (after a resume). */
  async requeueJourney(journeyId: string): Promise<number> {
    let requeued = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await selectRows<DueRow & { id: string }>(
        this.db,
        `SELECT e.id, e.current_node_id, e.step_seq, (s.status = 'waiting') IS TRUE AS waiting, s.resume_at
           FROM enrollments e
           LEFT JOIN enrollment_steps s ON s.enrollment_id = e.id AND s.seq = e.step_seq
          WHERE e.journey_id = $1 AND e.status = 'active' AND e.id > $2
          ORDER BY e.id LIMIT $3`,
        [journeyId, after, BATCH],
      );
      if (rows.length === 0) return requeued;
      requeued += await requeueJobs(
        this.steps,
        rows.map((row) => dueStepJob(row, Date.now())),
      );
      after = rows[rows.length - 1]?.id ?? after;
    }
  }

  /**
   * Delivery jobs for pending outbox rows (found by a pass, or made pending again by a
   * retry from the Deliveries page): under the rows' deterministic job ids, replacing the
   * finished jobs BullMQ keeps for rows still pending. A row that waits for its next
   * attempt (a backoff, a provider's Retry-After) is delayed until then, not sent early.
   */
  requeueMessages(messages: readonly PendingMessage[]): Promise<number> {
    const now = Date.now();
    return requeueJobs(
      this.outbox,
      messages.map((m) =>
        outboxDeliveryJob(m.id, Math.max(0, (m.next_attempt_at?.getTime() ?? now) - now)),
      ),
      (finished) => this.pendingOutbox(finished.map((job) => job.data.outboxId)),
    );
  }

  /**
   * A waiting message's delivery, due now (the Deliveries page's "Send now"): its delayed
   * job is promoted, or added again if Redis no longer has it. A job that is already
   * waiting or running is left as it is.
   */
  async sendMessageNow(outboxId: string): Promise<void> {
    const job = await this.outboxQueue.getJob(outboxJobId(outboxId));
    if (job && (await job.isDelayed())) {
      // It may have become due in between: then it is on its way anyway.
      await job
        .promote()
        .catch((error: unknown) =>
          this.logger.debug(`message ${outboxId} was no longer delayed: ${String(error)}`),
        );
      return;
    }
    await this.requeueMessages([{ id: outboxId }]);
  }

  /** Of these finished step jobs, the ids whose enrollment still waits at that very step. */
  private async stillDueSteps(
    jobs: readonly { data: JourneyStepJobData; opts: { jobId: string } }[],
  ): Promise<Set<string>> {
    const rows = await selectRows<{ id: string; step_seq: number }>(
      this.db,
      `SELECT id, step_seq FROM enrollments
        WHERE id = ANY($1::uuid[]) AND status = 'active' AND next_run_at < now() - make_interval(secs => $2)`,
      [jobs.map((job) => job.data.enrollmentId), GRACE_SECONDS],
    );
    const seqById = new Map(rows.map((row) => [row.id, row.step_seq]));
    return new Set(
      jobs
        .filter((job) => seqById.get(job.data.enrollmentId) === job.data.seq)
        .map((j) => j.opts.jobId),
    );
  }

  /** Of these finished delivery jobs, the ids whose outbox row is still pending. */
  private async pendingOutbox(ids: readonly string[]): Promise<Set<string>> {
    const rows = await selectRows<{ id: string }>(
      this.db,
      `SELECT id FROM outbox WHERE id = ANY($1::uuid[]) AND status = 'pending'`,
      [ids],
    );
    return new Set(rows.map((row) => outboxDeliveryJob(row.id).opts.jobId));
  }

  async reconcile(): Promise<ReconcileResult> {
    const due = await selectRows<DueRow>(
      this.db,
      `SELECT e.id, e.current_node_id, e.step_seq, (s.status = 'waiting') IS TRUE AS waiting, s.resume_at
         FROM enrollments e
         JOIN journeys j ON j.id = e.journey_id AND j.status <> 'paused'
         LEFT JOIN enrollment_steps s ON s.enrollment_id = e.id AND s.seq = e.step_seq
        WHERE e.status = 'active' AND e.next_run_at < now() - make_interval(secs => $1)
        ORDER BY e.next_run_at
        LIMIT $2`,
      [GRACE_SECONDS, BATCH],
    );
    const pending = await selectRows<PendingMessage>(
      this.db,
      `SELECT id, next_attempt_at FROM outbox
        WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1)
        ORDER BY created_at LIMIT $2`,
      [GRACE_SECONDS, BATCH],
    );
    // Messages first: they are cheap and customers are waiting for them.
    const messagesRequeued = await this.requeueMessages(pending);
    const now = Date.now();
    const stepsRequeued = await requeueJobs(
      this.steps,
      due.map((row) => dueStepJob(row, now)),
      (finished) => this.stillDueSteps(finished),
    );
    const schedulesRecreated = await this.schedules.syncAll();
    const result = {
      schedulesRecreated,
      dueSteps: due.length,
      stepsRequeued,
      pendingMessages: pending.length,
      messagesRequeued,
    };
    if (stepsRequeued > 0 || messagesRequeued > 0 || schedulesRecreated > 0)
      this.logger.warn(result, 'reconciler re-enqueued lost work');
    return result;
  }
}

interface DueRow {
  id: string;
  current_node_id: string;
  step_seq: number;
  waiting: boolean;
  resume_at: Date | null;
}

function dueStepJob(row: DueRow, now: number) {
  return stepJob(
    {
      kind: row.waiting ? 'resume' : 'step',
      enrollmentId: row.id,
      nodeId: row.current_node_id,
      seq: row.step_seq,
      ...(row.waiting && row.resume_at ? { runAt: row.resume_at } : {}),
    },
    now,
  );
}
