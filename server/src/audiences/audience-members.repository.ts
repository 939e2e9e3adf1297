import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AudienceMemberList } from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { selectOne, selectRows } from '../database/sql.util.js';
import type { ExportMember } from './audience-export.util.js';

const EXPORT_CHUNK = 5000;

/** An audience's members: pages for the UI, every member in id order for exports. */
@Injectable()
export class AudienceMembersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async page(audienceId: string, limit: number, offset: number): Promise<AudienceMemberList> {
    const total = await selectOne<{ n: number }>(
      this.db,
      `SELECT count(*)::int AS n FROM audience_members WHERE audience_id = $1`,
      [audienceId],
    );
    const rows = await selectRows<{
      customer_id: string;
      external_id: string;
      email: string | null;
      phone: string | null;
      name: string | null;
      added_at: Date;
    }>(
      this.db,
      `SELECT m.customer_id::text AS customer_id, c.external_id, c.traits->>'email' AS email,
              c.traits->>'phone' AS phone,
              NULLIF(concat_ws(' ', c.traits->>'first_name', c.traits->>'last_name'), '') AS name,
              m.added_at
         FROM audience_members m JOIN customers c ON c.id = m.customer_id
        WHERE m.audience_id = $1
        ORDER BY m.customer_id
        LIMIT $2 OFFSET $3`,
      [audienceId, limit, offset],
    );
    return {
      total: total?.n ?? 0,
      items: rows.map((r) => ({
        customerId: r.customer_id,
        externalId: r.external_id,
        email: r.email,
        phone: r.phone,
        name: r.name,
        addedAt: r.added_at.toISOString(),
      })),
    };
  }

  /** Every member, a chunk at a time (keyset on customer id, so memory stays flat). */
  async *all(audienceId: string): AsyncGenerator<ExportMember[]> {
    let after = '0';
    for (;;) {
      const rows = await selectRows<ExportMember & { customer_id: string }>(
        this.db,
        `SELECT m.customer_id::text AS customer_id, c.external_id, c.traits->>'email' AS email,
                c.traits->>'phone' AS phone, c.traits->>'first_name' AS first_name,
                c.traits->>'last_name' AS last_name, m.added_at
           FROM audience_members m JOIN customers c ON c.id = m.customer_id
          WHERE m.audience_id = $1 AND m.customer_id > $2::bigint
          ORDER BY m.customer_id
          LIMIT $3`,
        [audienceId, after, EXPORT_CHUNK],
      );
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1]?.customer_id ?? after;
      if (rows.length < EXPORT_CHUNK) return;
    }
  }
}
