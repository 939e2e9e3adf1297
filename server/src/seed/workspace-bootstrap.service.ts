import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ApiKeyService } from '../auth/api-key.service.js';
import { hashApiKey } from '../auth/api-key.util.js';
import { AppConfig } from '../config/app-config.service.js';

export interface BootstrapResult {
  workspaceId: string;
  /** The key in clear, when this start created it or it came from BOOTSTRAP_API_KEY. */
  apiKey: string | null;
  createdWorkspace: boolean;
}

const BOOTSTRAP_LOCK = 7_311_001;

/**
 * First start: creates the demo workspace and its API key. Several processes may start at
 * once (api + workers), so the check runs under an advisory lock.
 */
@Injectable()
export class WorkspaceBootstrapService {
  private readonly logger = new Logger(WorkspaceBootstrapService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly apiKeys: ApiKeyService,
    private readonly config: AppConfig,
  ) {}

  async ensureWorkspace(): Promise<BootstrapResult> {
    return this.db.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
      const fixedKey = this.config.values.BOOTSTRAP_API_KEY ?? null;
      if (fixedKey) {
        const existing: { workspace_id: string }[] = await em.query(
          'SELECT workspace_id FROM api_keys WHERE key_hash = $1',
          [hashApiKey(fixedKey)],
        );
        if (existing[0])
          return {
            workspaceId: existing[0].workspace_id,
            apiKey: fixedKey,
            createdWorkspace: false,
          };
      }
      const workspaces: { id: string }[] = await em.query(
        'SELECT id FROM workspaces ORDER BY created_at LIMIT 1',
      );
      if (workspaces[0] && !fixedKey)
        return { workspaceId: workspaces[0].id, apiKey: null, createdWorkspace: false };
      let workspaceId = workspaces[0]?.id;
      let createdWorkspace = false;
      if (!workspaceId) {
        const rows: { id: string }[] = await em.query(
          `INSERT INTO workspaces (name) VALUES ('Demo shop') RETURNING id`,
        );
        workspaceId = (rows[0] as { id: string }).id;
        createdWorkspace = true;
        this.logger.log(`created workspace ${workspaceId}`);
      }
      const apiKey = await this.apiKeys.create(workspaceId, 'bootstrap', fixedKey ?? undefined, em);
      return { workspaceId, apiKey, createdWorkspace };
    });
  }
}
