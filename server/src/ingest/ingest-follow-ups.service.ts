import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { EnrollmentRef } from '../engine/enrollment.types.js';
import { JourneySchedulerService } from '../engine/journey-scheduler.service.js';
import { DirtyCustomersService } from '../segments/realtime/dirty-customers.service.js';

/** What one committed ingest statement leaves to do through Redis. */
export interface BatchFollowUp {
  workspaceId: string;
  inserted: number;
  /** Enrollments of event-triggered journeys made in the transaction. */
  enrolled: EnrollmentRef[];
  /** [enrollment, node, seq] of runs waiting for one of the stored events. */
  wakes: [string, string, number][];
  lastEventId: string | null;
}

/** Follow-ups still waiting for Redis beyond this are dropped (see below). */
const MAX_PENDING = 1000;
const WARN_EVERY_MS = 30_000;
const SHUTDOWN_WAIT_MS = 5000;

/**
 * After an ingest commit: poke real-time evaluation, queue the first steps of new
 * enrollments and wake waiting runs. None of it is awaited by the request: Postgres
 * already holds everything, so a slow or absent Redis costs latency, never data (the
 * reconciler re-queues due runs, waiting steps re-check the events at their timeout, and
 * the real-time sweep finds marks without a job). With Redis down, follow-ups wait for
 * the reconnect; past MAX_PENDING new ones are dropped rather than held in memory.
 */
@Injectable()
export class IngestFollowUpsService implements OnApplicationShutdown {
  private readonly logger = new Logger(IngestFollowUpsService.name);
  private readonly pending = new Set<Promise<void>>();
  private warnedAt = 0;

  constructor(
    private readonly scheduler: JourneySchedulerService,
    private readonly dirty: DirtyCustomersService,
  ) {}

  after(batches: readonly BatchFollowUp[]): void {
    for (const batch of batches) {
      if (batch.inserted > 0) this.dirty.poke(batch.workspaceId);
      if (batch.enrolled.length > 0) this.track(() => this.scheduler.scheduleStart(batch.enrolled));
      if (batch.wakes.length > 0 && batch.lastEventId !== null) {
        const suffix = batch.lastEventId;
        this.track(() =>
          this.scheduler.schedule(
            batch.wakes.map(([enrollmentId, nodeId, seq]) => ({
              kind: 'wake',
              enrollmentId,
              nodeId,
              seq,
              suffix,
            })),
          ),
        );
      }
    }
  }

  private track(start: () => Promise<void>): void {
    if (this.pending.size >= MAX_PENDING) {
      this.warn(
        `${MAX_PENDING} journey follow-ups are waiting for Redis; newer ones are left to the reconciler`,
      );
      return;
    }
    const tracked: Promise<void> = start()
      .catch((error: unknown) =>
        this.warn(`journey follow-ups of an ingest were not queued: ${(error as Error).message}`),
      )
      .finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  private warn(message: string): void {
    const now = Date.now();
    if (now - this.warnedAt < WARN_EVERY_MS) return;
    this.warnedAt = now;
    this.logger.warn(message);
  }

  /** Lets queued follow-ups finish (briefly) before the connections close. */
  async onApplicationShutdown(): Promise<void> {
    if (this.pending.size === 0) return;
    await Promise.race([
      Promise.allSettled([...this.pending]),
      new Promise((resolve) => setTimeout(resolve, SHUTDOWN_WAIT_MS).unref()),
    ]);
  }
}
