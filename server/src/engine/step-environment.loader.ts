import { Injectable } from '@nestjs/common';
import {
  isTimeZone,
  triggerSegmentId,
  type JourneyNode,
  type Trigger,
} from '@switchyard/contracts';
import type { ActionCustomer, ActionTrigger } from '@switchyard/sdk';
import type { EntityManager } from 'typeorm';
import type { StepEnvironment } from './step-environment.types.js';
import type { LockedEnrollment } from './step-runner.service.js';
import { selectRows } from '../database/sql.util.js';
import type { CachedVersion } from './version-cache.service.js';

export interface EnvironmentRow {
  id: string;
  external_id: string;
  traits: Record<string, unknown>;
  as_of: Date | null;
  segment_name: string | null;
  workspace_timezone: string;
}

/** An enrollment whose step environment is wanted. */
export interface EnvironmentRequest {
  enrollment: LockedEnrollment;
  version: CachedVersion;
}

/** Loads the customer, the workspace's zone and what started the enrollment. */
@Injectable()
export class StepEnvironmentLoader {
  async load(
    em: EntityManager,
    enrollment: LockedEnrollment,
    version: CachedVersion,
    node: JourneyNode,
  ): Promise<StepEnvironment | undefined> {
    const rows = await this.loadMany(em, [{ enrollment, version }]);
    const row = rows.get(enrollment.id);
    return row ? buildEnvironment(row, enrollment, version, node, new Date()) : undefined;
  }

  /** One query for a whole batch: the rows by enrollment id (missing: the customer is gone). */
  async loadMany(
    em: EntityManager,
    requests: readonly EnvironmentRequest[],
  ): Promise<Map<string, EnvironmentRow>> {
    const rows = await selectRows<EnvironmentRow & { enrollment_id: string }>(
      em,
      // The customer is looked up by id per row (the lateral subquery is not flattened):
      // otherwise the planner may join on workspace_id and read every customer of it.
      `SELECT x.enrollment_id::text AS enrollment_id, c.id::text AS id, c.external_id, c.traits, t.as_of,
              s.name AS segment_name, w.timezone AS workspace_timezone
         FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::uuid[], $5::uuid[])
              AS x(enrollment_id, customer_id, transition_id, segment_id, workspace_id)
         JOIN LATERAL (SELECT c.id, c.external_id, c.traits, c.workspace_id
                         FROM customers c WHERE c.id = x.customer_id OFFSET 0) c
           ON c.workspace_id = x.workspace_id
         JOIN workspaces w ON w.id = x.workspace_id
         LEFT JOIN segment_transitions t ON t.id = x.transition_id
         LEFT JOIN segments s ON s.id = COALESCE(t.segment_id, x.segment_id) AND s.workspace_id = x.workspace_id`,
      [
        requests.map((r) => r.enrollment.id),
        requests.map((r) => r.enrollment.customer_id),
        requests.map((r) => r.enrollment.transition_id),
        requests.map((r) => triggerSegmentId(r.version.trigger)),
        requests.map((r) => r.enrollment.workspace_id),
      ],
    );
    return new Map(rows.map((row) => [row.enrollment_id, row]));
  }
}

/** The environment of one step from its loaded row. */
export function buildEnvironment(
  row: EnvironmentRow,
  enrollment: LockedEnrollment,
  version: CachedVersion,
  node: JourneyNode,
  now: Date,
): StepEnvironment {
  return {
    workspaceId: enrollment.workspace_id,
    workspaceTimezone: row.workspace_timezone,
    enrollmentId: enrollment.id,
    journeyId: enrollment.journey_id,
    versionId: enrollment.version_id,
    node,
    seq: enrollment.step_seq,
    customer: actionCustomer(row, row.workspace_timezone),
    trigger: actionTrigger(
      version.trigger,
      row.segment_name,
      enrollment.trigger_data,
      row.as_of ?? enrollment.created_at,
    ),
    context: enrollment.context,
    now,
  };
}

/** The customer as actions see it: their `timezone` trait when valid, else the workspace's. */
export function actionCustomer(
  row: Pick<EnvironmentRow, 'id' | 'external_id' | 'traits'>,
  workspaceTimezone: string,
): ActionCustomer {
  const zoneTrait = row.traits['timezone'];
  const timezone =
    typeof zoneTrait === 'string' && isTimeZone(zoneTrait) ? zoneTrait : workspaceTimezone;
  return { id: row.id, externalId: row.external_id, traits: row.traits, timezone };
}

/**
 * What started a run: the trigger, with the event of an event trigger and the time the
 * run records (`trigger_data.at`), else `fallbackAt` (the transition's as-of time).
 */
export function actionTrigger(
  trigger: Trigger,
  segmentName: string | null,
  triggerData: Record<string, unknown> | null,
  fallbackAt: Date,
): ActionTrigger {
  const data = triggerData ?? {};
  const event =
    typeof data['event'] === 'string'
      ? {
          name: data['event'],
          properties: (data['properties'] ?? {}) as Record<string, unknown>,
        }
      : undefined;
  const at = typeof data['at'] === 'string' ? data['at'] : fallbackAt.toISOString();
  return { trigger, segmentName, at, ...(event ? { event } : {}) };
}
