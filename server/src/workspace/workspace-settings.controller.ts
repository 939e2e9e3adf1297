import { Body, Controller, Get, Put } from '@nestjs/common';
import {
  workspaceSettingsBodySchema,
  type WorkspaceSettingsBody,
  type WorkspaceSettingsView,
} from '@switchyard/contracts';
import { Audited } from '../audit/audited.decorator.js';
import { RequireRole } from '../auth/require-role.decorator.js';
import { WorkspaceId } from '../common/request-context.js';
import { zodBody } from '../common/zod-validation.pipe.js';
import { WorkspaceSettingsService } from './workspace-settings.service.js';

/** Owners only: the settings include the webhook signing secret. */
@RequireRole('owner')
@Controller('api/workspace/settings')
export class WorkspaceSettingsController {
  constructor(private readonly settings: WorkspaceSettingsService) {}

  @Get()
  get(@WorkspaceId() workspaceId: string): Promise<WorkspaceSettingsView> {
    return this.settings.get(workspaceId);
  }

  @Put()
  @Audited({
    action: 'workspace.settings_changed',
    targetType: 'workspace',
    targetId: () => null,
    details: ({ body }) => ({ changed: Object.keys(body as object) }),
  })
  update(
    @WorkspaceId() workspaceId: string,
    @Body(zodBody(workspaceSettingsBodySchema)) body: WorkspaceSettingsBody,
  ): Promise<WorkspaceSettingsView> {
    return this.settings.update(workspaceId, body);
  }
}
