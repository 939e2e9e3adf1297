import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MemberRole, MemberView } from '@switchyard/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { execute, selectOne, selectRows } from '../database/sql.util.js';

export interface UserRow {
  id: string;
  workspace_id: string;
  email: string;
  role: MemberRole;
  password_hash: string | null;
  created_at: Date;
  last_sign_in_at: Date | null;
}

type Db = DataSource | EntityManager;

const COLUMNS = 'id, workspace_id, email, role, password_hash, created_at, last_sign_in_at';

/** People of a workspace. E-mails are unique per workspace, compared case-insensitively. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Everyone with this e-mail, in any workspace (oldest workspace first). */
  byEmail(email: string): Promise<UserRow[]> {
    return selectRows<UserRow>(
      this.db,
      `SELECT u.id, u.workspace_id, u.email, u.role, u.password_hash, u.created_at, u.last_sign_in_at
         FROM users u JOIN workspaces w ON w.id = u.workspace_id
        WHERE lower(u.email) = lower($1)
        ORDER BY w.created_at, u.created_at`,
      [email],
    );
  }

  byId(workspaceId: string, id: string, db: Db = this.db): Promise<UserRow | undefined> {
    return selectOne<UserRow>(
      db,
      `SELECT ${COLUMNS} FROM users WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id],
    );
  }

  byWorkspaceEmail(workspaceId: string, email: string, db: Db = this.db) {
    return selectOne<UserRow>(
      db,
      `SELECT ${COLUMNS} FROM users WHERE workspace_id = $1 AND lower(email) = lower($2)`,
      [workspaceId, email],
    );
  }

  list(workspaceId: string): Promise<UserRow[]> {
    return selectRows<UserRow>(
      this.db,
      `SELECT ${COLUMNS} FROM users WHERE workspace_id = $1
        ORDER BY CASE role WHEN 'owner' THEN 0 WHEN 'marketer' THEN 1 ELSE 2 END, lower(email)`,
      [workspaceId],
    );
  }

  /** Inserts a person without a password (they choose it through a link). */
  async insert(workspaceId: string, email: string, role: MemberRole, db: Db = this.db) {
    const row = await selectOne<UserRow>(
      db,
      `INSERT INTO users (workspace_id, email, role) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
      [workspaceId, email, role],
    );
    if (!row) throw new Error('insert returned no user');
    return row;
  }

  setPassword(userId: string, passwordHash: string, db: Db = this.db): Promise<number> {
    return execute(db, `UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [
      userId,
      passwordHash,
    ]);
  }

  /** The member with the new role, or undefined when there is none with that id. */
  async setRole(workspaceId: string, id: string, role: MemberRole, db: Db = this.db) {
    await execute(
      db,
      `UPDATE users SET role = $3, updated_at = now() WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id, role],
    );
    return this.byId(workspaceId, id, db);
  }

  remove(workspaceId: string, id: string, db: Db = this.db): Promise<number> {
    return execute(db, `DELETE FROM users WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
  }

  signedIn(userId: string): Promise<number> {
    return execute(this.db, `UPDATE users SET last_sign_in_at = now() WHERE id = $1`, [userId]);
  }

  /**
   * Locks the workspace's owners (so two removals cannot each leave the other) and
   * counts those who can sign in, other than `exceptId`.
   */
  async otherActiveOwners(workspaceId: string, exceptId: string, db: EntityManager) {
    const rows = await selectRows<{ id: string; password_hash: string | null }>(
      db,
      `SELECT id, password_hash FROM users WHERE workspace_id = $1 AND role = 'owner'
        ORDER BY id FOR UPDATE`,
      [workspaceId],
    );
    return rows.filter((r) => r.id !== exceptId && r.password_hash !== null).length;
  }
}

export function memberView(row: UserRow): MemberView {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    status: row.password_hash === null ? 'invited' : 'active',
    createdAt: row.created_at.toISOString(),
    lastSignInAt: row.last_sign_in_at?.toISOString() ?? null,
  };
}
