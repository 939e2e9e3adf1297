import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { selectOne } from '../database/sql.util.js';

/** Internal customer ids from external ones. */
@Injectable()
export class CustomerIdsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async byExternalId(workspaceId: string, externalId: string): Promise<string | undefined> {
    const row = await selectOne<{ id: string }>(
      this.db,
      'SELECT id::text AS id FROM customers WHERE workspace_id = $1 AND external_id = $2',
      [workspaceId, externalId],
    );
    return row?.id;
  }
}
