import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import {
  secretNameParamSchema,
  type SecretValueBody,
  secretValueBodySchema,
  type WorkspaceSecretList,
} from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { InjectDataSource } from '@nestjs/typeorm';
import type { z } from 'zod';
import { WorkspaceId } from '../common/request-context.js';
import { zodBody, ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { execute, selectOne } from '../database/sql.util.js';

const nameParam = new ZodValidationPipe(secretNameParamSchema, 'params');

/** The workspace's named secrets for plugin nodes (`ctx.secret(name)`): write-only. */
@Controller('api/workspace/secrets')
export class WorkspaceSecretsController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  async list(@WorkspaceId() workspaceId: string): Promise<WorkspaceSecretList> {
    const row = await selectOne<{ names: string[] | null }>(
      this.db,
      `SELECT array(SELECT jsonb_object_keys(secrets) ORDER BY 1) AS names FROM workspaces WHERE id = $1`,
      [workspaceId],
    );
    return { names: row?.names ?? [] };
  }

  @Put(':name')
  @HttpCode(204)
  async set(
    @WorkspaceId() workspaceId: string,
    @Param(nameParam) params: z.output<typeof secretNameParamSchema>,
    @Body(zodBody(secretValueBodySchema)) body: SecretValueBody,
  ): Promise<void> {
    await execute(
      this.db,
      `UPDATE workspaces SET secrets = secrets || jsonb_build_object($2::text, $3::text) WHERE id = $1`,
      [workspaceId, params.name, body.value],
    );
  }

  @Delete(':name')
  @HttpCode(204)
  async remove(
    @WorkspaceId() workspaceId: string,
    @Param(nameParam) params: z.output<typeof secretNameParamSchema>,
  ): Promise<void> {
    await execute(this.db, `UPDATE workspaces SET secrets = secrets - $2::text WHERE id = $1`, [
      workspaceId,
      params.name,
    ]);
  }
}
