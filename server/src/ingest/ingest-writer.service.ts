import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { MicroBatcher } from '../common/micro-batcher.js';
import {
  EventEnrollmentService,
  type StoredEvent,
} from '../engine/enrollment/event-enrollment.service.js';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  isDatabaseUnavailable,
  RetryLaterException,
} from '../rate-limit/service-unavailable.js';
import { type BatchFollowUp, IngestFollowUpsService } from './ingest-follow-ups.service.js';
import { ingestDocument } from './ingest-rows.js';
import { INGEST_STATEMENT_SQL, type IngestStatementRow } from './ingest-statement.sql.js';

/** One request's messages, encoded by ingestRows. */
export interface IngestWrite {
  workspaceId: string;
  rows: string;
}

type Outcome = { ok: true } | { ok: false; error: unknown };

/** Requests stored by one transaction at most (group commit). */
const MAX_REQUESTS_PER_COMMIT = 64;
/** Transactions in flight at once: one commits while the next is being written. */
const MAX_PARALLEL_COMMITS = 2;
/**
 * Requests waiting for a commit beyond this are refused with a 503 at once (Postgres is
 * slow or hanging): the queue, and the memory it holds, stays bounded.
 */
const MAX_WAITING = 2000;
/** The ingest statement is prepared once per connection under this name. */
const STATEMENT_NAME = 'switchyard_ingest_v1';

/** A lost race between two writers (deadlock, serialization): the batch is run again. */
function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown; driverError?: { code?: unknown } } | null)?.code;
  return code === '40P01' || code === '40001';
}

/**
 * Group commit for real-time ingest: the requests that arrive while a transaction runs
 * are stored together by the next one (one statement per workspace, see
 * ingest-statement.sql.ts, plus the enrollments of event-triggered journeys), so under
 * load one commit carries many requests and each request costs no round trip of its
 * own; an idle server commits a request at once. A request is answered only after its
 * transaction committed. If a batch fails on the data of one request, each request is
 * stored alone so that only that one fails; if Postgres is unreachable, all fail and the
 * client is told to retry (503).
 */
@Injectable()
export class IngestWriterService {
  private readonly logger = new Logger(IngestWriterService.name);
  private readonly batcher: MicroBatcher<IngestWrite, Outcome>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly eventTriggers: EventEnrollmentService,
    private readonly followUps: IngestFollowUpsService,
  ) {
    this.batcher = new MicroBatcher((items) => this.runBatch(items), {
      maxSize: MAX_REQUESTS_PER_COMMIT,
      maxParallel: MAX_PARALLEL_COMMITS,
    });
  }

  /** Resolves once the request's messages are committed. */
  async write(item: IngestWrite): Promise<void> {
    if (this.batcher.waiting >= MAX_WAITING)
      throw new RetryLaterException(
        `ingest is behind: ${MAX_WAITING} requests are waiting for the database; nothing was stored, retry later`,
        DATABASE_RETRY_AFTER_SECONDS,
      );
    const outcome = await this.batcher.submit(item);
    if (!outcome.ok) throw outcome.error;
  }

  private async runBatch(items: IngestWrite[]): Promise<Outcome[]> {
    try {
      await this.store(items);
      return items.map(() => ({ ok: true }));
    } catch (error) {
      if (items.length === 1 || isDatabaseUnavailable(error))
        return items.map(() => ({ ok: false, error }));
      this.logger.warn(
        `a group commit of ${items.length} requests failed (${(error as Error).message}): storing them one by one`,
      );
      const outcomes: Outcome[] = [];
      for (const item of items) {
        try {
          await this.store([item]);
          outcomes.push({ ok: true });
        } catch (itemError) {
          outcomes.push({ ok: false, error: itemError });
        }
      }
      return outcomes;
    }
  }

  private async store(items: readonly IngestWrite[], attempt = 1): Promise<void> {
    const byWorkspace = new Map<string, string[]>();
    for (const item of items) {
      const rows = byWorkspace.get(item.workspaceId);
      if (rows) rows.push(item.rows);
      else byWorkspace.set(item.workspaceId, [item.rows]);
    }
    const runner = this.db.createQueryRunner('master');
    const followUps: BatchFollowUp[] = [];
    try {
      const client = (await runner.connect()) as PoolClient;
      await runner.startTransaction();
      for (const [workspaceId, rows] of byWorkspace) {
        const result = await client.query<IngestStatementRow>({
          name: STATEMENT_NAME,
          text: INGEST_STATEMENT_SQL,
          values: [workspaceId, ingestDocument(rows)],
        });
        const row = result.rows[0] as IngestStatementRow;
        const triggered: StoredEvent[] = (row.triggered ?? []).map(([id, customerId, name]) => ({
          id,
          customer_id: customerId,
          name,
        }));
        const enrolled =
          triggered.length > 0
            ? await this.eventTriggers.enrollInTransaction(runner.manager, workspaceId, triggered)
            : [];
        followUps.push({
          workspaceId,
          inserted: row.inserted,
          enrolled,
          wakes: row.wakes ?? [],
          lastEventId: row.last_event_id,
        });
      }
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      if (attempt === 1 && isRetryable(error)) {
        await runner.release();
        return this.store(items, 2);
      }
      throw error;
    } finally {
      if (!runner.isReleased) await runner.release();
    }
    this.followUps.after(followUps);
  }
}
