import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type Queryable, selectRows } from '../database/sql.util.js';
import { USUAL_HOUR_DAYS, usualHourOf } from './usual-hour.util.js';

/** How many of a customer's latest events are read for their usual hour. */
const MAX_EVENTS_READ = 500;

/** When a customer is active, from their tracked events (ctx.usualHour()). */
@Injectable()
export class CustomerActivityRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The customer's usual hour in `timeZone` (see usualHourOf) over the USUAL_HOUR_DAYS
   * before `asOf`, from their latest 500 tracked events. The hours are counted here, not
   * in SQL: ICU's zones (what the engine uses everywhere) and Postgres's may differ, and
   * a zone Postgres did not know would fail the step's whole transaction.
   */
  async usualHour(
    workspaceId: string,
    customerId: string,
    timeZone: string,
    asOf: Date,
    em: Queryable = this.db,
  ): Promise<number | null> {
    const rows = await selectRows<{ ts: Date }>(
      em,
      `SELECT ts FROM events
        WHERE customer_id = $2::bigint AND workspace_id = $1 AND type = 'track'
          AND ts > $3::timestamptz - make_interval(days => $4) AND ts <= $3::timestamptz
        ORDER BY ts DESC LIMIT ${MAX_EVENTS_READ}`,
      [workspaceId, customerId, asOf, USUAL_HOUR_DAYS],
    );
    return usualHourOf(
      rows.map((r) => r.ts),
      timeZone,
    );
  }
}
