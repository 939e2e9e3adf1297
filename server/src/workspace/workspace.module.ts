import { Module } from '@nestjs/common';
import { JourneysModule } from '../journeys/journeys.module.js';
import { WorkspaceSecretsController } from './workspace-secrets.controller.js';
import { WorkspaceSecretsService } from './workspace-secrets.service.js';
import { WorkspaceSettingsController } from './workspace-settings.controller.js';
import { WorkspaceSettingsService } from './workspace-settings.service.js';

/**
 * Workspace-wide settings: time zone, frequency caps, SMS provider, signing secret, allowed
 * hosts, and named secrets (sealed at rest: see server/src/secrets). Removing the SMS
 * provider pauses the journeys that send texts (JourneysModule's lifecycle).
 */
@Module({
  imports: [JourneysModule],
  controllers: [WorkspaceSettingsController, WorkspaceSecretsController],
  providers: [WorkspaceSettingsService, WorkspaceSecretsService],
  exports: [WorkspaceSettingsService],
})
export class WorkspaceModule {}
