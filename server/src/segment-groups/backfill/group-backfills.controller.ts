import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  backfillParamsSchema,
  type GroupBackfillBody,
  groupBackfillBodySchema,
  type GroupBackfillView,
  idParamSchema,
} from '@switchyard/contracts';
import type { z } from 'zod';
import { WorkspaceId } from '../../common/request-context.js';
import { zodBody, ZodValidationPipe } from '../../common/zod-validation.pipe.js';
import { GroupBackfillsService } from './group-backfills.service.js';

/** Backfills: many snapshots of a group computed by a queue job, with progress. */
@Controller('api/segment-groups')
export class GroupBackfillsController {
  constructor(private readonly backfills: GroupBackfillsService) {}

  @Post(':id/backfill')
  @HttpCode(202)
  start(
    @WorkspaceId() workspaceId: string,
    @Param(new ZodValidationPipe(idParamSchema, 'params')) params: { id: string },
    @Body(zodBody(groupBackfillBodySchema)) body: GroupBackfillBody,
  ): Promise<GroupBackfillView> {
    return this.backfills.start(workspaceId, params.id, body);
  }

  @Get(':id/backfills/:backfillId')
  get(
    @WorkspaceId() workspaceId: string,
    @Param(new ZodValidationPipe(backfillParamsSchema, 'params'))
    params: z.output<typeof backfillParamsSchema>,
  ): Promise<GroupBackfillView> {
    return this.backfills.get(workspaceId, params.id, params.backfillId);
  }
}
