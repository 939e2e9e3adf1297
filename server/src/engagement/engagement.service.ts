import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { selectOne } from '../database/sql.util.js';
import { IngestService } from '../ingest/ingest.service.js';
import type { TrackedMessage } from './engagement-links.service.js';

/** The events an open and a click are recorded as, in the customer's own stream. */
export const EMAIL_OPENED_EVENT = 'Email Opened';
export const EMAIL_CLICKED_EVENT = 'Email Clicked';

export type EngagementKind = 'open' | 'click';

/**
 * Records opens and clicks of journey e-mails: a row per e-mail's first open and per
 * link's first click (email_engagements, counted on the step), and an event of the
 * customer's (`Email Opened`, `Email Clicked` with `journeyId`, `nodeId` and `url`)
 * through ingest, so segments, goals and "wait for event" steps can use them. A repeat
 * records nothing; an e-mail whose run was deleted records nothing either.
 */
@Injectable()
export class EngagementService {
  private readonly logger = new Logger(EngagementService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ingest: IngestService,
  ) {}

  /** True when this was the first such open or click. */
  async record(kind: EngagementKind, message: TrackedMessage, url = ''): Promise<boolean> {
    const row = await selectOne<{ journey_id: string; external_id: string }>(
      this.db,
      `WITH run AS (
         SELECT e.id, e.journey_id, e.customer_id FROM enrollments e
          WHERE e.id = $3::uuid AND e.workspace_id = $1 AND e.customer_id = $2::bigint
       ), written AS (
         INSERT INTO email_engagements (workspace_id, customer_id, enrollment_id, node_id, kind, url)
         SELECT $1, run.customer_id, run.id, $4, $5, $6 FROM run
         ON CONFLICT (enrollment_id, node_id, kind, url) DO NOTHING
         RETURNING customer_id
       )
       SELECT run.journey_id, c.external_id FROM written
         JOIN run ON true JOIN customers c ON c.id = written.customer_id`,
      [message.workspaceId, message.customerId, message.enrollmentId, message.nodeId, kind, url],
    );
    if (!row) return false;
    try {
      await this.ingest.ingest(
        message.workspaceId,
        [
          {
            type: 'track',
            userId: row.external_id,
            event: kind === 'open' ? EMAIL_OPENED_EVENT : EMAIL_CLICKED_EVENT,
            messageId: `switchyard-engagement-${randomUUID()}`,
            timestamp: new Date().toISOString(),
            properties: {
              journeyId: row.journey_id,
              nodeId: message.nodeId,
              ...(kind === 'click' ? { url } : {}),
            },
          },
        ],
        null,
      );
    } catch (error) {
      // The count is stored; the event is a convenience that can be lost, not retried.
      this.logger.warn({ err: error, kind }, 'could not record an e-mail engagement as an event');
    }
    return true;
  }
}
