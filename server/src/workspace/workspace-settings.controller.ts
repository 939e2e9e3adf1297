import { Body, Controller, Get, Put } from '@nestjs/common';
import {
  workspaceSettingsBodySchema,
  type WorkspaceSettingsBody,
  type WorkspaceSettingsView,
} from '@switchyard/contracts';
import { WorkspaceId } from '../common/request-context.js';
import { zodBody } from '../common/zod-validation.pipe.js';
import { WorkspaceSettingsService } from './workspace-settings.service.js';

@Controller('api/workspace/settings')
export class WorkspaceSettingsController {
  constructor(private readonly settings: WorkspaceSettingsService) {}

  @Get()
  get(@WorkspaceId() workspaceId: string): Promise<WorkspaceSettingsView> {
    return this.settings.get(workspaceId);
  }

  @Put()
  update(
    @WorkspaceId() workspaceId: string,
    @Body(zodBody(workspaceSettingsBodySchema)) body: WorkspaceSettingsBody,
  ): Promise<WorkspaceSettingsView> {
    return this.settings.update(workspaceId, body);
  }
}
