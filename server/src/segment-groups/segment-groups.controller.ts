import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  type CreateSegmentGroupBody,
  createSegmentGroupBodySchema,
  idParamSchema,
  type SegmentGroupView,
  type UpdateSegmentGroupBody,
  updateSegmentGroupBodySchema,
} from '@switchyard/contracts';
import { Audited } from '../audit/audited.decorator.js';
import { WorkspaceId } from '../common/request-context.js';
import { zodBody, ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { toGroupView } from './segment-group-view.mapper.js';
import { SegmentGroupsService } from './segment-groups.service.js';

const idParam = new ZodValidationPipe(idParamSchema, 'params');

@Controller('api/segment-groups')
export class SegmentGroupsController {
  constructor(private readonly groups: SegmentGroupsService) {}

  @Get()
  async list(@WorkspaceId() workspaceId: string): Promise<SegmentGroupView[]> {
    return (await this.groups.list(workspaceId)).map(toGroupView);
  }

  @Post()
  async create(
    @WorkspaceId() workspaceId: string,
    @Body(zodBody(createSegmentGroupBodySchema)) body: CreateSegmentGroupBody,
  ): Promise<SegmentGroupView> {
    return toGroupView(await this.groups.create(workspaceId, body));
  }

  @Get(':id')
  async get(
    @WorkspaceId() workspaceId: string,
    @Param(idParam) params: { id: string },
  ): Promise<SegmentGroupView> {
    return toGroupView(await this.groups.get(workspaceId, params.id));
  }

  @Patch(':id')
  async update(
    @WorkspaceId() workspaceId: string,
    @Param(idParam) params: { id: string },
    @Body(zodBody(updateSegmentGroupBodySchema)) body: UpdateSegmentGroupBody,
  ): Promise<SegmentGroupView> {
    return toGroupView(await this.groups.update(workspaceId, params.id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @Audited({ action: 'segment_group.deleted', targetType: 'segment_group' })
  async remove(
    @WorkspaceId() workspaceId: string,
    @Param(idParam) params: { id: string },
  ): Promise<void> {
    await this.groups.remove(workspaceId, params.id);
  }
}
