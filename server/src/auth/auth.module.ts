import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkspaceEntity } from '../workspaces/workspace.entity.js';
import { AccessGuard } from './access.guard.js';
import { AccountMailService } from './account-mail.service.js';
import { ApiKeyEntity } from './api-key.entity.js';
import { ApiKeyRevocationsService } from './api-key-revocations.service.js';
import { ApiKeyService } from './api-key.service.js';
import { ApiKeysController } from './api-keys.controller.js';
import { AttemptLimiterService } from './attempt-limiter.service.js';
import { AuthController } from './auth.controller.js';
import { MeService } from './me.service.js';
import { SessionService } from './session.service.js';
import { SignInService } from './sign-in.service.js';
import { UserTokensService } from './user-tokens.service.js';
import { UsersRepository } from './users.repository.js';

/**
 * Who may call what: API keys (scoped) and web sessions resolve to a workspace and an
 * actor; AccessGuard (global) checks the route's role.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ApiKeyEntity, WorkspaceEntity])],
  controllers: [AuthController, ApiKeysController],
  providers: [
    ApiKeyRevocationsService,
    ApiKeyService,
    SessionService,
    UsersRepository,
    UserTokensService,
    AttemptLimiterService,
    AccountMailService,
    SignInService,
    MeService,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [
    ApiKeyService,
    SessionService,
    UsersRepository,
    UserTokensService,
    SignInService,
    TypeOrmModule,
  ],
})
export class AuthModule {}
