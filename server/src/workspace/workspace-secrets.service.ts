import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { execute, selectOne } from '../database/sql.util.js';
import { WorkspaceCredentialsService } from '../secrets/workspace-credentials.service.js';

/**
 * Named secrets for plugin nodes (`ctx.secret(name)`), in `workspaces.secrets`: names in
 * the clear (they are listed), each value sealed (never returned).
 */
@Injectable()
export class WorkspaceSecretsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly credentials: WorkspaceCredentialsService,
  ) {}

  async names(workspaceId: string): Promise<string[]> {
    const row = await selectOne<{ names: string[] | null }>(
      this.db,
      `SELECT array(SELECT jsonb_object_keys(secrets) ORDER BY 1) AS names FROM workspaces WHERE id = $1`,
      [workspaceId],
    );
    return row?.names ?? [];
  }

  async set(workspaceId: string, name: string, value: string): Promise<void> {
    await execute(
      this.db,
      `UPDATE workspaces SET secrets = secrets || jsonb_build_object($2::text, $3::text) WHERE id = $1`,
      [workspaceId, name, this.credentials.sealSecret(workspaceId, name, value)],
    );
  }

  async remove(workspaceId: string, name: string): Promise<void> {
    await execute(this.db, `UPDATE workspaces SET secrets = secrets - $2::text WHERE id = $1`, [
      workspaceId,
      name,
    ]);
  }
}
