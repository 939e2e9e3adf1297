import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  type ApiKeyView,
  type CreateApiKeyBody,
  type CreatedApiKey,
  createApiKeyBodySchema,
} from '@switchyard/contracts';
import { z } from 'zod';
import { Audited } from '../audit/audited.decorator.js';
import { WorkspaceId } from '../common/request-context.js';
import { ZodValidationPipe, zodBody } from '../common/zod-validation.pipe.js';
import { ApiKeyService } from './api-key.service.js';
import { RequireRole } from './require-role.decorator.js';

/** The workspace's API keys: created with a scope, shown once, listed, revoked. Owners only. */
@RequireRole('owner')
@Controller('api/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeyService) {}

  @Get()
  list(@WorkspaceId() workspaceId: string): Promise<ApiKeyView[]> {
    return this.keys.list(workspaceId);
  }

  @Post()
  @Audited({
    action: 'api_key.created',
    targetType: 'api_key',
    details: ({ result }) => {
      const key = result as CreatedApiKey;
      return { name: key.name, scope: key.scope, prefix: key.prefix };
    },
  })
  create(
    @WorkspaceId() workspaceId: string,
    @Body(zodBody(createApiKeyBodySchema)) body: CreateApiKeyBody,
  ): Promise<CreatedApiKey> {
    return this.keys.create(workspaceId, body.name, body.scope);
  }

  @Delete(':id')
  @HttpCode(200)
  @Audited({
    action: 'api_key.revoked',
    targetType: 'api_key',
    details: ({ result }) => {
      const key = result as ApiKeyView;
      return { name: key.name, scope: key.scope, prefix: key.prefix };
    },
  })
  revoke(
    @WorkspaceId() workspaceId: string,
    @Param('id', new ZodValidationPipe(z.uuid('must be an API key id (uuid)'), 'id')) id: string,
  ): Promise<ApiKeyView> {
    return this.keys.revoke(workspaceId, id);
  }
}
