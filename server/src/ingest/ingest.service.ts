import { BadRequestException, Injectable } from '@nestjs/common';
import {
  type BatchMessage,
  describeIssues,
  type FieldIssue,
  formatPath,
  isStoredMessage,
} from '@switchyard/contracts';
import { ingestRows } from './ingest-rows.js';
import { IngestWriterService } from './ingest-writer.service.js';
import { storageIssue } from './storable-value.util.js';

/**
 * Real-time ingest of validated Segment messages: values Postgres would refuse are a 400
 * naming the field; the rest is encoded once and handed to the group-commit writer,
 * which answers once the messages are committed (with the enrollments of event-triggered
 * journeys and the real-time evaluation marks in the same transaction).
 */
@Injectable()
export class IngestService {
  constructor(private readonly writer: IngestWriterService) {}

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
    const issues: FieldIssue[] = [];
    const stored = [];
    for (let index = 0; index < batch.length; index++) {
      const item = batch[index] as BatchMessage;
      if (!isStoredMessage(item)) continue;
      stored.push(item);
      const issue = storageIssue(item);
      if (!issue) continue;
      const root: PropertyKey[] = fieldPrefix ? [fieldPrefix, index] : [];
      issues.push({ field: formatPath([...root, ...issue.path]), message: issue.message });
    }
    if (issues.length > 0)
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: describeIssues(issues),
        issues,
      });
    if (stored.length === 0) return;
    await this.writer.write({ workspaceId, rows: ingestRows(stored, new Date()) });
  }
}
