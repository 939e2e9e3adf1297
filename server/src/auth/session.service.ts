import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MemberRole } from '@switchyard/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.service.js';
import { execute, selectOne } from '../database/sql.util.js';
import { generateSecretToken, hashSecretToken } from './secret-token.util.js';

export interface ResolvedSession {
  sessionId: string;
  userId: string;
  workspaceId: string;
  email: string;
  role: MemberRole;
  /** The expiry moved forward on this request: send the cookie again. */
  renewed: boolean;
}

export interface NewSession {
  token: string;
  maxAgeSeconds: number;
}

/** A session's expiry moves forward at most this often (one write a minute at most). */
const RENEW_AFTER_MS = 60_000;

/**
 * Web sessions: a random token in a cookie, its SHA-256 in `sessions`, with a sliding
 * expiry of SESSION_DAYS. Signing out deletes the row; a password reset deletes all of
 * the person's sessions; removing a person deletes theirs (cascade).
 */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  get maxAgeSeconds(): number {
    return this.config.values.SESSION_DAYS * 86_400;
  }

  async create(workspaceId: string, userId: string, db: DataSource | EntityManager = this.db) {
    const token = generateSecretToken();
    // Expired sessions of this person are swept as a new one starts.
    await execute(db, `DELETE FROM sessions WHERE user_id = $1 AND expires_at < now()`, [userId]);
    await execute(
      db,
      `INSERT INTO sessions (workspace_id, user_id, token_hash, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [workspaceId, userId, hashSecretToken(token), this.maxAgeSeconds],
    );
    return { token, maxAgeSeconds: this.maxAgeSeconds } satisfies NewSession;
  }

  async resolve(token: string): Promise<ResolvedSession | null> {
    const row = await selectOne<{
      id: string;
      user_id: string;
      workspace_id: string;
      email: string;
      role: MemberRole;
      last_seen_at: Date;
    }>(
      this.db,
      `SELECT s.id, s.user_id, s.workspace_id, s.last_seen_at, u.email, u.role
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > now() AND u.password_hash IS NOT NULL`,
      [hashSecretToken(token)],
    );
    if (!row) return null;
    let renewed = false;
    if (Date.now() - row.last_seen_at.getTime() > RENEW_AFTER_MS) {
      await execute(
        this.db,
        `UPDATE sessions SET last_seen_at = now(), expires_at = now() + make_interval(secs => $2)
          WHERE id = $1`,
        [row.id, this.maxAgeSeconds],
      );
      renewed = true;
    }
    return {
      sessionId: row.id,
      userId: row.user_id,
      workspaceId: row.workspace_id,
      email: row.email,
      role: row.role,
      renewed,
    };
  }

  /** Signing out: the token stops working at once. */
  async end(token: string): Promise<void> {
    await execute(this.db, `DELETE FROM sessions WHERE token_hash = $1`, [hashSecretToken(token)]);
  }

  /** Every session of a person (after a password change). */
  async endAllFor(userId: string, db: DataSource | EntityManager = this.db): Promise<number> {
    return execute(db, `DELETE FROM sessions WHERE user_id = $1`, [userId]);
  }
}
