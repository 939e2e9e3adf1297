import { BadRequestException, Injectable } from '@nestjs/common';
import {
  type BatchMessage,
  describeIssues,
  type FieldIssue,
  formatPath,
  isStoredMessage,
} from '@switchyard/contracts';
import {
  traitsTooLargeFor,
  traitsTooLargeMessage,
} from '../customers/customer-traits-limit.sql.js';
import { ingestRows } from './ingest-rows.js';
import { IngestWriterService } from './ingest-writer.service.js';
import { storageIssue } from './storable-value.util.js';
import { toStoredMessage } from './stored-message.js';

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
    const receivedAt = new Date();
    try {
      await this.writer.write({ workspaceId, rows: ingestRows(stored, receivedAt) });
    } catch (error) {
      const externalId = traitsTooLargeFor(error);
      if (externalId === null) throw error;
      throw new BadRequestException(traitsRefused(batch, fieldPrefix, externalId, receivedAt));
    }
  }
}

/**
 * The 400 for a request whose identify messages would grow a customer's traits past their
 * limit: it names the traits of each of that customer's identify messages in the request.
 */
function traitsRefused(
  batch: readonly BatchMessage[],
  fieldPrefix: 'batch' | null,
  externalId: string,
  receivedAt: Date,
) {
  const message = traitsTooLargeMessage(externalId);
  const issues: FieldIssue[] = [];
  batch.forEach((item, index) => {
    if (!isStoredMessage(item) || item.type !== 'identify') return;
    if (toStoredMessage(item, index, receivedAt).externalId !== externalId) return;
    const root: PropertyKey[] = fieldPrefix ? [fieldPrefix, index] : [];
    issues.push({ field: formatPath([...root, 'traits']), message });
  });
  if (issues.length === 0) issues.push({ field: fieldPrefix ?? 'traits', message });
  return { statusCode: 400, error: 'Bad Request', message: describeIssues(issues), issues };
}
