import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { selectRows } from '../database/sql.util.js';
import type { StoredEvent } from './enrollment/event-enrollment.service.js';
import { JourneySchedulerService } from './journey-scheduler.service.js';

/**
 * After events are stored: runs that may react to them get a `wake` job now instead of
 * at their timeout — a wait-for-event step listening to one of the names, or a journey
 * whose goal (with exit on goal) is one of them. The job only re-checks the rows, so a
 * lost wake costs latency, never correctness: the step's own timeout job (and the
 * reconciler) still come, and they check the events table too.
 */
@Injectable()
export class EventWakeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scheduler: JourneySchedulerService,
  ) {}

  async wake(workspaceId: string, events: readonly StoredEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const customers = [...new Set(events.map((e) => e.customer_id))];
    const names = [...new Set(events.map((e) => e.name))];
    const rows = await selectRows<{ id: string; current_node_id: string; step_seq: number }>(
      this.db,
      `SELECT e.id, e.current_node_id, e.step_seq
         FROM enrollments e
         JOIN journey_versions v ON v.id = e.version_id
         LEFT JOIN enrollment_steps s ON s.enrollment_id = e.id AND s.seq = e.step_seq AND s.status = 'waiting'
        WHERE e.workspace_id = $1 AND e.customer_id = ANY($2::bigint[]) AND e.status = 'active'
          AND (s.wait_event ->> 'name' = ANY($3::text[])
               OR ((v.settings #>> '{exit,onGoal}')::boolean IS TRUE
                   AND v.settings #>> '{goal,event}' = ANY($3::text[])))`,
      [workspaceId, customers, names],
    );
    if (rows.length === 0) return 0;
    const suffix = events.reduce((max, e) => (BigInt(e.id) > BigInt(max) ? e.id : max), '0');
    await this.scheduler.schedule(
      rows.map((row) => ({
        kind: 'wake',
        enrollmentId: row.id,
        nodeId: row.current_node_id,
        seq: row.step_seq,
        suffix,
      })),
    );
    return rows.length;
  }
}
