import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ApiKeyService } from '../auth/api-key.service.js';
import { hashApiKey } from '../auth/api-key.util.js';
import { linkFor } from '../auth/secret-token.util.js';
import { UserTokensService } from '../auth/user-tokens.service.js';
import { AppConfig } from '../config/app-config.service.js';
import { selectOne } from '../database/sql.util.js';

export interface BootstrapResult {
  workspaceId: string;
  /** The key in clear, when this start created it or it came from BOOTSTRAP_API_KEY. */
  apiKey: string | null;
  createdWorkspace: boolean;
  /** While the owner has no password: a fresh one-time link to choose it. */
  owner: { email: string; setupLink: string | null };
}

const BOOTSTRAP_LOCK = 7_311_001;

/**
 * First start: creates the demo workspace, its API key and its owner (OWNER_EMAIL, no
 * password). Until the owner has chosen a password, every start of an API process prints
 * a new setup link (the previous one stops working). Several processes may start at once
 * (api + workers), so this runs under an advisory lock.
 */
@Injectable()
export class WorkspaceBootstrapService {
  private readonly logger = new Logger(WorkspaceBootstrapService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly apiKeys: ApiKeyService,
    private readonly tokens: UserTokensService,
    private readonly config: AppConfig,
  ) {}

  async ensureWorkspace(): Promise<BootstrapResult> {
    return this.db.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
      const { workspaceId, apiKey, createdWorkspace } = await this.ensureWorkspaceAndKey(em);
      const owner = await this.ensureOwner(workspaceId, em);
      return { workspaceId, apiKey, createdWorkspace, owner };
    });
  }

  private async ensureWorkspaceAndKey(em: EntityManager): Promise<Omit<BootstrapResult, 'owner'>> {
    const fixedKey = this.config.values.BOOTSTRAP_API_KEY ?? null;
    if (fixedKey) {
      const existing: { workspace_id: string }[] = await em.query(
        'SELECT workspace_id FROM api_keys WHERE key_hash = $1',
        [hashApiKey(fixedKey)],
      );
      if (existing[0])
        return { workspaceId: existing[0].workspace_id, apiKey: fixedKey, createdWorkspace: false };
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
    const created = await this.apiKeys.create(
      workspaceId,
      'bootstrap',
      'admin',
      fixedKey ?? undefined,
      em,
    );
    return { workspaceId, apiKey: created.key, createdWorkspace };
  }

  /** The workspace's first owner; a setup link while nobody owns it with a password. */
  private async ensureOwner(
    workspaceId: string,
    em: EntityManager,
  ): Promise<BootstrapResult['owner']> {
    const active = await selectOne<{ email: string }>(
      em,
      `SELECT email FROM users WHERE workspace_id = $1 AND role = 'owner' AND password_hash IS NOT NULL
        ORDER BY created_at LIMIT 1`,
      [workspaceId],
    );
    if (active) return { email: active.email, setupLink: null };
    let pending = await selectOne<{ id: string; email: string }>(
      em,
      `SELECT id, email FROM users WHERE workspace_id = $1 AND role = 'owner' ORDER BY created_at LIMIT 1`,
      [workspaceId],
    );
    if (!pending) {
      pending = await selectOne<{ id: string; email: string }>(
        em,
        `INSERT INTO users (workspace_id, email, role) VALUES ($1, $2, 'owner')
         ON CONFLICT (workspace_id, lower(email)) DO UPDATE SET role = 'owner'
         RETURNING id, email`,
        [workspaceId, this.config.values.OWNER_EMAIL],
      );
      if (!pending) throw new Error('could not create the owner');
      this.logger.log(`created the owner ${pending.email} (no password yet)`);
    }
    // Only a process that serves the web app hands out the link.
    if (!this.config.runsApi) return { email: pending.email, setupLink: null };
    const issued = await this.tokens.issue(workspaceId, pending.id, 'setup', em);
    return {
      email: pending.email,
      setupLink: linkFor(this.config.publicUrl, 'setup', issued.token),
    };
  }
}
