import { Module } from '@nestjs/common';
import { WorkspaceSettingsController } from './workspace-settings.controller.js';
import { WorkspaceSettingsService } from './workspace-settings.service.js';

/** Workspace-wide settings: time zone, frequency caps, SMS provider, signing secret. */
@Module({
  controllers: [WorkspaceSettingsController],
  providers: [WorkspaceSettingsService],
  exports: [WorkspaceSettingsService],
})
export class WorkspaceModule {}
