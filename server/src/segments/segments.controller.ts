import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  type CreateSegmentBody,
  createSegmentBodySchema,
  idParamSchema,
  previewSegmentBodySchema,
  type SegmentPreview,
  type SegmentView,
  type UpdateSegmentBody,
  updateSegmentBodySchema,
} from '@switchyard/contracts';
import type { z } from 'zod';
import { Audited } from '../audit/audited.decorator.js';
import { RequireRole } from '../auth/require-role.decorator.js';
import { zodBody, ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { WorkspaceId } from '../common/request-context.js';
import { SegmentsService, toSegmentView } from './segments.service.js';

const idParam = new ZodValidationPipe(idParamSchema, 'params');

@Controller('api/segments')
export class SegmentsController {
  constructor(private readonly segments: SegmentsService) {}

  @Get()
  async list(@WorkspaceId() workspaceId: string): Promise<SegmentView[]> {
    return (await this.segments.list(workspaceId)).map(toSegmentView);
  }

  /** Reads only: viewers may preview. */
  @RequireRole('viewer')
  @Post('preview')
  @HttpCode(200)
  preview(
    @WorkspaceId() workspaceId: string,
    @Body(zodBody(previewSegmentBodySchema)) body: z.output<typeof previewSegmentBodySchema>,
  ): Promise<SegmentPreview> {
    return this.segments.preview(workspaceId, body.rule, body.asOf ?? new Date(), body.sampleSize);
  }

  @Post()
  async create(
    @WorkspaceId() workspaceId: string,
    @Body(zodBody(createSegmentBodySchema)) body: CreateSegmentBody,
  ): Promise<SegmentView> {
    return toSegmentView(await this.segments.create(workspaceId, body));
  }

  @Get(':id')
  async get(
    @WorkspaceId() workspaceId: string,
    @Param(idParam) params: { id: string },
  ): Promise<SegmentView> {
    return toSegmentView(await this.segments.get(workspaceId, params.id));
  }

  @Patch(':id')
  async update(
    @WorkspaceId() workspaceId: string,
    @Param(idParam) params: { id: string },
    @Body(zodBody(updateSegmentBodySchema)) body: UpdateSegmentBody,
  ): Promise<SegmentView> {
    return toSegmentView(await this.segments.update(workspaceId, params.id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @Audited({ action: 'segment.deleted', targetType: 'segment' })
  async remove(
    @WorkspaceId() workspaceId: string,
    @Param(idParam) params: { id: string },
  ): Promise<void> {
    await this.segments.remove(workspaceId, params.id);
  }
}
