import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EmailSuppressionView } from '@switchyard/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { execute, selectRows } from '../database/sql.util.js';

type Db = DataSource | EntityManager;

/** An address to stop e-mailing, and why (the server's refusal). */
export interface Suppression {
  workspaceId: string;
  address: string;
  reason: string;
}

/**
 * Hard-bounced addresses per workspace (email_suppressions): written when a server refuses
 * an address for good, read before every e-mail is sent, listed and removed through the API.
 * Addresses are compared in lower case.
 */
@Injectable()
export class EmailSuppressionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Adds them (in the caller's transaction); an address already there keeps its reason.
   * How many were new.
   */
  async add(em: Db, suppressions: readonly Suppression[]): Promise<number> {
    if (suppressions.length === 0) return 0;
    const added = await selectRows<{ address: string }>(
      em,
      `INSERT INTO email_suppressions (workspace_id, address, reason)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])
       ON CONFLICT (workspace_id, address) DO NOTHING
       RETURNING address`,
      [
        suppressions.map((s) => s.workspaceId),
        suppressions.map((s) => s.address.trim().toLowerCase()),
        suppressions.map((s) => s.reason.slice(0, 500)),
      ],
    );
    return added.length;
  }

  /** Of `addresses`, those the workspace does not e-mail any more (lower case). */
  async suppressed(
    em: Db,
    workspaceId: string,
    addresses: readonly string[],
  ): Promise<Set<string>> {
    const rows = await selectRows<{ address: string }>(
      em,
      `SELECT address FROM email_suppressions WHERE workspace_id = $1 AND address = ANY($2::text[])`,
      [workspaceId, addresses.map((a) => a.trim().toLowerCase())],
    );
    return new Set(rows.map((r) => r.address));
  }

  async list(workspaceId: string, limit: number): Promise<EmailSuppressionView[]> {
    const rows = await selectRows<{ address: string; reason: string; created_at: Date }>(
      this.db,
      `SELECT address, reason, created_at FROM email_suppressions WHERE workspace_id = $1
        ORDER BY created_at DESC, address LIMIT $2`,
      [workspaceId, limit],
    );
    return rows.map((r) => ({
      address: r.address,
      reason: r.reason,
      since: r.created_at.toISOString(),
    }));
  }

  /** True when the address was suppressed. */
  async remove(workspaceId: string, address: string): Promise<boolean> {
    const removed = await execute(
      this.db,
      `DELETE FROM email_suppressions WHERE workspace_id = $1 AND address = $2`,
      [workspaceId, address.trim().toLowerCase()],
    );
    return removed > 0;
  }
}
