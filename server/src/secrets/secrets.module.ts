import { Global, Module } from '@nestjs/common';
import { SecretsKeyModule } from './secrets-key.module.js';
import { WorkspaceCredentialsService } from './workspace-credentials.service.js';

/** Sealing and opening workspace secrets, for settings, delivery and action nodes. */
@Global()
@Module({
  imports: [SecretsKeyModule],
  providers: [WorkspaceCredentialsService],
  exports: [WorkspaceCredentialsService],
})
export class SecretsModule {}
