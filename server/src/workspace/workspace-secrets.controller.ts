import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import {
  secretNameParamSchema,
  type SecretValueBody,
  secretValueBodySchema,
  type WorkspaceSecretList,
} from '@switchyard/contracts';
import type { z } from 'zod';
import { Audited } from '../audit/audited.decorator.js';
import { RequireRole } from '../auth/require-role.decorator.js';
import { WorkspaceId } from '../common/request-context.js';
import { zodBody, ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { WorkspaceSecretsService } from './workspace-secrets.service.js';

const nameParam = new ZodValidationPipe(secretNameParamSchema, 'params');

/** The workspace's named secrets for plugin nodes (`ctx.secret(name)`): write-only. */
@RequireRole('owner')
@Controller('api/workspace/secrets')
export class WorkspaceSecretsController {
  constructor(private readonly secrets: WorkspaceSecretsService) {}

  @Get()
  async list(@WorkspaceId() workspaceId: string): Promise<WorkspaceSecretList> {
    return { names: await this.secrets.names(workspaceId) };
  }

  @Put(':name')
  @HttpCode(204)
  @Audited({
    action: 'workspace.secret_set',
    targetType: 'secret',
    targetId: ({ params }) => params['name'] ?? null,
  })
  async set(
    @WorkspaceId() workspaceId: string,
    @Param(nameParam) params: z.output<typeof secretNameParamSchema>,
    @Body(zodBody(secretValueBodySchema)) body: SecretValueBody,
  ): Promise<void> {
    await this.secrets.set(workspaceId, params.name, body.value);
  }

  @Delete(':name')
  @HttpCode(204)
  @Audited({
    action: 'workspace.secret_removed',
    targetType: 'secret',
    targetId: ({ params }) => params['name'] ?? null,
  })
  async remove(
    @WorkspaceId() workspaceId: string,
    @Param(nameParam) params: z.output<typeof secretNameParamSchema>,
  ): Promise<void> {
    await this.secrets.remove(workspaceId, params.name);
  }
}
