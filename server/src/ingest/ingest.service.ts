import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type BatchMessage,
  describeIssues,
  type FieldIssue,
  formatPath,
  isStoredMessage,
} from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { DirtyCustomersService } from '../segments/realtime/dirty-customers.service.js';
import { insertEventsSql, upsertCustomersSql } from './message-store.sql.js';
import { storageIssue } from './storable-value.util.js';
import { toArrayParameters, toStoredMessage } from './stored-message.js';

/**
 * Real-time ingest: a request's messages are stored with two set-based statements in one
 * transaction, then the customers that got new events are marked dirty for real-time
 * segment evaluation.
 */
@Injectable()
export class IngestService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly dirty: DirtyCustomersService,
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
    const dirtyIds = await this.db.transaction(async (em) => {
      await em.query(upsertCustomersSql('arrays'), params);
      const rows: { customer_id: string }[] = await em.query(
        insertEventsSql('arrays', 'customerIds'),
        params,
      );
      return rows.map((r) => r.customer_id);
    });
    await this.dirty.markDirty(workspaceId, dirtyIds);
  }
}
