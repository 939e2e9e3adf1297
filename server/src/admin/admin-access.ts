import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import type { DataSource } from 'typeorm';
import { ApiKeyService } from '../auth/api-key.service.js';
import { apiKeyFromHeader } from '../auth/api-key.util.js';
import { SESSION_COOKIE } from '../auth/session-cookie.js';
import { SessionService } from '../auth/session.service.js';
import { selectOne } from '../database/sql.util.js';

/** Who may open the operator pages under /admin (Bull Board), and why not. */
export type AdminAccessDecision =
  | { kind: 'allowed'; workspaceId: string; actor: string }
  /** No credentials, or unknown ones: 401 with a Basic challenge so a browser asks. */
  | { kind: 'unauthenticated'; message: string }
  /** Known caller without the right: 403. */
  | { kind: 'forbidden'; message: string };

/**
 * The one access check of /admin/* (owners only). The queues are shared by every
 * workspace of the installation, so this is an operator's page: it opens to owners of the
 * installation's first workspace (the one created at first start), never to another
 * workspace's owners, whose jobs would show beside their own.
 */
@Injectable()
export class AdminAccess {
  private operatorWorkspace: string | undefined;

  constructor(
    private readonly apiKeys: ApiKeyService,
    private readonly sessions: SessionService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async check(request: FastifyRequest): Promise<AdminAccessDecision> {
    const decision = await this.identify(request);
    if (decision.kind !== 'allowed' || decision.workspaceId === (await this.operator()))
      return decision;
    return {
      kind: 'forbidden',
      message:
        "the queue board shows every workspace's jobs: it is for owners of the installation's first workspace",
    };
  }

  /** The first workspace (looked up once; it is the installation's for good). */
  private async operator(): Promise<string | undefined> {
    this.operatorWorkspace ??= (
      await selectOne<{ id: string }>(
        this.db,
        'SELECT id FROM workspaces ORDER BY created_at, id LIMIT 1',
        [],
      )
    )?.id;
    return this.operatorWorkspace;
  }

  /**
   * An admin API key, as `Authorization: Bearer <key>` or HTTP Basic with the key as
   * user name (so a browser can open the page), or the session cookie of a signed-in
   * owner; an ingest key or a marketer / viewer session is refused.
   */
  private async identify(request: FastifyRequest): Promise<AdminAccessDecision> {
    const key = apiKeyFromHeader(request.headers.authorization);
    const sessionToken = request.cookies[SESSION_COOKIE];
    if (!key && sessionToken) {
      const session = await this.sessions.resolve(sessionToken);
      if (session?.role === 'owner')
        return {
          kind: 'allowed',
          workspaceId: session.workspaceId,
          actor: `user:${session.userId}`,
        };
      if (session)
        return { kind: 'forbidden', message: `owners only: you are signed in as ${session.role}` };
    }
    if (!key)
      return {
        kind: 'unauthenticated',
        message:
          'owners only: sign in with an admin API key (HTTP Basic with the key as user name, or "Authorization: Bearer <key>")',
      };
    const resolved = await this.apiKeys.resolve(key);
    if (!resolved) return { kind: 'unauthenticated', message: 'unknown or revoked API key' };
    if (resolved.scope !== 'admin')
      return { kind: 'forbidden', message: `owners only: this is an ${resolved.scope} key` };
    return {
      kind: 'allowed',
      workspaceId: resolved.workspaceId,
      actor: `api-key:${resolved.apiKeyId}`,
    };
  }
}
