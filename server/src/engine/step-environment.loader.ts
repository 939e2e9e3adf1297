import { Injectable } from '@nestjs/common';
import type { JourneyNode } from '@switchyard/contracts';
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
}

/** Loads the customer and the transition that started the enrollment. */
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
      `SELECT c.id::text AS id, c.external_id, c.traits, t.as_of, s.name AS segment_name
         FROM customers c
         LEFT JOIN segment_transitions t ON t.id = $2
         LEFT JOIN segments s ON s.id = COALESCE(t.segment_id, $3::uuid) AND s.workspace_id = c.workspace_id
        WHERE c.id = $1 AND c.workspace_id = $4`,
      [
        enrollment.customer_id,
        enrollment.transition_id,
        version.trigger.segmentId,
        enrollment.workspace_id,
      ],
    );
    if (!row) return undefined;
    return {
      enrollmentId: enrollment.id,
      journeyId: enrollment.journey_id,
      versionId: enrollment.version_id,
      node,
      customer: { id: row.id, externalId: row.external_id, traits: row.traits },
      trigger: {
        trigger: version.trigger,
        segmentName: row.segment_name,
        at: (row.as_of ?? enrollment.created_at).toISOString(),
      },
      context: enrollment.context,
      now: new Date(),
    };
  }
}
