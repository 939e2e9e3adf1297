import { Readable } from 'node:stream';
import {
  Controller,
  Get,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import {
  type ApiErrorBody,
  describeIssues,
  type FieldIssue,
  idParamSchema,
  type ImportReport,
  importQuerySchema,
} from '@switchyard/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { RequireRole } from '../auth/require-role.decorator.js';
import { WorkspaceId } from '../common/request-context.js';
import { ZodValidationPipe, zodQuery } from '../common/zod-validation.pipe.js';
import { ImportStreamService } from './import-stream.service.js';
import { ImportsRepository } from './imports.repository.js';

/** A refused import: the usual error body plus the import's report (`errors` per line). */
export type ImportErrorBody = ApiErrorBody & ImportReport;

function rejectedBody(report: ImportReport): ImportErrorBody {
  const issues: FieldIssue[] = report.errors.map((e) => ({
    field: `line ${e.line}: ${e.field}`,
    message: e.message,
  }));
  const message = `${describeIssues(issues.slice(0, 3))}${issues.length > 3 ? '; ...' : ''}; nothing was imported`;
  return { statusCode: 400, error: 'Bad Request', message, issues, ...report };
}

/**
 * `POST /api/imports` streams its body (main.ts hands NDJSON/text bodies over as the raw
 * stream, which Fastify's bodyLimit does not apply to); its size limit is
 * IMPORT_MAX_BYTES (rate-limit/body-limits.hook.ts), a 413.
 */
@Controller('api/imports')
export class ImportsController {
  constructor(
    private readonly importer: ImportStreamService,
    private readonly imports: ImportsRepository,
  ) {}

  /** Loading data is an owner's job (or an admin key's); reading progress is anyone's. */
  @RequireRole('owner')
  @Post()
  async create(
    @WorkspaceId() workspaceId: string,
    @Query(zodQuery(importQuerySchema)) query: z.output<typeof importQuerySchema>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const body: unknown = request.body;
    const contentType = request.headers['content-type'] ?? '';
    if (!(body instanceof Readable))
      throw new UnsupportedMediaTypeException({
        statusCode: 415,
        error: 'Unsupported Media Type',
        message:
          'send NDJSON (one identify or track message per line) with Content-Type: application/x-ndjson, or CSV (a header row, then one message per row) with Content-Type: text/csv',
      });
    const result = await this.importer.run(workspaceId, body, {
      skipInvalid: query.skipInvalid,
      format: contentType.startsWith('text/csv') ? 'csv' : 'ndjson',
    });
    switch (result.outcome) {
      case 'completed':
        await reply
          .status(201)
          .header('location', `/api/imports/${result.report.id}`)
          .send(result.report);
        return;
      case 'rejected':
      case 'aborted':
        await reply
          .status(400)
          .header('location', `/api/imports/${result.report.id}`)
          .header('connection', 'close')
          .send(rejectedBody(result.report));
        return;
      case 'too_large':
      case 'conflict': {
        const status = result.outcome === 'too_large' ? 413 : 409;
        const body: ImportErrorBody = {
          statusCode: status,
          error: status === 413 ? 'Payload Too Large' : 'Conflict',
          ...result.report,
          message: result.message,
        };
        await reply
          .status(status)
          .header('location', `/api/imports/${result.report.id}`)
          .header('connection', 'close')
          .send(body);
        return;
      }
      default: {
        const unknown: never = result;
        throw new Error(`unknown import outcome ${JSON.stringify(unknown)}`);
      }
    }
  }

  @Get(':id')
  async get(
    @WorkspaceId() workspaceId: string,
    @Param(new ZodValidationPipe(idParamSchema, 'params')) params: z.output<typeof idParamSchema>,
  ): Promise<ImportReport> {
    const report = await this.imports.find(workspaceId, params.id);
    if (!report)
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: 'no such import',
      });
    return report;
  }
}
