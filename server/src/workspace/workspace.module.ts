import { Module } from '@nestjs/common';
import { WorkspaceSecretsController } from './workspace-secrets.controller.js';
import { WorkspaceSettingsController } from './workspace-settings.controller.js';
import { WorkspaceSettingsService } from './workspace-settings.service.js';

/** Workspace-wide settings: time zone, frequency caps, SMS provider, signing secret, secrets. */
@Module({
  controllers: [WorkspaceSettingsController, WorkspaceSecretsController],
  providers: [WorkspaceSettingsService],
  exports: [WorkspaceSettingsService],
})
export class WorkspaceModule {}
