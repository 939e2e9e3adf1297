import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.service.js';
import { QueueName } from '../../queues/queue-names.js';
import {
  REALTIME_EVALUATION_JOB,
  type RealtimeEvaluationJobData,
} from './realtime-evaluation.job.js';
import { RealtimeMarksRepository } from './realtime-marks.repository.js';

/** The deduplication id of a workspace's real-time evaluation job. */
function realtimeDeduplicationId(workspaceId: string): string {
  return `realtime-${workspaceId}`;
}

/** At most one "could not queue" warning per workspace this often. */
const WARN_EVERY_MS = 30_000;

/**
 * Customers whose events (or traits) changed are re-evaluated in real time. The marks
 * are Postgres rows (realtime_dirty: written by the ingest statement itself, or by
 * markDirty), so they survive a Redis outage or flush; Redis only carries one debounced
 * job per workspace that says "evaluate the marks now" (BullMQ deduplicates the pokes
 * into one pending job until that job starts; a running job keeps taking marks as they
 * come, and at most one more waits behind it). Pokes
 * never wait on Redis: one is in flight per workspace at most, the others return at once
 * (their marks are taken by the job the pending poke queues). Marks whose poke got lost
 * are found by the sweep of the segment-evaluation worker.
 */
@Injectable()
export class DirtyCustomersService {
  private readonly logger = new Logger(DirtyCustomersService.name);
  private readonly inFlight = new Set<string>();
  private readonly warnedAt = new Map<string, number>();
  /** The marks themselves (the evaluation worker takes them through here). */
  readonly marks: RealtimeMarksRepository;

  constructor(
    @InjectDataSource() db: DataSource,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.SegmentEvaluation)
    private readonly queue: Queue<RealtimeEvaluationJobData>,
  ) {
    this.marks = new RealtimeMarksRepository(db);
  }

  /**
   * Marks customers for re-evaluation after a change made outside the ingest statement
   * (a journey step that set traits). Never throws: a mark that cannot be written is
   * caught by the scheduled full evaluation.
   */
  async markDirty(workspaceId: string, customerIds: readonly string[]): Promise<void> {
    if (customerIds.length === 0) return;
    try {
      await this.marks.add(workspaceId, customerIds);
    } catch (error) {
      this.logger.warn(
        `could not mark ${customerIds.length} customers dirty: ${(error as Error).message}`,
      );
      return;
    }
    this.poke(workspaceId);
  }

  /** Asks for a debounced evaluation of the workspace's marks; returns at once. */
  poke(workspaceId: string): void {
    if (this.inFlight.has(workspaceId)) return;
    const delay = this.config.values.REALTIME_DEBOUNCE_MS;
    this.inFlight.add(workspaceId);
    this.queue
      .add(
        REALTIME_EVALUATION_JOB,
        { workspaceId },
        {
          // One pending job per workspace; marks written meanwhile wait for it. The key
          // is held until the job starts (the processor releases it then), so a job
          // that runs long has one successor queued behind it, not one per debounce.
          deduplication: { id: realtimeDeduplicationId(workspaceId) },
          delay,
          removeOnComplete: true,
          removeOnFail: 100,
        },
      )
      .then(
        () => undefined,
        (error: unknown) => this.warn(workspaceId, error),
      )
      .finally(() => this.inFlight.delete(workspaceId));
  }

  private warn(workspaceId: string, error: unknown): void {
    const now = Date.now();
    if ((this.warnedAt.get(workspaceId) ?? 0) > now - WARN_EVERY_MS) return;
    if (this.warnedAt.size > 10_000) this.warnedAt.clear();
    this.warnedAt.set(workspaceId, now);
    this.logger.warn(
      `real-time evaluation of workspace ${workspaceId} not queued (the marks are kept, the sweep retries): ${(error as Error).message}`,
    );
  }
}
