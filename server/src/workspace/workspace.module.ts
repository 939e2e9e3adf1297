import { Module } from '@nestjs/common';
import { WorkspaceSecretsController } from './workspace-secrets.controller.js';
import { WorkspaceSecretsService } from './workspace-secrets.service.js';
import { WorkspaceSettingsController } from './workspace-settings.controller.js';
import { WorkspaceSettingsService } from './workspace-settings.service.js';

/**
 * Workspace-wide settings: time zone, frequency caps, SMS provider, signing secret, allowed
 * hosts, and named secrets (sealed at rest: see server/src/secrets).
 */
@Module({
  controllers: [WorkspaceSettingsController, WorkspaceSecretsController],
  providers: [WorkspaceSettingsService, WorkspaceSecretsService],
  exports: [WorkspaceSettingsService],
})
export class WorkspaceModule {}
