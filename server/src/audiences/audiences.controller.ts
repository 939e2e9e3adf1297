import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  createAudienceBodySchema,
  type AudienceView,
  type CreateAudienceBody,
} from '@switchyard/contracts';
import { z } from 'zod';
import { WorkspaceId } from '../common/request-context.js';
import { ZodValidationPipe, zodBody } from '../common/zod-validation.pipe.js';
import { AudiencesService } from './audiences.service.js';

@Controller('api/audiences')
export class AudiencesController {
  constructor(private readonly audiences: AudiencesService) {}

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

  @Get(':id')
  get(
    @WorkspaceId() workspaceId: string,
    @Param('id', new ZodValidationPipe(z.uuid('must be an audience id (uuid)'), 'id')) id: string,
  ): Promise<AudienceView> {
    return this.audiences.get(workspaceId, id);
  }
}
