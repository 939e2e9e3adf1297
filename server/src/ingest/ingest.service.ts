import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type BatchMessage,
  describeIssues,
  type FieldIssue,
  formatPath,
  isStoredMessage,
} from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import {
  EventEnrollmentService,
  type StoredEvent,
} from '../engine/enrollment/event-enrollment.service.js';
import { EventWakeService } from '../engine/event-wake.service.js';
import { JourneySchedulerService } from '../engine/journey-scheduler.service.js';
import { DirtyCustomersService } from '../segments/realtime/dirty-customers.service.js';
import { insertEventsSql, upsertCustomersSql } from './message-store.sql.js';
import { storageIssue } from './storable-value.util.js';
import { toArrayParameters, toStoredMessage } from './stored-message.js';

/**
 * Real-time ingest: a request's messages are stored with two set-based statements in one
 * transaction with the enrollments of event-triggered journeys; after commit the customers
 * that got new events are marked dirty for real-time
 * segment evaluation.
 */
@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly dirty: DirtyCustomersService,
    private readonly eventTriggers: EventEnrollmentService,
    private readonly scheduler: JourneySchedulerService,
    private readonly wakes: EventWakeService,
  ) {}

  /**
   * @param fieldPrefix where the messages sit in the request body (`batch` for /v1/batch),
   *   used to name fields in 400 answers.
   */
  async ingest(
    workspaceId: string,
    batch: readonly BatchMessage[],
    fieldPrefix: 'batch' | null,
  ): Promise<void> {
    // page/screen/group/alias are accepted and not stored; indexes stay those of the request.
    const stored = batch.flatMap((item, index) => (isStoredMessage(item) ? [{ item, index }] : []));
    if (stored.length === 0) return;
    const issues = stored.flatMap(({ item, index }): FieldIssue[] => {
      const issue = storageIssue(item);
      if (!issue) return [];
      const root: PropertyKey[] = fieldPrefix ? [fieldPrefix, index] : [];
      return [{ field: formatPath([...root, ...issue.path]), message: issue.message }];
    });
    if (issues.length > 0)
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: describeIssues(issues),
        issues,
      });

    const receivedAt = new Date();
    const messages = stored.map(({ item }, position) =>
      toStoredMessage(item, position, receivedAt),
    );
    const params = [workspaceId, ...toArrayParameters(messages)];
    const { events, enrolled } = await this.db.transaction(async (em) => {
      await em.query(upsertCustomersSql('arrays'), params);
      const inserted: StoredEvent[] = await em.query(insertEventsSql('arrays', 'events'), params);
      const refs = await this.eventTriggers.enrollInTransaction(em, workspaceId, inserted);
      return { events: inserted, enrolled: refs };
    });
    await this.dirty.markDirty(workspaceId, [...new Set(events.map((e) => e.customer_id))]);
    // After commit. If Redis is down the data is safe: the reconciler finds the new runs
    // due in Postgres and waiting steps re-check the events table at their timeout.
    try {
      await this.scheduler.scheduleStart(enrolled);
      await this.wakes.wake(workspaceId, events);
    } catch (error) {
      this.logger.warn(
        `journey follow-ups of an ingest were not queued: ${(error as Error).message}`,
      );
    }
  }
}
