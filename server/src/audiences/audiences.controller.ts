import { Readable } from 'node:stream';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  audienceExportQuerySchema,
  type AudienceMemberList,
  audienceMembersQuerySchema,
  createAudienceBodySchema,
  type AudienceView,
  type CreateAudienceBody,
} from '@switchyard/contracts';
import { z } from 'zod';
import { Audited, resultSummary } from '../audit/audited.decorator.js';
import { WorkspaceId } from '../common/request-context.js';
import type { FastifyReply } from 'fastify';
import { ZodValidationPipe, zodBody, zodQuery } from '../common/zod-validation.pipe.js';
import { CSV_HEADER, csvLine, exportLine, HASHED_HEADER } from './audience-export.util.js';
import { AudienceDeletionService, type DeletedAudience } from './audience-deletion.service.js';
import { AudienceMembersRepository } from './audience-members.repository.js';
import { AudiencesService } from './audiences.service.js';

const audienceId = new ZodValidationPipe(z.uuid('must be an audience id (uuid)'), 'id');

/** A file name from an audience's name: letters, digits and dashes. */
function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase()
      .slice(0, 60) || 'audience'
  );
}

@Controller('api/audiences')
export class AudiencesController {
  constructor(
    private readonly audiences: AudiencesService,
    private readonly memberRows: AudienceMembersRepository,
    private readonly deletions: AudienceDeletionService,
  ) {}

  @Get()
  list(@WorkspaceId() workspaceId: string): Promise<AudienceView[]> {
    return this.audiences.list(workspaceId);
  }

  @Post()
  create(
    @WorkspaceId() workspaceId: string,
    @Body(zodBody(createAudienceBodySchema)) body: CreateAudienceBody,
  ): Promise<AudienceView> {
    return this.audiences.create(workspaceId, body);
  }

  @Get(':id/members')
  async members(
    @WorkspaceId() workspaceId: string,
    @Param('id', audienceId) id: string,
    @Query(zodQuery(audienceMembersQuerySchema))
    query: z.output<typeof audienceMembersQuerySchema>,
  ): Promise<AudienceMemberList> {
    await this.audiences.get(workspaceId, id);
    return this.memberRows.page(id, query.limit, query.offset);
  }

  /** The members as CSV, or their hashed e-mails and phones; streamed in chunks. */
  @Get(':id/export')
  async export(
    @WorkspaceId() workspaceId: string,
    @Param('id', audienceId) id: string,
    @Query(zodQuery(audienceExportQuerySchema)) query: z.output<typeof audienceExportQuerySchema>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const audience = await this.audiences.get(workspaceId, id);
    const members = this.memberRows;
    async function* lines(): AsyncGenerator<string> {
      yield csvLine(query.format === 'hashed' ? HASHED_HEADER : CSV_HEADER);
      for await (const chunk of members.all(id))
        yield chunk.map((m) => exportLine(m, query.format)).join('');
    }
    const file = `${slug(audience.name)}${query.format === 'hashed' ? '-hashed' : ''}.csv`;
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file}"`)
      .send(Readable.from(lines()));
  }

  @Get(':id')
  get(
    @WorkspaceId() workspaceId: string,
    @Param('id', audienceId) id: string,
  ): Promise<AudienceView> {
    return this.audiences.get(workspaceId, id);
  }

  /** Unless a campaign or a running journey needs it (409 naming them); 204, no body. */
  @Delete(':id')
  @HttpCode(204)
  @Audited({
    action: 'audience.deleted',
    targetType: 'audience',
    details: resultSummary,
    withholdResult: true,
  })
  remove(
    @WorkspaceId() workspaceId: string,
    @Param('id', audienceId) id: string,
  ): Promise<DeletedAudience> {
    return this.deletions.remove(workspaceId, id);
  }
}
