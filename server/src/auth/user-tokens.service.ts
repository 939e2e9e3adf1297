import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LinkPurpose, LinkTokenInfo, MemberRole } from '@switchyard/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { execute, type Queryable, selectOne } from '../database/sql.util.js';
import { generateSecretToken, hashSecretToken } from './secret-token.util.js';

/** How long each kind of link works. */
export const LINK_LIFETIME_SECONDS: Record<LinkPurpose, number> = {
  setup: 7 * 86_400,
  reset: 3_600,
  invite: 7 * 86_400,
};

export interface IssuedLink {
  token: string;
  expiresAt: Date;
}

export interface RedeemedLink {
  workspaceId: string;
  userId: string;
  email: string;
  role: MemberRole;
  purpose: LinkPurpose;
}

interface TokenRow {
  id: string;
  workspace_id: string;
  user_id: string;
  purpose: LinkPurpose;
  expires_at: Date;
  email: string;
  role: MemberRole;
  workspace_name: string;
}

const invalidLink = (purpose?: LinkPurpose) =>
  new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `this ${purpose ?? 'link'}${purpose ? ' link' : ''} is not valid: it was already used, it expired or it was replaced by a newer one`,
    issues: [{ field: 'token', message: 'is not valid (used, expired or replaced)' }],
  });

/**
 * Issues a one-time link token (replacing the person's earlier link of that kind). Also
 * used by the `owner-link` command, which talks to Postgres without Nest.
 */
export async function issueLinkToken(
  db: Queryable,
  workspaceId: string,
  userId: string,
  purpose: LinkPurpose,
): Promise<IssuedLink> {
  const token = generateSecretToken();
  await execute(db, `DELETE FROM user_tokens WHERE user_id = $1 AND purpose = $2`, [
    userId,
    purpose,
  ]);
  const row = await selectOne<{ expires_at: Date }>(
    db,
    `INSERT INTO user_tokens (workspace_id, user_id, purpose, token_hash, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5)) RETURNING expires_at`,
    [workspaceId, userId, purpose, hashSecretToken(token), LINK_LIFETIME_SECONDS[purpose]],
  );
  if (!row) throw new Error('token insert returned nothing');
  return { token, expiresAt: row.expires_at };
}

/**
 * One-time links (setup, reset, invite): a random token, stored as its SHA-256, with an
 * expiry; a new link of the same kind for the same person replaces the older one.
 */
@Injectable()
export class UserTokensService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  issue(
    workspaceId: string,
    userId: string,
    purpose: LinkPurpose,
    db: Queryable = this.db,
  ): Promise<IssuedLink> {
    return issueLinkToken(db, workspaceId, userId, purpose);
  }

  private find(token: string, db: DataSource | EntityManager, lock: boolean) {
    return selectOne<TokenRow>(
      db,
      `SELECT t.id, t.workspace_id, t.user_id, t.purpose, t.expires_at, u.email, u.role,
              w.name AS workspace_name
         FROM user_tokens t
         JOIN users u ON u.id = t.user_id
         JOIN workspaces w ON w.id = t.workspace_id
        WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now()
        ${lock ? 'FOR UPDATE OF t' : ''}`,
      [hashSecretToken(token)],
    );
  }

  /** What a link is for, before it is used (400 when it is not valid). */
  async describe(token: string): Promise<LinkTokenInfo> {
    const row = await this.find(token, this.db, false);
    if (!row) throw invalidLink();
    return {
      purpose: row.purpose,
      email: row.email,
      role: row.role,
      workspaceName: row.workspace_name,
      expiresAt: row.expires_at.toISOString(),
    };
  }

  /**
   * Marks the link used, inside the caller's transaction; 400 when it is not valid or is
   * for something else (a reset token cannot accept an invite).
   */
  async redeem(token: string, purpose: LinkPurpose, em: EntityManager): Promise<RedeemedLink> {
    const row = await this.find(token, em, true);
    if (!row || row.purpose !== purpose) throw invalidLink(purpose);
    await execute(em, `UPDATE user_tokens SET used_at = now() WHERE id = $1`, [row.id]);
    return {
      workspaceId: row.workspace_id,
      userId: row.user_id,
      email: row.email,
      role: row.role,
      purpose: row.purpose,
    };
  }
}
