import { Injectable } from '@nestjs/common';
import { isTimeZone, triggerSegmentId, type JourneyNode } from '@switchyard/contracts';
import type { EntityManager } from 'typeorm';
import type { StepEnvironment } from './step-environment.types.js';
import type { LockedEnrollment } from './step-runner.service.js';
import { selectOne } from '../database/sql.util.js';
import type { CachedVersion } from './version-cache.service.js';

interface EnvironmentRow {
  id: string;
  external_id: string;
  traits: Record<string, unknown>;
  as_of: Date | null;
  segment_name: string | null;
  workspace_timezone: string;
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
    const row = await selectOne<EnvironmentRow>(
      em,
      `SELECT c.id::text AS id, c.external_id, c.traits, t.as_of, s.name AS segment_name,
              w.timezone AS workspace_timezone
         FROM customers c
         JOIN workspaces w ON w.id = c.workspace_id
         LEFT JOIN segment_transitions t ON t.id = $2
         LEFT JOIN segments s ON s.id = COALESCE(t.segment_id, $3::uuid) AND s.workspace_id = c.workspace_id
        WHERE c.id = $1 AND c.workspace_id = $4`,
      [
        enrollment.customer_id,
        enrollment.transition_id,
        triggerSegmentId(version.trigger),
        enrollment.workspace_id,
      ],
    );
    if (!row) return undefined;
    const zoneTrait = row.traits['timezone'];
    const timezone =
      typeof zoneTrait === 'string' && isTimeZone(zoneTrait) ? zoneTrait : row.workspace_timezone;
    const data = enrollment.trigger_data ?? {};
    const event =
      typeof data['event'] === 'string'
        ? {
            name: data['event'],
            properties: (data['properties'] ?? {}) as Record<string, unknown>,
          }
        : undefined;
    const at = typeof data['at'] === 'string' ? data['at'] : null;
    return {
      workspaceId: enrollment.workspace_id,
      workspaceTimezone: row.workspace_timezone,
      enrollmentId: enrollment.id,
      journeyId: enrollment.journey_id,
      versionId: enrollment.version_id,
      node,
      seq: enrollment.step_seq,
      customer: {
        id: row.id,
        externalId: row.external_id,
        traits: row.traits,
        timezone,
      },
      trigger: {
        trigger: version.trigger,
        segmentName: row.segment_name,
        at: at ?? (row.as_of ?? enrollment.created_at).toISOString(),
        ...(event ? { event } : {}),
      },
      context: enrollment.context,
      now: new Date(),
    };
  }
}
