import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CustomerList,
  CustomerListItem,
  CustomerListQuery,
  SegmentLabel,
} from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { queryWithoutJit } from '../catalog/without-jit.util.js';
import {
  containsPattern,
  CUSTOMER_LABELS_SQL,
  CUSTOMER_PAGE_SQL,
  CUSTOMER_SEARCH_SQL,
} from './customer-list.sql.js';

interface ListRow {
  id: string;
  external_id: string;
  name: string | null;
  email: string | null;
  first_seen_at: Date;
  last_seen_at: Date;
}

interface LabelRow extends SegmentLabel {
  customer_id: string;
}

/** The searchable customer list with each customer's segment labels. */
@Injectable()
export class CustomerListService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(workspaceId: string, query: CustomerListQuery): Promise<CustomerList> {
    const q = query.q?.trim() ?? '';
    // One more row than asked tells whether another page follows.
    const params: unknown[] = [workspaceId, query.limit + 1, query.offset];
    const rows: ListRow[] = q
      ? await queryWithoutJit<ListRow>(this.db, CUSTOMER_SEARCH_SQL, [
          ...params,
          containsPattern(q.replace(/\n/g, ' ')),
        ])
      : await this.db.query(CUSTOMER_PAGE_SQL, params);
    const page = rows.slice(0, query.limit);
    const labels = await this.labels(
      workspaceId,
      page.map((r) => r.id),
    );
    return {
      items: page.map((r): CustomerListItem => ({
        id: r.id,
        externalId: r.external_id,
        name: r.name,
        email: r.email,
        firstSeenAt: r.first_seen_at.toISOString(),
        lastSeenAt: r.last_seen_at.toISOString(),
        segments: labels.get(r.id) ?? [],
      })),
      limit: query.limit,
      offset: query.offset,
      hasMore: rows.length > query.limit,
    };
  }

  private async labels(
    workspaceId: string,
    customerIds: readonly string[],
  ): Promise<Map<string, SegmentLabel[]>> {
    const byCustomer = new Map<string, SegmentLabel[]>();
    if (customerIds.length === 0) return byCustomer;
    const rows: LabelRow[] = await this.db.query(CUSTOMER_LABELS_SQL, [workspaceId, customerIds]);
    for (const { customer_id, id, name, color } of rows) {
      const list = byCustomer.get(customer_id) ?? [];
      list.push({ id, name, color });
      byCustomer.set(customer_id, list);
    }
    return byCustomer;
  }
}
