import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkspaceEntity } from '../workspaces/workspace.entity.js';
import { ApiKeyEntity } from './api-key.entity.js';
import { ApiKeyGuard } from './api-key.guard.js';
import { ApiKeyService } from './api-key.service.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ApiKeyEntity, WorkspaceEntity])],
  providers: [ApiKeyService, { provide: APP_GUARD, useClass: ApiKeyGuard }],
  exports: [ApiKeyService, TypeOrmModule],
})
export class AuthModule {}
