import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditEntryView, AuditLogPage, AuditLogQuery } from '@switchyard/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { type Actor, actorLabel } from '../auth/actor.types.js';
import { execute, selectOne, selectRows } from '../database/sql.util.js';

export interface AuditEntry {
  workspaceId: string;
  actor: Actor | null;
  action: string;
  targetType: string;
  targetId: string | null;
  details?: Record<string, unknown>;
}

interface AuditRow {
  id: string;
  created_at: Date;
  actor_type: 'user' | 'api_key' | 'system';
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string | null;
  details: Record<string, unknown>;
}

/** The audit log: append-only; actors are kept by id and by name (names outlive people). */
@Injectable()
export class AuditLogService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(entry: AuditEntry, db: DataSource | EntityManager = this.db): Promise<void> {
    const actor = entry.actor;
    const actorType = actor ? (actor.kind === 'user' ? 'user' : 'api_key') : 'system';
    const actorId = actor ? (actor.kind === 'user' ? actor.userId : actor.apiKeyId) : null;
    await execute(
      db,
      `INSERT INTO audit_log
         (workspace_id, actor_type, actor_id, actor_label, action, target_type, target_id, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        entry.workspaceId,
        actorType,
        actorId,
        actor ? actorLabel(actor) : 'Switchyard',
        entry.action,
        entry.targetType,
        entry.targetId,
        JSON.stringify(entry.details ?? {}),
      ],
    );
  }

  /** Newest first, a page at a time, optionally one action only. */
  async list(workspaceId: string, query: AuditLogQuery): Promise<AuditLogPage> {
    const params: unknown[] = [workspaceId];
    let where = 'workspace_id = $1';
    if (query.action) {
      params.push(query.action);
      where += ` AND action = $${params.length}`;
    }
    const total = await selectOne<{ n: number }>(
      this.db,
      `SELECT count(*)::int AS n FROM audit_log WHERE ${where}`,
      params,
    );
    const rows = await selectRows<AuditRow>(
      this.db,
      `SELECT id::text AS id, created_at, actor_type, actor_id, actor_label, action, target_type,
              target_id, details
         FROM audit_log WHERE ${where}
        ORDER BY audit_log.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.limit, query.offset],
    );
    return {
      entries: rows.map(toView),
      total: total?.n ?? 0,
      limit: query.limit,
      offset: query.offset,
    };
  }
}

function toView(row: AuditRow): AuditEntryView {
  return {
    id: row.id,
    at: row.created_at.toISOString(),
    actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label },
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    details: row.details,
  };
}
